// No findings: the fan-out is bounded by a semaphore.
#include "aio/aio.hpp"

#include <chrono>
#include <vector>

aio::Task<int> download(aio::Semaphore &limit, int id) {
  auto slot = co_await limit.acquire();
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return id;
}

aio::Task<int> clean_main() {
  aio::Semaphore limit(5, "downloads");
  std::vector<aio::Task<int>> downloads;
  for (int id = 0; id < 50; ++id)
    downloads.push_back(download(limit, id));
  std::vector<int> ids = co_await aio::gather(std::move(downloads));
  co_return static_cast<int>(ids.size());
}
