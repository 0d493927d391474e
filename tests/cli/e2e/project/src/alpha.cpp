// A task created and dropped; and the shared header's blocking call.
#include "shared.hpp"

aio::Task<void> save(int value) {
  co_await shared::settle(value);
}

aio::Task<int> alpha_main() {
  int total = co_await shared::settle(7);
  save(total);
  co_return total;
}
