// aio I/O: readiness on pipes and loopback TCP sockets.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <string>

namespace {

using namespace aio_test;

aio::Task<std::string> read_all(int fd) {
  std::string out;
  char buf[4096];
  while (ssize_t n = co_await aio::read_some(fd, buf, sizeof buf))
    out.append(buf, static_cast<std::size_t>(n));
  co_return out;
}

TEST(Io, PipeReaderWaitsForTheWriter) {
  auto main = []() -> aio::Task<std::string> {
    aio::PipeFds pipe = aio::make_pipe();
    auto writer = [](int fd) -> aio::Task<void> {
      co_await aio::sleep(10ms);
      co_await aio::write_all(fd, "hello");
      ::close(fd);
    };
    auto h = aio::spawn(writer(pipe.write_fd));
    std::string got = co_await read_all(pipe.read_fd);
    co_await h;
    ::close(pipe.read_fd);
    co_return got + "@" + std::to_string(vms());
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), "hello@10");
}

TEST(Io, WriteAllWaitsForAFullPipeToDrain) {
  auto main = []() -> aio::Task<bool> {
    aio::PipeFds pipe = aio::make_pipe();
    std::string big(1 << 20, 'x'); // far more than the pipe buffer
    auto writer = [](int fd, std::string data) -> aio::Task<void> {
      co_await aio::write_all(fd, std::move(data));
      ::close(fd);
    };
    auto [unused, got] = co_await aio::gather(writer(pipe.write_fd, big), read_all(pipe.read_fd));
    ::close(pipe.read_fd);
    co_return got == big;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Io, LoopbackTcpEcho) {
  auto main = []() -> aio::Task<std::string> {
    int listener = aio::listen_tcp(0);
    std::uint16_t port = aio::local_port(listener);
    EXPECT_NE(port, 0);
    auto server = [](int lfd) -> aio::Task<void> {
      int conn = co_await aio::accept(lfd);
      std::string request = co_await read_all(conn); // until the client shuts down writing
      co_await aio::write_all(conn, "echo: " + request);
      ::close(conn);
    };
    auto h = aio::spawn(server(listener));
    int client = co_await aio::connect_tcp(port);
    co_await aio::write_all(client, "ping");
    ::shutdown(client, SHUT_WR);
    std::string reply = co_await read_all(client);
    co_await h;
    ::close(client);
    ::close(listener);
    co_return reply;
  };
  EXPECT_EQ(aio::run(main(), real_time()), "echo: ping");
}

TEST(Io, ConnectToAClosedPortThrowsSystemError) {
  auto main = []() -> aio::Task<void> {
    int listener = aio::listen_tcp(0);
    std::uint16_t port = aio::local_port(listener);
    ::close(listener);
    int fd = co_await aio::connect_tcp(port);
    ::close(fd);
  };
  EXPECT_THROW(aio::run(main(), real_time()), std::system_error);
}

TEST(Io, CancelledReadStopsWatchingTheFd) {
  auto main = []() -> aio::Task<std::string> {
    aio::PipeFds pipe = aio::make_pipe();
    auto reader = [](int fd) -> aio::Task<std::string> { co_return co_await read_all(fd); };
    auto first = aio::spawn(reader(pipe.read_fd));
    co_await aio::sleep(5ms);
    first.cancel();
    try {
      co_await first;
    } catch (const aio::CancelledError&) {
    }
    // A second reader may now wait on the same fd (the cancelled watch is gone).
    auto second = aio::spawn(reader(pipe.read_fd));
    co_await aio::write_all(pipe.write_fd, "after cancel");
    ::close(pipe.write_fd);
    std::string got = co_await second;
    ::close(pipe.read_fd);
    co_return got;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), "after cancel");
}

TEST(Io, ReadableAndWritableAreAwaitableDirectly) {
  auto main = []() -> aio::Task<bool> {
    aio::PipeFds pipe = aio::make_pipe();
    co_await aio::writable(pipe.write_fd);
    // NOLINTNEXTLINE(async-blocking-call): the pipe is non-blocking and writable
    EXPECT_EQ(::write(pipe.write_fd, "x", 1), 1);
    co_await aio::readable(pipe.read_fd);
    char c = 0;
    // NOLINTNEXTLINE(async-blocking-call): the pipe is non-blocking and readable
    bool ok = ::read(pipe.read_fd, &c, 1) == 1 && c == 'x';
    ::close(pipe.read_fd);
    ::close(pipe.write_fd);
    co_return ok;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

} // namespace
