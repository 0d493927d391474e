#include "aio/aio.hpp"
#include "journal.hpp"
#include "pipeline.hpp"

#include <chrono>

aio::Task<int> commit(Journal& journal) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  note_commit(journal);
  flush_journal(journal);
  co_return 0;
}

aio::Task<int> commit_quietly(Journal& journal) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  flush_journal(journal); // NOLINT(async-blocking-call): measured, the disk is a RAM disk
  co_return 0;
}

aio::Task<int> transform(int value) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  stage1(value);
  co_return value;
}
