// Helpers shared by the runtime tests: virtual-time runs and capture of the debug oracle.
#pragma once

#include <aio/aio.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace aio_test {

using namespace std::chrono_literals;

/// Options for a run on a fresh VirtualClock with debug mode off (whatever the environment).
inline aio::RunOptions virtual_time() { return {.clock = aio::VirtualClock{}, .debug = false}; }

/// Options for a run on the real clock with debug mode off.
inline aio::RunOptions real_time() { return {.debug = false}; }

/// Virtual milliseconds elapsed in the running loop (a VirtualClock starts at zero).
inline long long vms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(aio::now().time_since_epoch())
      .count();
}

/// Spawns `task`, cancels it after `delay`, and awaits it: returns the virtual milliseconds at
/// which the CancelledError arrived, or -1 when the task ended without raising it.
template <class T>
aio::Task<long long> cancel_after(aio::Task<T> task, std::chrono::milliseconds delay) {
  auto handle = aio::spawn(std::move(task));
  co_await aio::sleep(delay);
  handle.cancel();
  try {
    co_await handle;
  } catch (const aio::CancelledError&) {
    co_return vms();
  }
  co_return -1;
}

/// A temporary file for the oracle, removed at destruction; parses the events written to it.
class OracleCapture {
public:
  OracleCapture() {
    char tmpl[] = "/tmp/aio-oracle-XXXXXX";
    int fd = ::mkstemp(tmpl);
    ::close(fd);
    path_ = tmpl;
  }
  OracleCapture(const OracleCapture&) = delete;
  OracleCapture& operator=(const OracleCapture&) = delete;
  ~OracleCapture() { ::unlink(path_.c_str()); }

  const std::string& path() const { return path_; }

  /// Run options with debug mode on, writing here, on a VirtualClock unless `real`.
  aio::RunOptions options(bool real = false) const {
    aio::RunOptions o{.debug = true, .debug_file = path_};
    if (!real)
      o.clock = aio::VirtualClock{};
    return o;
  }

  /// Every line written so far, each parsed as one JSON object.
  std::vector<nlohmann::json> events() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(path_);
    for (std::string line; std::getline(in, line);)
      out.push_back(nlohmann::json::parse(line));
    return out;
  }
  /// The events named `name`.
  std::vector<nlohmann::json> events(std::string_view name) const {
    std::vector<nlohmann::json> out;
    for (auto& e : events())
      if (e.at("event") == name)
        out.push_back(e);
    return out;
  }

private:
  std::string path_;
};

} // namespace aio_test
