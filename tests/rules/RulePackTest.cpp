//===- RulePackTest.cpp - the rule-pack loader and the built-in packs -----===//

#include "RulePack.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace async_lint::rules;

namespace {

std::vector<std::string> strings(const std::vector<LoadError> &Errors) {
  std::vector<std::string> Out;
  for (const LoadError &E : Errors)
    Out.push_back(E.str());
  return Out;
}

/// Errors of parsing one pack text named "bad.json".
std::vector<std::string> parseErrors(const std::string &Json) {
  RulePack P;
  std::vector<LoadError> Errors;
  bool Ok = parsePack("bad.json", Json, P, Errors);
  EXPECT_EQ(Ok, Errors.empty());
  return strings(Errors);
}

/// A valid pack with one blocking entry; Entry replaces the entry's body.
std::string packWith(const std::string &Section, const std::string &Entries) {
  return R"j({"name": "user", "library": "l", "description": "d", ")j" + Section + R"j(": [)j" +
         Entries + "]}";
}

const char *const Sleep =
    R"j({"name": "sleep", "kind": "function", "category": "sleep", "reason": "r", "alternative": "a"})j";

RuleSet loadDefault() {
  std::vector<LoadError> Errors;
  RuleSet Set = loadRuleSet(LoadOptions(), Errors);
  EXPECT_EQ(strings(Errors), std::vector<std::string>());
  return Set;
}

std::vector<std::string> activeNames(const RuleSet &Set) {
  std::vector<std::string> Out;
  for (const RulePack &P : Set.packs())
    Out.push_back(P.Name);
  return Out;
}

std::string readSource(const std::string &Relative) {
  std::ifstream In(std::string(ASYNC_LINT_SOURCE_ROOT) + "/" + Relative);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

// ---- the built-in packs ---------------------------------------------------

TEST(BuiltinPacks, Names) {
  EXPECT_EQ(builtinPackNames(),
            (std::vector<std::string_view>{"aio", "asio", "async-simple", "boost-asio", "cobalt",
                                           "concurrencpp", "cppcoro", "folly", "libcoro", "posix",
                                           "qcoro", "seastar", "stdexec", "stdlib",
                                           "stdlib-mutex", "yaclib"}));
  EXPECT_TRUE(builtinPackText("nope").empty());
}

struct Counts {
  const char *Name;
  bool DefaultOn;
  std::size_t Blocking, Offloading, Spawn, Gather, ParallelAlgorithms, SchedulingAwaits, Limiters,
      StartedHandles, Cancellation, CoroutineTypes, CompletionTokens;
};

TEST(BuiltinPacks, EachLoadsWithExactCounts) {
  const Counts Expected[] = {
      // name             on   blk off sp ga pa sc li sh ca co ct
      {"aio", true, 4, 2, 2, 2, 0, 0, 1, 2, 1, 1, 0},
      {"asio", true, 37, 3, 1, 0, 0, 0, 0, 0, 2, 1, 13},
      {"async-simple", true, 6, 4, 6, 4, 2, 2, 3, 1, 2, 4, 0},
      {"boost-asio", true, 37, 3, 1, 0, 0, 0, 0, 0, 2, 1, 13},
      {"cobalt", true, 4, 0, 4, 5, 0, 2, 0, 1, 2, 6, 0},
      {"concurrencpp", true, 22, 10, 2, 2, 0, 2, 0, 2, 1, 3, 0},
      {"cppcoro", true, 5, 1, 1, 3, 0, 4, 1, 0, 1, 3, 0},
      {"folly", true, 29, 4, 6, 18, 0, 4, 3, 2, 2, 4, 0},
      {"libcoro", true, 8, 1, 9, 3, 0, 6, 2, 0, 5, 1, 0},
      {"posix", true, 46, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {"qcoro", true, 48, 4, 1, 0, 0, 1, 0, 1, 1, 3, 0},
      {"seastar", true, 6, 0, 0, 4, 4, 5, 3, 1, 5, 1, 0},
      {"stdexec", true, 6, 5, 14, 12, 0, 4, 0, 1, 1, 5, 0},
      {"stdlib", true, 50, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {"stdlib-mutex", false, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {"yaclib", true, 11, 5, 3, 8, 0, 4, 1, 4, 1, 3, 0},
  };
  for (const Counts &C : Expected) {
    SCOPED_TRACE(C.Name);
    RulePack P;
    std::vector<LoadError> Errors;
    ASSERT_TRUE(parsePack(C.Name, builtinPackText(C.Name), P, Errors));
    EXPECT_EQ(strings(Errors), std::vector<std::string>());
    EXPECT_EQ(P.Name, C.Name);
    EXPECT_EQ(P.DefaultOn, C.DefaultOn);
    EXPECT_EQ(P.Blocking.size(), C.Blocking);
    EXPECT_EQ(P.Offloading.size(), C.Offloading);
    EXPECT_EQ(P.Spawn.size(), C.Spawn);
    EXPECT_EQ(P.Gather.size(), C.Gather);
    // Only QCoro's and Seastar's tasks are eager tasks that may be nothing but a wait.
    EXPECT_EQ(P.WaitOperations.size(), std::string_view(C.Name) == "qcoro"     ? 25u
                                       : std::string_view(C.Name) == "seastar" ? 3u
                                                                               : 0u);
    // Seastar's threads, stdexec's adaptors and the standard algorithms run callables in
    // place; only concurrencpp
    // names the executors a hop to which does not offload.
    std::string_view Name = C.Name;
    EXPECT_EQ(P.InlineCallables.size(), Name == "seastar"   ? 21u
                                        : Name == "stdexec" ? 7u
                                        : Name == "stdlib"  ? 12u
                                        : Name == "concurrencpp" ? 4u
                                                            : 0u);
    EXPECT_EQ(P.ComputeExecutors.size(), Name == "concurrencpp" ? 2u : 0u);
    EXPECT_EQ(P.DeferringCalls.size(), Name == "folly" ? 1u : 0u);
    EXPECT_EQ(P.ParallelAlgorithms.size(), C.ParallelAlgorithms);
    EXPECT_EQ(P.SchedulingAwaits.size(), C.SchedulingAwaits);
    EXPECT_EQ(P.Limiters.size(), C.Limiters);
    EXPECT_EQ(P.StartedHandles.size(), C.StartedHandles);
    EXPECT_EQ(P.Cancellation.size(), C.Cancellation);
    EXPECT_EQ(P.CoroutineTypes.size(), C.CoroutineTypes);
    EXPECT_EQ(P.CompletionTokens.size(), C.CompletionTokens);
    EXPECT_TRUE(P.BoundedGroups.empty());
    EXPECT_TRUE(P.IgnoredAwaitables.empty());
  }
}

TEST(BuiltinPacks, BoostAsioMirrorsAsio) {
  RulePack Asio, Boost;
  std::vector<LoadError> Errors;
  ASSERT_TRUE(parsePack("asio", builtinPackText("asio"), Asio, Errors));
  ASSERT_TRUE(parsePack("boost-asio", builtinPackText("boost-asio"), Boost, Errors));
  ASSERT_EQ(Asio.Blocking.size(), Boost.Blocking.size());
  for (std::size_t I = 0; I < Asio.Blocking.size(); ++I) {
    std::string Name = Asio.Blocking[I].Name;
    if (Name.rfind("asio::", 0) == 0)
      Name = "boost::" + Name;
    EXPECT_EQ(Boost.Blocking[I].Name, Name);
    EXPECT_EQ(Boost.Blocking[I].Kind, Asio.Blocking[I].Kind);
    EXPECT_EQ(Boost.Blocking[I].Cat, Asio.Blocking[I].Cat);
  }
}

TEST(BuiltinPacks, DefaultSetHasEveryDefaultPack) {
  RuleSet Set = loadDefault();
  EXPECT_EQ(activeNames(Set),
            (std::vector<std::string>{"aio", "asio", "async-simple", "boost-asio", "cobalt",
                                      "concurrencpp", "cppcoro", "folly", "libcoro", "posix",
                                      "qcoro", "seastar", "stdexec", "stdlib", "yaclib"}));
  EXPECT_FALSE(Set.isActive("stdlib-mutex"));
  EXPECT_EQ(Set.blocking().size(),
            4u + 37 + 6 + 37 + 4 + 22 + 5 + 29 + 8 + 46 + 48 + 6 + 6 + 50 + 11);
  // Entries of one name in several packs count once (the last loaded wins).
  EXPECT_EQ(Set.offloading().size(), 46u);
  EXPECT_EQ(Set.spawn().size(), 50u);
  EXPECT_EQ(Set.gather().size(), 61u);
  EXPECT_EQ(Set.parallelAlgorithms().size(), 6u);
  EXPECT_EQ(Set.limiters().size(), 14u);
  EXPECT_EQ(Set.cancellation().size(), 26u);
  // Seastar's kinds and cppcoro's come only from some calls; the others from any await.
  auto RaisedBy = [&](std::string_view Name) {
    for (const CancellationKind &Kind : Set.cancellation())
      if (Kind.Name == Name)
        return Kind.RaisedBy;
    return std::vector<std::string>{"missing"};
  };
  EXPECT_EQ(RaisedBy("seastar-abort"),
            (std::vector<std::string>{"seastar::abort_source", "seastar::sleep_abortable",
                                      "seastar::queue"}));
  EXPECT_EQ(RaisedBy("cppcoro-operation-cancelled"),
            (std::vector<std::string>{"cppcoro::cancellation_token"}));
  EXPECT_EQ(RaisedBy("folly-operation-cancelled"), std::vector<std::string>());
  // async_simple raises its SignalException only on a chain the code gives a signal.
  auto Kind = std::find_if(Set.cancellation().begin(), Set.cancellation().end(),
                           [](const CancellationKind &K) {
    return K.Name == "async-simple-signal";
  });
  ASSERT_NE(Kind, Set.cancellation().end());
  EXPECT_EQ(Kind->EnabledBy,
            (std::vector<std::string>{"async_simple::Signal", "async_simple::Slot",
                                      "async_simple::Terminate",
                                      "async_simple::SignalException"}));
  // concurrencpp's coroutines taking an executor_tag run on the executor passed after it.
  EXPECT_TRUE(Set.isExecutorTag("concurrencpp::executor_tag"));
  EXPECT_FALSE(Set.isExecutorTag("concurrencpp::executor"));
}

TEST(BuiltinPacks, SchemaEnumsMatchTheLoader) {
  auto Schema = nlohmann::json::parse(readSource("rules/pack.schema.json"));
  auto Enum = [&](const char *Def) {
    std::vector<std::string> Out;
    for (const auto &V : Schema["$defs"][Def]["enum"])
      Out.push_back(V.get<std::string>());
    return Out;
  };
  auto Strings = [](const std::vector<std::string_view> &V) {
    return std::vector<std::string>(V.begin(), V.end());
  };
  EXPECT_EQ(Enum("callableKind"), Strings(callableKindNames()));
  EXPECT_EQ(Enum("category"), Strings(categoryNames()));
  std::vector<std::string> Filters;
  for (const auto &V : Schema["$defs"]["filter"]["properties"]["kind"]["enum"])
    Filters.push_back(V.get<std::string>());
  EXPECT_EQ(Filters, Strings(filterKindNames()));
  std::vector<std::string> Deliveries;
  for (const auto &V : Schema["$defs"]["cancellation"]["properties"]["delivery"]["enum"])
    Deliveries.push_back(V.get<std::string>());
  EXPECT_EQ(Deliveries, Strings(deliveryNames()));
}

// ---- enabling and disabling -----------------------------------------------

TEST(Activation, EnabledTurnsOnAnOffPack) {
  std::vector<LoadError> Errors;
  LoadOptions Options;
  Options.Enabled = {"stdlib-mutex"};
  RuleSet Set = loadRuleSet(Options, Errors);
  EXPECT_TRUE(Errors.empty());
  EXPECT_TRUE(Set.isActive("stdlib-mutex"));
  const BlockingFunction *Lock = Set.findBlocking("std::unique_lock").Entry;
  ASSERT_NE(Lock, nullptr);
  EXPECT_EQ(Lock->Kind, CallableKind::Constructor);
  EXPECT_EQ(Lock->Cat, Category::Lock);
  EXPECT_EQ(Lock->Filter.Kind, FilterKind::NoArgumentOfType);
  EXPECT_EQ(Lock->Filter.Types, (std::vector<std::string>{"std::defer_lock_t", "std::try_to_lock_t",
                                                          "std::adopt_lock_t"}));
}

TEST(Activation, DisabledWinsOverExtends) {
  std::vector<LoadError> Errors;
  RuleSet Set = loadRuleSet(LoadOptions::fromOptions("", "", "posix; boost-asio"), Errors);
  EXPECT_TRUE(Errors.empty());
  EXPECT_EQ(activeNames(Set),
            (std::vector<std::string>{"aio", "asio", "async-simple", "cobalt", "concurrencpp",
                                      "cppcoro", "folly", "libcoro", "qcoro", "seastar",
                                      "stdexec", "stdlib", "yaclib"}));
  EXPECT_FALSE(Set.findBlocking("read"));
  // aio's own "sleep" remains, but its fix-it only inside aio coroutines.
  BlockingMatch InAsio = Set.findBlocking("sleep", "asio::awaitable");
  ASSERT_TRUE(InAsio);
  EXPECT_EQ(InAsio.Entry->Pack, "aio");
  EXPECT_EQ(InAsio.Replacement, "");
  EXPECT_EQ(Set.findBlocking("sleep", "aio::Task").Replacement,
            "co_await aio::sleep(std::chrono::seconds(${args}))");
}

TEST(Activation, ExtendsTurnsOnAnOffPack) {
  std::vector<LoadError> Errors;
  LoadOptions Options;
  Options.UserPackTexts.push_back(
      {"mine.json", R"j({"name": "mine", "library": "l", "description": "d",
                        "extends": ["stdlib-mutex"]})j"});
  RuleSet Set = loadRuleSet(Options, Errors);
  EXPECT_EQ(strings(Errors), std::vector<std::string>());
  EXPECT_TRUE(Set.isActive("mine"));
  EXPECT_TRUE(Set.isActive("stdlib-mutex"));
}

TEST(Activation, OptionsSplitAndTrim) {
  LoadOptions O = LoadOptions::fromOptions(" a.json ;;b.json;", "x", " ; ");
  EXPECT_EQ(O.UserPackPaths, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(O.Enabled, (std::vector<std::string>{"x"}));
  EXPECT_TRUE(O.Disabled.empty());
  EXPECT_STREQ(RulePacksOption, "RulePacks");
  EXPECT_STREQ(EnabledRulePacksOption, "EnabledRulePacks");
  EXPECT_STREQ(DisabledRulePacksOption, "DisabledRulePacks");
}

// ---- lookups --------------------------------------------------------------

TEST(Lookup, BlockingGenericAndPerRuntime) {
  RuleSet Set = loadDefault();
  BlockingMatch Generic = Set.findBlocking("std::this_thread::sleep_for");
  ASSERT_TRUE(Generic);
  EXPECT_EQ(Generic.Entry->Pack, "stdlib");
  EXPECT_EQ(Generic.Entry->Reason, "sleeps the thread");
  EXPECT_EQ(Generic.Entry->Alternative, "an asynchronous sleep of the coroutine's runtime");
  EXPECT_EQ(Generic.Replacement, "");

  BlockingMatch Aio = Set.findBlocking("std::this_thread::sleep_for", "aio::Task");
  EXPECT_EQ(Aio.Entry->Pack, "aio");
  EXPECT_EQ(Aio.Entry->Alternative, "co_await aio::sleep(d)");
  EXPECT_EQ(Aio.Replacement, "co_await aio::sleep(${args})");

  BlockingMatch Asio = Set.findBlocking("std::this_thread::sleep_for", "asio::awaitable");
  EXPECT_EQ(Asio.Entry->Pack, "asio");
  EXPECT_EQ(Asio.Entry->Alternative,
            "co_await asio::steady_timer(executor, d).async_wait(asio::use_awaitable)");
  EXPECT_EQ(Asio.Replacement, "");

  BlockingMatch Other = Set.findBlocking("std::this_thread::sleep_for", "my::Task");
  EXPECT_EQ(Other.Entry->Pack, "stdlib");
  EXPECT_FALSE(Set.findBlocking("std::this_thread::yield"));
}

TEST(Lookup, BlockingMembersFiltersAndCategories) {
  RuleSet Set = loadDefault();
  const BlockingFunction *Get = Set.findBlocking("std::future::get").Entry;
  ASSERT_NE(Get, nullptr);
  EXPECT_EQ(Get->Kind, CallableKind::Member);
  EXPECT_EQ(Get->Cat, Category::Wait);
  EXPECT_EQ(Get->Reason, "blocks until the future is ready");

  const BlockingFunction *Read = Set.findBlocking("asio::read").Entry;
  ASSERT_NE(Read, nullptr);
  EXPECT_EQ(Read->Filter.Kind, FilterKind::NoCompletionToken);
  EXPECT_EQ(Read->Alternative, "co_await asio::async_read(..., asio::use_awaitable)");

  const BlockingFunction *Run = Set.findBlocking("asio::io_context::run").Entry;
  ASSERT_NE(Run, nullptr);
  EXPECT_EQ(Run->Cat, Category::Runtime);
  EXPECT_EQ(Set.findBlocking("boost::asio::basic_waitable_timer::wait").Entry->Alternative,
            "co_await timer.async_wait(boost::asio::use_awaitable)");

  const BlockingFunction *AioRun = Set.findBlocking("aio::run", "aio::Task").Entry;
  ASSERT_NE(AioRun, nullptr);
  EXPECT_EQ(AioRun->Alternative, "co_await the task");
  EXPECT_EQ(Set.findBlocking("aio::run", "asio::awaitable").Entry, AioRun);

  EXPECT_EQ(Set.findBlocking("fgets").Entry->Filter.Kind, FilterKind::StdinArgument);
  EXPECT_EQ(Set.findBlocking("getaddrinfo").Entry->Cat, Category::DNS);
  EXPECT_EQ(Set.findBlocking("popen").Entry->Cat, Category::Process);
  EXPECT_EQ(Set.findBlocking("std::operator>>").Entry->Cat, Category::Console);

  std::vector<std::string> Members = Set.blockingNames(CallableKind::Member);
  EXPECT_EQ(Members.size(), 202u);
  EXPECT_TRUE(std::binary_search(Members.begin(), Members.end(), "std::counting_semaphore::acquire"));
  EXPECT_TRUE(std::binary_search(Members.begin(), Members.end(), "folly::Baton::try_wait_for"));
  EXPECT_EQ(Set.blockingNames(CallableKind::Constructor),
            (std::vector<std::string>{"QMutexLocker", "std::basic_fstream",
                                      "std::basic_ifstream", "std::basic_ofstream",
                                      "std::jthread", "std::lock_guard", "std::scoped_lock",
                                      "std::shared_lock", "std::unique_lock"}));
  const BlockingFunction *Guard = Set.findBlocking("std::unique_lock").Entry;
  ASSERT_NE(Guard, nullptr);
  EXPECT_EQ(Guard->Filter.Kind, FilterKind::HeldAcrossSuspension);
  EXPECT_EQ(Guard->Filter.Members, (std::vector<std::string>{"unlock", "release"}));
  EXPECT_EQ(Guard->Filter.Types,
            (std::vector<std::string>{"std::defer_lock_t", "std::try_to_lock_t"}));
  EXPECT_EQ(Set.blockingNames(CallableKind::Function).size(), 83u);
  const BlockingFunction *Thread = Set.findBlocking("std::jthread").Entry;
  ASSERT_NE(Thread, nullptr);
  EXPECT_EQ(Thread->Filter.Kind, FilterKind::DestroyedInScope);
  EXPECT_EQ(Thread->Filter.Members, (std::vector<std::string>{"join", "detach", "swap"}));
}

TEST(Lookup, OffloadingSpawnGatherLimiters) {
  RuleSet Set = loadDefault();
  const OffloadingFunction *Async = Set.findOffloading("std::async");
  ASSERT_NE(Async, nullptr);
  EXPECT_EQ(Async->Filter.Kind, FilterKind::LaunchAsync);
  EXPECT_EQ(Set.findOffloading("std::jthread")->Kind, CallableKind::Constructor);
  EXPECT_EQ(Set.findOffloading("aio::to_thread")->Filter.Kind, FilterKind::None);
  const OffloadingFunction *Post = Set.findOffloading("asio::post");
  ASSERT_NE(Post, nullptr);
  EXPECT_EQ(Post->Filter.Kind, FilterKind::FirstArgumentType);
  EXPECT_EQ(Post->Filter.Types, (std::vector<std::string>{
                                    "asio::thread_pool", "asio::thread_pool::basic_executor_type"}));

  const SpawnFunction *CoSpawn = Set.findSpawn("asio::co_spawn");
  ASSERT_NE(CoSpawn, nullptr);
  EXPECT_EQ(CoSpawn->AwaitedInPlaceTokens,
            (std::vector<std::string>{"asio::use_awaitable_t", "asio::deferred_t"}));
  EXPECT_TRUE(Set.findSpawn("aio::create_task")->AwaitedInPlaceTokens.empty());
  EXPECT_NE(Set.findGather("aio::when_all"), nullptr);
  EXPECT_EQ(Set.findGather("aio::spawn"), nullptr);
  const WaitOperation *Wait = Set.findWaitOperation("QCoro::detail::QCoroProcess::waitForFinished");
  ASSERT_NE(Wait, nullptr);
  EXPECT_EQ(Wait->Kind, CallableKind::Member);
  EXPECT_EQ(Wait->Pack, "qcoro");
  EXPECT_EQ(Set.findWaitOperation("QProcess::waitForFinished"), nullptr); // blocking, not a task

  const Limiter *Sem = Set.findLimiter("aio::Semaphore");
  ASSERT_NE(Sem, nullptr);
  EXPECT_EQ(Sem->Acquire, std::vector<std::string>{"acquire"});
  EXPECT_TRUE(Set.isStartedHandle("aio::TaskHandle"));
  EXPECT_FALSE(Set.isStartedHandle("aio::Task"));
  EXPECT_TRUE(Set.isCoroutineType("aio::Task"));
  EXPECT_TRUE(Set.isCoroutineType("boost::asio::awaitable"));
  EXPECT_TRUE(Set.isCompletionToken("asio::detached_t"));
  EXPECT_FALSE(Set.isCompletionToken("asio::io_context"));
  EXPECT_FALSE(Set.isBoundedGroup("aio::Semaphore"));
  EXPECT_FALSE(Set.isIgnoredAwaitable("aio::Task"));
  std::vector<std::string> Handles = Set.startedHandles();
  ASSERT_EQ(Handles.size(), 15u);
  EXPECT_EQ(Handles[0], "aio::TaskHandle");
  EXPECT_EQ(Handles[1], "aio::Future");
  EXPECT_TRUE(Set.isStartedHandle("concurrencpp::shared_result"));
  EXPECT_TRUE(Set.ignoredAwaitables().empty());
  EXPECT_TRUE(Set.boundedGroups().empty());
  EXPECT_EQ(Set.completionTokens().size(), 26u);
  // Sorted by name, one per type, from every default pack.
  std::vector<std::string> Types = Set.coroutineTypes();
  ASSERT_EQ(Types.size(), 36u);
  EXPECT_TRUE(Set.isCoroutineType("exec::task"));
  EXPECT_EQ(Types.front(), "QCoro::AsyncGenerator");
  EXPECT_EQ(Types.back(), "yaclib::Task");
  EXPECT_EQ(Set.startOf("seastar::future"), TaskStart::Eager);
  EXPECT_EQ(Set.startOf("folly::coro::Task"), TaskStart::Lazy);
  EXPECT_EQ(Set.startOf("aio::Task"), TaskStart::FromAst);
}

TEST(Lookup, Cancellation) {
  RuleSet Set = loadDefault();
  auto Aio = Set.cancellationFor("aio::CancelledError");
  ASSERT_EQ(Aio.size(), 1u);
  EXPECT_EQ(Aio[0]->Name, "aio-cancelled");
  EXPECT_EQ(Aio[0]->How, Delivery::Exception);
  EXPECT_FALSE(Aio[0]->NormalEndOk);
  EXPECT_FALSE(Aio[0]->ReportedByValue); // cancel() waits for the task to end cancelled

  auto Yaclib = Set.cancellationFor("yaclib::ResultError");
  ASSERT_EQ(Yaclib.size(), 1u);
  EXPECT_EQ(Yaclib[0]->Name, "yaclib-stop");
  EXPECT_TRUE(Yaclib[0]->NormalEndOk); // a consumer whose producer is gone may end its loop
  EXPECT_TRUE(Yaclib[0]->ReportedByValue); // a value naming the stop tells the awaiter
  EXPECT_TRUE(Aio[0]->ErrorCodeValues.empty());

  auto SystemError = Set.cancellationFor("std::system_error");
  ASSERT_EQ(SystemError.size(), 2u);
  EXPECT_EQ(SystemError[0]->Name, "asio-operation-aborted");
  EXPECT_EQ(SystemError[1]->Name, "boost-asio-operation-aborted");
  EXPECT_TRUE(SystemError[0]->NormalEndOk);
  // A cancelled awaitable throws again at its next co_await (throw_if_cancelled).
  EXPECT_TRUE(SystemError[0]->CancelledThroughObject);
  EXPECT_TRUE(SystemError[1]->CancelledThroughObject);
  EXPECT_EQ(SystemError[0]->ErrorCodeValues,
            (std::vector<std::string>{"asio::error::operation_aborted"}));

  auto Codes = Set.cancellationFor("boost::system::error_code");
  ASSERT_EQ(Codes.size(), 2u);
  EXPECT_EQ(Codes[0]->Name, "boost-asio-operation-aborted-code");
  EXPECT_EQ(Codes[1]->Name, "cobalt-operation-aborted-code");
  EXPECT_EQ(Codes[0]->How, Delivery::ErrorCode);
  EXPECT_TRUE(Codes[0]->CancelledThroughObject);
  EXPECT_EQ(Codes[0]->ErrorCodeValues,
            (std::vector<std::string>{"boost::asio::error::operation_aborted"}));
  EXPECT_EQ(Set.cancellationFor("std::error_code").size(), 2u);
  EXPECT_TRUE(Set.cancellationFor("std::runtime_error").empty());
}

// ---- malformed packs: exact errors ------------------------------------------

TEST(Malformed, SyntaxError) {
  EXPECT_EQ(parseErrors("{\"name\": \"x\",\n}"),
            (std::vector<std::string>{
                "bad.json: parse error at line 2, column 1: syntax error while parsing object "
                "key - unexpected '}'; expected string literal"}));
  EXPECT_EQ(parseErrors(""), (std::vector<std::string>{
                                 "bad.json: parse error at line 1, column 1: syntax error "
                                 "while parsing value - unexpected end of input; expected '[', "
                                 "'{', or a literal"}));
}

TEST(Malformed, WrongTypes) {
  std::string Entries = std::string(Sleep) + "," + Sleep + "," + Sleep +
                        R"j(, {"name": 42, "kind": "function", "category": "io", "reason": "r", "alternative": "a"})j";
  // Entries 1 and 2 also repeat "sleep".
  EXPECT_EQ(parseErrors(packWith("blocking", Entries)),
            (std::vector<std::string>{
                "bad.json: at /blocking/1/name: duplicate blocking entry \"sleep\"; first at "
                "/blocking/0/name",
                "bad.json: at /blocking/2/name: duplicate blocking entry \"sleep\"; first at "
                "/blocking/0/name",
                "bad.json: at /blocking/3/name: expected a string, got number"}));
  EXPECT_EQ(parseErrors("[]"),
            (std::vector<std::string>{"bad.json: at /: expected an object, got array"}));
  EXPECT_EQ(parseErrors(R"j({"name": "x", "library": "l", "description": "d", "default": "yes",
                            "blocking": {}})j"),
            (std::vector<std::string>{"bad.json: at /default: expected a boolean, got string",
                                      "bad.json: at /blocking: expected an array, got object"}));
}

TEST(Malformed, UnknownAndMissingKeys) {
  EXPECT_EQ(parseErrors(packWith("blocking", R"j({"name": "sleep", "kind": "function",
              "category": "sleep", "reson": "r", "alternative": "a"})j")),
            (std::vector<std::string>{
                "bad.json: at /blocking/0/reson: unknown key \"reson\"; did you mean \"reason\"?",
                "bad.json: at /blocking/0: missing required key \"reason\""}));
  EXPECT_EQ(parseErrors(R"j({"name": "x", "library": "l", "description": "d", "colour": 1})j"),
            (std::vector<std::string>{
                "bad.json: at /colour: unknown key \"colour\"; expected one of: $schema, name, "
                "library, description, default, extends, coroutine_types, completion_tokens, "
                "blocking, offloading, inline_callables, spawn, gather, wait_operations, "
                "parallel_algorithms, scheduling_awaits, compute_executors, deferring_calls, "
                "limiters, "
                "bounded_groups, started_handles, ignored_awaitables, executor_tags, cancellation"}));
  EXPECT_EQ(parseErrors(R"j({"library": "l", "description": "d"})j"),
            (std::vector<std::string>{"bad.json: at /: missing required key \"name\""}));
}

TEST(Malformed, UnknownKindCategoryFilterDelivery) {
  EXPECT_EQ(parseErrors(packWith("blocking", R"j({"name": "f::g", "kind": "memeber",
              "category": "slep", "reason": "r", "alternative": "a", "filter": {"kind": "stdin"}})j")),
            (std::vector<std::string>{
                "bad.json: at /blocking/0/kind: unknown kind \"memeber\"; expected one of: "
                "function, member, constructor",
                "bad.json: at /blocking/0/category: unknown category \"slep\"; expected one of: "
                "sleep, wait, io, console, process, dns, runtime, lock",
                "bad.json: at /blocking/0/filter/kind: unknown filter kind \"stdin\"; expected "
                "one of: no-completion-token, stdin-argument, launch-async, "
                "first-argument-type, no-argument-of-type, byte-count-above, no-arguments, "
                "result-discarded, destroyed-in-scope, held-across-suspension, in-coroutine-body"}));
  EXPECT_EQ(parseErrors(packWith("cancellation", R"j({"name": "c", "delivery": "error_code",
              "normal_end_ok": true})j")),
            (std::vector<std::string>{"bad.json: at /cancellation/0/delivery: unknown delivery "
                                      "\"error_code\"; expected one of: exception, error-code, "
                                      "stopped"}));
}

TEST(Malformed, LeadingColonsOnlyBeforeAGlobalFunction) {
  EXPECT_EQ(parseErrors(packWith("wait_operations", R"j({"name": "::qCoro", "kind": "function"},
              {"name": "::QCoro::sleepFor", "kind": "function"})j")),
            (std::vector<std::string>{
                "bad.json: at /wait_operations/1/name: \"::QCoro::sleepFor\" is not a qualified "
                "name; write it without template arguments or a leading \"::\" (only a global "
                "function may have one, \"::qCoro\"), e.g. \"std::future::get\""}));
}

// `co_await group;` calls the group's operator co_await: the one operator named by a keyword.
TEST(Malformed, OperatorCoAwaitIsTheOnlyKeywordOperator) {
  EXPECT_EQ(parseErrors(packWith("gather", R"j({"name": "lib::Group::operator co_await", "kind": "member"},
              {"name": "lib::Group::operator new", "kind": "member"})j")),
            (std::vector<std::string>{
                "bad.json: at /gather/1/name: \"lib::Group::operator new\" is not a qualified "
                "name; write it without template arguments or a leading \"::\" (only a global "
                "function may have one, \"::qCoro\"), e.g. \"std::future::get\""}));
}

TEST(Malformed, EntryRules) {
  EXPECT_EQ(parseErrors(packWith("blocking", R"j({"name": "std::future<int>::get", "kind": "member",
              "category": "wait", "reason": "r", "alternative": "a"},
              {"name": "get", "kind": "member", "category": "wait", "reason": "r", "alternative": "a",
               "replacement": "co_await ${obj}.async_get(${args})"})j")),
            (std::vector<std::string>{
                "bad.json: at /blocking/0/name: \"std::future<int>::get\" is not a qualified "
                "name; write it without template arguments or a leading \"::\" (only a "
                "global function may have one, \"::qCoro\"), e.g. \"std::future::get\"",
                "bad.json: at /blocking/1/name: a member is named \"Class::member\", got \"get\"",
                "bad.json: at /blocking/1/replacement: unknown placeholder \"${obj}\"; expected "
                "one of: ${args}, ${arg0}, ${arg1}, ..., ${object}"}));
  EXPECT_EQ(parseErrors(packWith("offloading", R"j({"name": "post", "kind": "function",
              "filter": {"kind": "first-argument-type"}},
              {"name": "run", "kind": "function", "filter": {"kind": "launch-async", "types": ["x"]}})j")),
            (std::vector<std::string>{
                "bad.json: at /offloading/0/filter: filter kind \"first-argument-type\" requires "
                "\"types\"",
                "bad.json: at /offloading/1/filter/types: filter kind \"launch-async\" takes no "
                "\"types\""}));
  EXPECT_EQ(parseErrors(packWith("blocking", R"j({"name": "t", "kind": "constructor",
              "category": "wait", "reason": "r", "alternative": "a",
              "filter": {"kind": "destroyed-in-scope"}},
              {"name": "u", "kind": "constructor", "category": "wait", "reason": "r",
              "alternative": "a", "filter": {"kind": "result-discarded", "members": ["join"]}})j")),
            (std::vector<std::string>{
                "bad.json: at /blocking/0/filter: filter kind \"destroyed-in-scope\" requires "
                "\"members\"",
                "bad.json: at /blocking/1/filter/members: filter kind \"result-discarded\" takes "
                "no \"members\""}));
  EXPECT_EQ(parseErrors(packWith("cancellation", R"j({"name": "c", "delivery": "error-code",
              "exception_types": ["E"], "normal_end_ok": false})j")),
            (std::vector<std::string>{
                "bad.json: at /cancellation/0: delivery \"error-code\" requires "
                "\"error_code_types\"",
                "bad.json: at /cancellation/0: delivery \"error-code\" requires "
                "\"error_code_values\"",
                "bad.json: at /cancellation/0/exception_types: delivery \"error-code\" takes no "
                "\"exception_types\""}));
  EXPECT_EQ(parseErrors(packWith("limiters", R"j({"type": "a::Sem", "acquire": "acquire()"},
              {"type": "a::Sem", "acquire": "acquire"})j")),
            (std::vector<std::string>{
                "bad.json: at /limiters/0/acquire: expected a member function name, got "
                "\"acquire()\"",
                "bad.json: at /limiters/1/type: duplicate limiters entry \"a::Sem\"; first at "
                "/limiters/0/type"}));
  EXPECT_EQ(parseErrors(packWith("wait_operations", R"j({"name": "q::W::wait", "kind": "member"},
              {"name": "q::W::wait", "kind": "member"},
              {"name": "q::W::read", "kind": "member", "colour": 1})j")),
            (std::vector<std::string>{
                "bad.json: at /wait_operations/1/name: duplicate wait_operations entry "
                "\"q::W::wait\"; first at /wait_operations/0/name",
                "bad.json: at /wait_operations/2/colour: unknown key \"colour\"; expected one "
                "of: name, kind, note"}));
  EXPECT_EQ(parseErrors(R"j({"name": "My Pack", "library": "l", "description": "",
                            "extends": ["x", 3]})j"),
            (std::vector<std::string>{
                "bad.json: at /name: invalid pack name \"My Pack\"; use lowercase letters, "
                "digits, '-' and '_'",
                "bad.json: at /description: expected a non-empty string",
                "bad.json: at /extends/1: expected a string, got number"}));
}

TEST(Malformed, LibraryShapes) {
  EXPECT_EQ(parseErrors(packWith("parallel_algorithms",
                                 R"j({"name": "lib::for_each_bounded", "kind": "function",
              "range_argument": 0, "limit_argument": 0}, {"name": "lib::each", "kind": "function",
              "range_argument": 99})j")),
            (std::vector<std::string>{
                "bad.json: at /parallel_algorithms/0/limit_argument: the limit cannot be the "
                "range argument",
                "bad.json: at /parallel_algorithms/1/range_argument: expected an argument index "
                "from -64 to 63, got 99"}));
  EXPECT_EQ(parseErrors(packWith("scheduling_awaits", R"j({"name": "lib::resume_on",
              "kind": "function", "executor_argument": "executor"})j")),
            (std::vector<std::string>{
                "bad.json: at /scheduling_awaits/0/executor_argument: expected an argument "
                "index from -64 to 63, got \"executor\""}));
  EXPECT_EQ(parseErrors(packWith("scheduling_awaits", R"j({"name": "lib::on",
              "kind": "function", "executor_argument": 0, "round_trip": "yes"})j")),
            (std::vector<std::string>{
                "bad.json: at /scheduling_awaits/0/round_trip: expected a boolean, got string"}));
  EXPECT_EQ(parseErrors(packWith("inline_callables", R"j({"name": "lib::in_thread",
              "kind": "function", "permits": [], "lazy": 1, "range_argument": "first"},
              {"name": "lib::in_thread", "kind": "function"})j")),
            (std::vector<std::string>{
                "bad.json: at /inline_callables/0/lazy: expected a boolean, got number",
                "bad.json: at /inline_callables/0/range_argument: expected an argument index "
                "from -64 to 63, got \"first\"",
                "bad.json: at /inline_callables/0/permits: expected at least one name",
                "bad.json: at /inline_callables/1/name: duplicate inline_callables entry "
                "\"lib::in_thread\"; first at /inline_callables/0/name"}));
  EXPECT_EQ(parseErrors(packWith("limiters", R"j({"type": "lib::Sem"})j")),
            (std::vector<std::string>{"bad.json: at /limiters/0: a limiter needs \"acquire\" "
                                      "or \"acquire_functions\""}));
  EXPECT_EQ(parseErrors(packWith("cancellation", R"j({"name": "s", "delivery": "stopped",
              "normal_end_ok": false, "cancelled_through_object": true}, {"name": "e",
              "delivery": "exception", "exception_types": ["E"], "normal_end_ok": false,
              "cancelled_through_object": true, "stopped_adaptors": ["lib::as_optional"]},
              {"name": "c", "delivery": "error-code", "error_code_types": ["C"],
              "error_code_values": ["C::cancelled"], "normal_end_ok": false,
              "reported_by_value": true})j")),
            (std::vector<std::string>{
                "bad.json: at /cancellation/0: delivery \"stopped\" requires "
                "\"stopped_adaptors\"",
                "bad.json: at /cancellation/0/cancelled_through_object: delivery \"stopped\" "
                "takes no \"cancelled_through_object\"",
                "bad.json: at /cancellation/1/stopped_adaptors: delivery \"exception\" takes no "
                "\"stopped_adaptors\"",
                "bad.json: at /cancellation/2/reported_by_value: delivery \"error-code\" takes "
                "no \"reported_by_value\""}));
  EXPECT_EQ(parseErrors(packWith("blocking", R"j({"name": "write", "kind": "function",
              "category": "io", "reason": "r", "alternative": "a",
              "filter": {"kind": "byte-count-above", "bytes": 8}})j")),
            (std::vector<std::string>{"bad.json: at /blocking/0/filter: filter kind "
                                      "\"byte-count-above\" requires \"argument\""}));
  EXPECT_EQ(parseErrors(R"j({"name": "x", "library": "l", "description": "d",
              "coroutine_types": [{"type": "lib::Task", "start": "later"}]})j"),
            (std::vector<std::string>{"bad.json: at /coroutine_types/0/start: unknown start "
                                      "\"later\"; expected one of: lazy, eager"}));
}

TEST(UserPacks, LibraryShapesLoad) {
  std::vector<LoadError> Errors;
  LoadOptions Options;
  Options.UserPackTexts = {{"lib.json", R"j({"name": "lib", "library": "l", "description": "d",
    "coroutine_types": [{"type": "lib::Task", "start": "lazy"}, {"type": "lib::Future"}],
    "parallel_algorithms": [{"name": "lib::each", "kind": "function", "range_argument": 0},
      {"name": "lib::each_bounded", "kind": "function", "range_argument": 0,
       "limit_argument": -2, "alternative": "lib::each_bounded(r, n, f)"}],
    "scheduling_awaits": [{"name": "lib::Pool::schedule", "kind": "member", "worker_pool": true},
      {"name": "lib::resume_on", "kind": "function", "executor_argument": 0},
      {"name": "lib::on", "kind": "function", "executor_argument": 0, "round_trip": true}],
    "compute_executors": [{"name": "lib::Runtime::cpu_pool", "kind": "member"}],
    "deferring_calls": [{"name": "lib::Task::defer", "kind": "member"}],
    "inline_callables": [{"name": "lib::in_thread", "kind": "function",
      "permits": ["lib::Future::get"]}, {"name": "lib::then", "kind": "function", "lazy": true},
      {"name": "lib::each_n", "kind": "function", "range_argument": 1}],
    "limiters": [{"type": "lib::Sem", "acquire_functions": ["lib::get_units"]}],
    "cancellation": [{"name": "lib-stopped", "delivery": "stopped",
      "stopped_adaptors": ["lib::stopped_as_optional"], "exception_types": ["lib::Cancelled"],
      "propagating_yields": ["lib::co_error"], "normal_end_ok": false},
      {"name": "lib-code", "delivery": "error-code", "error_code_types": ["lib::error_code"],
       "error_code_values": ["lib::aborted"], "normal_end_ok": true,
       "cancelled_through_object": true}]})j"}};
  RuleSet Set = loadRuleSet(Options, Errors);
  EXPECT_EQ(strings(Errors), std::vector<std::string>());
  EXPECT_EQ(Set.startOf("lib::Task"), TaskStart::Lazy);
  EXPECT_EQ(Set.startOf("lib::Future"), TaskStart::FromAst);
  ASSERT_NE(Set.findDeferringCall("lib::Task::defer"), nullptr);
  EXPECT_EQ(Set.findDeferringCall("lib::Task::defer")->Kind, CallableKind::Member);
  ASSERT_NE(Set.findParallelAlgorithm("lib::each_bounded"), nullptr);
  EXPECT_TRUE(Set.findParallelAlgorithm("lib::each_bounded")->HasLimit);
  EXPECT_EQ(Set.findParallelAlgorithm("lib::each_bounded")->LimitArgument, -2);
  EXPECT_FALSE(Set.findParallelAlgorithm("lib::each")->HasLimit);
  ASSERT_NE(Set.findSchedulingAwait("lib::Pool::schedule"), nullptr);
  EXPECT_FALSE(Set.findSchedulingAwait("lib::Pool::schedule")->HasExecutorArgument);
  EXPECT_TRUE(Set.findSchedulingAwait("lib::Pool::schedule")->ToWorkerPool);
  EXPECT_FALSE(Set.findSchedulingAwait("lib::resume_on")->ToWorkerPool);
  ASSERT_NE(Set.findSchedulingAwait("lib::resume_on"), nullptr);
  EXPECT_TRUE(Set.findSchedulingAwait("lib::resume_on")->HasExecutorArgument);
  EXPECT_EQ(Set.findSchedulingAwait("lib::resume_on")->ExecutorArgument, 0);
  EXPECT_FALSE(Set.findSchedulingAwait("lib::resume_on")->RoundTrip);
  ASSERT_NE(Set.findSchedulingAwait("lib::on"), nullptr);
  EXPECT_TRUE(Set.findSchedulingAwait("lib::on")->RoundTrip);
  EXPECT_NE(Set.findComputeExecutor("lib::Runtime::cpu_pool"), nullptr);
  EXPECT_EQ(Set.findComputeExecutor("lib::Runtime::io_pool"), nullptr);
  ASSERT_NE(Set.findInlineCallable("lib::in_thread"), nullptr);
  EXPECT_FALSE(Set.findInlineCallable("lib::in_thread")->Lazy);
  EXPECT_EQ(Set.findInlineCallable("lib::in_thread")->Permits,
            (std::vector<std::string>{"lib::Future::get"}));
  ASSERT_NE(Set.findInlineCallable("lib::then"), nullptr);
  EXPECT_TRUE(Set.findInlineCallable("lib::then")->Lazy);
  EXPECT_TRUE(Set.findInlineCallable("lib::then")->Permits.empty());
  EXPECT_FALSE(Set.findInlineCallable("lib::then")->PerElement);
  ASSERT_NE(Set.findInlineCallable("lib::each_n"), nullptr);
  EXPECT_TRUE(Set.findInlineCallable("lib::each_n")->PerElement);
  EXPECT_EQ(Set.findInlineCallable("lib::each_n")->RangeArgument, 1);
  ASSERT_NE(Set.findLimiterAcquiredBy("lib::get_units"), nullptr);
  EXPECT_EQ(Set.findLimiterAcquiredBy("lib::get_units")->Type, "lib::Sem");
  auto Stopped = Set.cancellationFor("lib::error_code");
  ASSERT_EQ(Stopped.size(), 1u);
  EXPECT_TRUE(Stopped[0]->CancelledThroughObject);
  EXPECT_EQ(Set.cancellation().back().Name, "lib-code");
  EXPECT_EQ(Set.cancellation()[Set.cancellation().size() - 2].StoppedAdaptors,
            (std::vector<std::string>{"lib::stopped_as_optional"}));
  // The exception a stopped adaptor's value holds is not thrown: no kind is delivered as it.
  EXPECT_EQ(Set.cancellation()[Set.cancellation().size() - 2].PropagatingYields,
            (std::vector<std::string>{"lib::co_error"}));
  EXPECT_TRUE(Set.cancellationFor("lib::Cancelled").empty());
}

TEST(Malformed, LoaderSkipsBadPacksAndKeepsTheRest) {
  std::string Good = std::string(::testing::TempDir()) + "/good-pack.json";
  {
    std::ofstream Out(Good);
    Out << R"j({"name": "good", "library": "l", "description": "d",
              "blocking": [{"name": "cppcoro::sync_wait", "kind": "function",
                            "category": "runtime", "reason": "r", "alternative": "a"}]})j";
  }
  std::vector<LoadError> Errors;
  LoadOptions Options;
  Options.UserPackPaths = {"/nonexistent/missing.json", Good};
  Options.UserPackTexts = {
      {"bad.json", R"j({"name": "bad", "library": "l", "description": "d", "blocking": [1]})j"},
      {"dup.json", R"j({"name": "posix", "library": "l", "description": "d"})j"},
      {"ext.json", R"j({"name": "ext", "library": "l", "description": "d", "extends": ["stdlb"]})j"}};
  Options.Enabled = {"stdlib-mutx"};
  Options.Disabled = {"bad"};
  RuleSet Set = loadRuleSet(Options, Errors);
  EXPECT_EQ(strings(Errors),
            (std::vector<std::string>{
                "/nonexistent/missing.json: cannot read the file: No such file or directory",
                "bad.json: at /blocking/0: expected an object, got number",
                "dup.json: at /name: duplicate pack name \"posix\"; already loaded from "
                "<built-in>/posix.json",
                "EnabledRulePacks: unknown rule pack \"stdlib-mutx\"; did you mean "
                "\"stdlib-mutex\"?",
                "DisabledRulePacks: unknown rule pack \"bad\"; expected one of: aio, asio, "
                "async-simple, boost-asio, cobalt, concurrencpp, cppcoro, folly, libcoro, posix, "
                "qcoro, seastar, stdexec, stdlib, stdlib-mutex, yaclib, good, ext",
                "ext.json: at /extends/0: unknown rule pack \"stdlb\"; did you mean \"stdlib\"?"}));
  EXPECT_EQ(activeNames(Set),
            (std::vector<std::string>{"aio", "asio", "async-simple", "boost-asio", "cobalt",
                                      "concurrencpp", "cppcoro", "folly", "libcoro", "posix",
                                      "qcoro", "seastar", "stdexec", "stdlib", "yaclib", "good",
                                      "ext"}));
  ASSERT_TRUE(Set.findBlocking("cppcoro::sync_wait"));
  EXPECT_EQ(Set.findBlocking("cppcoro::sync_wait").Entry->Pack, "good");
  EXPECT_EQ(Set.findBlocking("sleep").Entry->Pack, "posix");
  std::remove(Good.c_str());
}

TEST(Malformed, ErrorRendering) {
  EXPECT_EQ((LoadError{"rules/bad.json", "/blocking/3/name", "expected a string, got number"}.str()),
            "rules/bad.json: at /blocking/3/name: expected a string, got number");
  EXPECT_EQ((LoadError{"f.json", "", "m"}.str()), "f.json: m");
  EXPECT_EQ((LoadError{"", "", "m"}.str()), "m");
}

// ---- a user pack overrides by name; the documented example loads -----------

TEST(UserPacks, LaterPackReplacesAnUnboundEntry) {
  std::vector<LoadError> Errors;
  LoadOptions Options;
  Options.UserPackTexts.push_back(
      {"mine.json", packWith("blocking", R"j({"name": "sleep", "kind": "function",
         "category": "sleep", "reason": "sleeps", "alternative": "co_await my::sleep(s)",
         "replacement": "co_await my::sleep(std::chrono::seconds(${arg0}))"})j")});
  RuleSet Set = loadRuleSet(Options, Errors);
  EXPECT_TRUE(Errors.empty());
  BlockingMatch M = Set.findBlocking("sleep", "my::Task");
  EXPECT_EQ(M.Entry->Pack, "user");
  EXPECT_EQ(M.Replacement, "co_await my::sleep(std::chrono::seconds(${arg0}))");
  EXPECT_EQ(Set.findBlocking("sleep", "aio::Task").Entry->Pack, "aio");
}

TEST(UserPacks, DocumentedExampleLoads) {
  std::string Doc = readSource("docs/rule-packs.md");
  const std::string Start = "<!-- example-pack -->\n```json\n";
  std::size_t From = Doc.find(Start);
  ASSERT_NE(From, std::string::npos) << "docs/rule-packs.md lost its example pack";
  From += Start.size();
  std::string Json = Doc.substr(From, Doc.find("```", From) - From);
  std::vector<LoadError> Errors;
  LoadOptions Options;
  Options.UserPackTexts.push_back({"coro-libs.json", Json});
  RuleSet Set = loadRuleSet(Options, Errors);
  EXPECT_EQ(strings(Errors), std::vector<std::string>());
  ASSERT_TRUE(Set.isActive("coro-libs"));
  EXPECT_EQ(Set.findBlocking("folly::coro::blockingWait").Entry->Cat, Category::Runtime);
  EXPECT_EQ(Set.findBlocking("cppcoro::sync_wait").Entry->Cat, Category::Runtime);
  EXPECT_EQ(Set.cancellationFor("folly::OperationCancelled").size(), 1u);
  EXPECT_EQ(Set.cancellationFor("cppcoro::operation_cancelled").size(), 1u);
}

} // namespace
