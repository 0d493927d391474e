#include "aio/aio.hpp"
#include "sessions.hpp"

#include <vector>

aio::Task<void> serve_all(std::vector<Connection> connections) {
  aio::Semaphore slots(8, "sessions");
  std::vector<aio::TaskHandle<void>> handles;
  for (const Connection& connection : connections)
    handles.push_back(aio::spawn(serve_limited(slots, connection)));
  for (const Connection& connection : connections)
    handles.push_back(aio::spawn(serve_unlimited(connection)));
  for (auto& handle : handles)
    co_await handle;
}
