// Shared by alpha.cpp and beta.cpp: its finding must be reported once.
#pragma once

#include "aio/aio.hpp"

#include <chrono>
#include <thread>

namespace shared {

inline aio::Task<int> settle(int value) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  co_return value;
}

} // namespace shared
