#include "journal.hpp"

#include <unistd.h>

void sync_to_disk(int fd) {
  if (fd >= 0)
    fsync(fd);
}
