#include "journal.hpp"

void note_commit(Journal& journal) { journal.pending += "commit\n"; }

void flush_journal(Journal& journal) {
  journal.pending.clear();
  sync_to_disk(journal.fd);
}
