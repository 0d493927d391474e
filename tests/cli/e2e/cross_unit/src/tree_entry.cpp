#include "tree.hpp"

void visit_entry(const Entry& entry, int& count) {
  ++count;
  stat_entry(entry, count);
}
