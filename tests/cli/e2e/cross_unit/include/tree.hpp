// A directory walk whose helpers call each other in a cycle across three files:
// visit_dir (tree_dir.cpp) -> visit_entry (tree_entry.cpp) -> stat_entry (tree_stat.cpp)
// -> visit_dir. stat_entry sleeps (a slow network file system).
#pragma once

#include <string>
#include <vector>

struct Entry {
  std::string name;
  bool is_dir = false;
  std::vector<Entry> children;
};

void visit_dir(const Entry& dir, int& count);
void visit_entry(const Entry& entry, int& count);
void stat_entry(const Entry& entry, int& count);
