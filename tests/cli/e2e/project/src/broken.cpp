// Does not compile; listed in the database only by the tests that want a failed unit.
#include "aio/aio.hpp"

aio::Task<int> broken() {
  co_return undeclared_value;
}
