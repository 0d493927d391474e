#include "aio/aio.hpp"
#include "tree.hpp"

#include <chrono>

aio::Task<int> index_tree(Entry root) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  int count = 0;
  visit_dir(root, count);
  co_return count;
}
