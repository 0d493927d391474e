#include "tree.hpp"

void visit_dir(const Entry& dir, int& count) {
  for (const Entry& child : dir.children)
    visit_entry(child, count);
}
