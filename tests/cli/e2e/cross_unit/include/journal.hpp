// A journal whose flush reaches the disk through two other files: handler.cpp's coroutine
// calls flush_journal (journal.cpp), which calls sync_to_disk (disk.cpp), which calls fsync.
#pragma once

#include <string>

struct Journal {
  int fd = -1;
  std::string pending;
};

void flush_journal(Journal& journal);
void sync_to_disk(int fd);
void note_commit(Journal& journal);
