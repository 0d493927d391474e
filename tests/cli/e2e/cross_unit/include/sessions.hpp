// Two session coroutines defined in sessions.cpp: serve_limited acquires a unit of the
// limiter before its first suspension, serve_unlimited does not.
#pragma once

#include "aio/aio.hpp"

struct Connection {
  int id = 0;
};

aio::Task<void> serve_limited(aio::Semaphore& slots, Connection connection);
aio::Task<void> serve_unlimited(Connection connection);
