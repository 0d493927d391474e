#include "tree.hpp"

#include <chrono>
#include <thread>

void stat_entry(const Entry& entry, int& count) {
  if (entry.is_dir)
    visit_dir(entry, count);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
}
