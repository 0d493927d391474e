// One task per item with no bound, and a handler that swallows the cancellation.
#include "shared.hpp"

#include <exception>
#include <vector>

aio::Task<int> fetch(int item) {
  co_return co_await shared::settle(item);
}

aio::Task<int> fan_out(std::vector<int> items) {
  std::vector<aio::TaskHandle<int>> handles;
  for (int item : items)
    handles.push_back(aio::spawn(fetch(item)));
  int sum = 0;
  for (auto &handle : handles)
    sum += co_await handle;
  co_return sum;
}

aio::Task<int> careful() {
  try {
    co_await aio::sleep(std::chrono::milliseconds(1));
  } catch (const std::exception &) {
    co_return -1;
  }
  co_return 0;
}
