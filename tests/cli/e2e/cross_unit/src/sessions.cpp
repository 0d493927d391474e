#include "sessions.hpp"

#include <chrono>

aio::Task<void> serve_limited(aio::Semaphore& slots, Connection connection) {
  auto slot = co_await slots.acquire(); // held until the session ends
  co_await aio::sleep(std::chrono::milliseconds(connection.id));
}

aio::Task<void> serve_unlimited(Connection connection) {
  co_await aio::sleep(std::chrono::milliseconds(connection.id));
}
