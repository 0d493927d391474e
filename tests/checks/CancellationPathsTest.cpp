//===--- CancellationPathsTest.cpp - where a cancellation goes ------------===//
//
// Tests for checks/utils/CancellationPaths.h (a caught cancellation) and
// checks/utils/ErrorCodeCancellation.h (a cancellation delivered as an error code).
//
//===----------------------------------------------------------------------===//

#include "AstFixture.h"
#include "utils/CancellationPaths.h"
#include "utils/CoroutineContext.h"
#include "utils/ErrorCodeCancellation.h"
#include "utils/EvaluatedCalls.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

/// A miniature of Asio's error codes: an error code, its values, an operation completing
/// with a tuple (as_tuple), one storing its code in an argument (redirect_error).
constexpr const char *NetTypes = R"cpp(
#include <tuple>
namespace net {
struct error_code {
  int value = 0;
  explicit operator bool() const { return value != 0; }
  bool failed() const { return value != 0; }
};
enum errors { operation_aborted = 125, eof = 2 };
bool operator==(const error_code &, errors);
struct system_error { system_error(error_code); };
struct TupleOp {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  std::tuple<error_code, int> await_resume();
};
struct VoidOp {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
struct redirect { redirect(error_code &ec); };
struct stop_token {};
struct stop_source { stop_token get_token(); void request_stop(); };
struct timer {
  VoidOp async_wait(redirect r);
  VoidOp async_wait(redirect r, stop_token stop);
  void cancel();
};
TupleOp read();
VoidOp wait(redirect r);
VoidOp next();
void log();
bool cond();
} // namespace net
using namespace net;
)cpp";

bool isErrorCodeType(QualType Type) {
  const auto *Record = Type->getAsCXXRecordDecl();
  return Record && utils::packName(*Record) == "net::error_code";
}
bool isCancellationValue(const ValueDecl &Value) {
  return utils::packName(Value) == "net::operation_aborted";
}

class CancellationPathsTest : public AstTest {
protected:
  const FunctionDecl *function(const std::string &Name) {
    return find<FunctionDecl>(functionDecl(hasName(Name), isDefinition()));
  }
  /// The error codes of Function that reach a suspension point holding Kind's cancellation:
  /// "<code> -> <awaited function next>;" each, the code named by its variable or, for a
  /// status read from an object, by its query ("error()").
  std::string unchecked(const std::string &Function,
                        const async_lint::rules::CancellationKind &Kind,
                        llvm::function_ref<bool(const Expr &)> Cancelled) {
    const FunctionDecl *F = function(Function);
    ParentMap Parents(const_cast<Stmt *>(&body(*F)));
    const async_lint::rules::CancellationKind *Kinds[] = {&Kind};
    std::string Out;
    utils::forEachUncheckedErrorCode(
        body(*F), Parents, context(), Kinds, Cancelled, [&](const utils::UncheckedErrorCode &U) {
          std::string Code = U.Query ? U.Operation + "()"
                                     : U.Code->getNameAsString() + " from " + U.Operation;
          Out += Code + " -> " + awaited(U.Next) + ";";
        });
    return Out;
  }
  const Stmt &body(const FunctionDecl &F) {
    if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(F.getBody()))
      return *Coroutine->getBody();
    return *F.getBody();
  }
  /// The name of the function awaited by a suspension point, or "" for none.
  static std::string awaited(const Expr *Suspension) {
    const auto *Await = dyn_cast_or_null<CoawaitExpr>(Suspension);
    const auto *Call =
        Await ? dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit()) : nullptr;
    return Call && Call->getDirectCallee() ? Call->getDirectCallee()->getNameAsString() : "";
  }

  /// How the (only) if statement of Function is decided by a cancellation: "true", "false"
  /// or "unknown". The error code, if any, is the variable or binding named `ec`.
  std::string implied(const std::string &Function) {
    const auto *If = find<IfStmt>(ifStmt(hasAncestor(functionDecl(hasName(Function)))));
    if (!If)
      return "no if";
    auto IsType = [](QualType T) {
      const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
      return Record && Record->getName() == "Cancelled";
    };
    auto IsCode = [](const Expr &E) {
      const auto *Ref = dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts());
      return Ref && Ref->getDecl()->getName() == "ec";
    };
    utils::CancellationModel Model{IsType, isCancellationValue, IsCode};
    std::optional<bool> Result = utils::impliedByCancellation(*If->getCond(), Model);
    return Result ? (*Result ? "true" : "false") : "unknown";
  }

  /// The exits of Function's only handler that do not propagate, and, for each, the
  /// function awaited by the suspension point control reaches next ("" when none), as
  /// "Kind:next" joined by spaces.
  std::string exits(const std::string &Function) {
    const FunctionDecl *F = function(Function);
    const auto *Handler = find<CXXCatchStmt>(cxxCatchStmt(hasAncestor(functionDecl(
        hasName(Function)))));
    if (!F || !Handler)
      return "not found";
    ParentMap Parents(const_cast<Stmt *>(&body(*F)));
    const auto *Try = cast<CXXTryStmt>(Parents.getParent(Handler));
    auto IsType = [](QualType T) {
      const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
      return Record && Record->getName() == "Cancelled";
    };
    static constexpr const char *Names[] = {"FallThrough", "Break", "Continue", "Return",
                                            "Replaced"};
    std::string Out;
    for (const utils::HandlerExitPoint &Exit :
         utils::exitsWithoutPropagating(*Handler, {IsType, isCancellationValue})) {
      const Stmt &From = Exit.Kind == utils::HandlerExit::FallThrough ? *Try : *Exit.At;
      bool Leaves = Exit.Kind == utils::HandlerExit::Return ||
                    Exit.Kind == utils::HandlerExit::Replaced;
      Out += (Out.empty() ? "" : " ") + std::string(Names[static_cast<int>(Exit.Kind)]) + ":" +
             (Leaves ? "" : awaited(utils::nextSuspension(From, Exit.Kind, Parents, body(*F))));
    }
    return Out;
  }

  /// For the first error code awaited in Function: "ec from read" (or "discarded from read"),
  /// then " -> " and the function awaited where execution continues while it holds the
  /// cancellation, or " -> end".
  std::string codeFlow(const std::string &Function) {
    const FunctionDecl *F = function(Function);
    if (!F)
      return "not found";
    ParentMap Parents(const_cast<Stmt *>(&body(*F)));
    std::optional<utils::AwaitedErrorCode> Code;
    utils::forEachStatement(body(*F), [&](const Stmt &S) {
      if (const auto *Await = dyn_cast<CoawaitExpr>(&S); Await && !Code)
        Code = utils::awaitedErrorCode(*Await, Parents, isErrorCodeType);
    });
    if (!Code)
      return "no code";
    const Expr *Next =
        utils::suspensionAfterCancelledCode(*Code, Parents, body(*F), isCancellationValue);
    std::string Name = Code->Code ? Code->Code->getNameAsString() : "discarded";
    return Name + " from " + Code->Operation + " -> " + (Next ? awaited(Next) : "end");
  }
};

TEST_F(CancellationPathsTest, ConditionsDecidedByACancellation) {
  parse(std::string(TaskTypes) + NetTypes + R"cpp(
    struct Cancelled { error_code code() const; };
    bool is_cancelled(const Cancelled &);
    void cancelledByValue(const Cancelled &e) { if (e.code() == operation_aborted) log(); }
    void notCancelledByValue(const Cancelled &e) { if (!(e.code() == operation_aborted)) log(); }
    void byName(const Cancelled &e) { if (is_cancelled(e)) log(); }
    void other(const Cancelled &e) { if (e.code() == eof) log(); }
    void codeTruth(error_code ec) { if (ec) log(); }
    void codeFalsity(error_code ec) { if (!ec) log(); }
    void codeFailed(error_code ec) { if (ec.failed()) log(); }
    void codeIsEof(error_code ec) { if (ec == eof) log(); }
    void codeEitherWay(error_code ec) { if (ec == eof || ec) log(); }
    void codeAndCond(error_code ec) { if (ec && cond()) log(); }
    void codeOtherVariable(error_code other) { if (other) log(); }
  )cpp");
  EXPECT_EQ(implied("cancelledByValue"), "true");
  EXPECT_EQ(implied("notCancelledByValue"), "false");
  EXPECT_EQ(implied("byName"), "true");
  EXPECT_EQ(implied("other"), "unknown"); // not an error code of the model: no conclusion
  EXPECT_EQ(implied("codeTruth"), "true");
  EXPECT_EQ(implied("codeFalsity"), "false");
  EXPECT_EQ(implied("codeFailed"), "true");
  EXPECT_EQ(implied("codeIsEof"), "false");
  EXPECT_EQ(implied("codeEitherWay"), "true");
  EXPECT_EQ(implied("codeAndCond"), "unknown");
  EXPECT_EQ(implied("codeOtherVariable"), "unknown");
}

TEST_F(CancellationPathsTest, HandlerExitsAndWhereControlGoesNext) {
  parse(std::string(TaskTypes) + NetTypes + R"cpp(
    struct Cancelled {};
    struct Other {};
    [[noreturn]] void fail();
    bool is_cancelled(const Cancelled &);
    Lazy<> rethrows() { try { co_await next(); } catch (...) { throw; } }
    Lazy<> noreturnCall() { try { co_await next(); } catch (...) { log(); fail(); } }
    Lazy<> loopContinue() {
      for (int i = 0; i < 3; ++i) {
        co_await read();
        try { co_await next(); } catch (...) { continue; }
      }
    }
    Lazy<> fallsThrough() {
      try { co_await next(); } catch (...) { log(); }
      co_await read();
    }
    Lazy<> breaksOut() {
      while (cond()) {
        try { co_await next(); } catch (...) { break; }
      }
      co_await read();
    }
    Lazy<> returns() { try { co_await next(); } catch (...) { co_return; } }
    Lazy<> replaces() { try { co_await next(); } catch (...) { throw Other(); } }
    Lazy<> rethrowsCancelled() { try { co_await next(); } catch (...) { throw Cancelled(); } }
    Lazy<> conditional() {
      try { co_await next(); } catch (const Cancelled &e) { if (is_cancelled(e)) throw; log(); }
    }
  )cpp");
  EXPECT_EQ(exits("rethrows"), "");
  EXPECT_EQ(exits("noreturnCall"), "");
  EXPECT_EQ(exits("loopContinue"), "Continue:read");
  EXPECT_EQ(exits("fallsThrough"), "FallThrough:read");
  EXPECT_EQ(exits("breaksOut"), "Break:read");
  EXPECT_EQ(exits("returns"), "Return:");
  EXPECT_EQ(exits("replaces"), "Replaced:");
  EXPECT_EQ(exits("rethrowsCancelled"), "");
  EXPECT_EQ(exits("conditional"), "");
}

TEST_F(CancellationPathsTest, AwaitedErrorCodes) {
  parse(std::string(TaskTypes) + NetTypes + R"cpp(
    Lazy<> binding() { auto [ec, n] = co_await read(); }
    Lazy<> redirected() { error_code code; co_await wait(redirect(code)); }
    Lazy<> discarded() { co_await read(); }
    Lazy<> assigned() { std::tuple<error_code, int> r; r = co_await read(); }
    Lazy<> noCode() { co_await next(); }
    template <class Op> Lazy<> dependent(Op op) {
      for (;;) { auto [ec, n] = co_await op(); if (ec) continue; }
    }
  )cpp");
  EXPECT_EQ(codeFlow("binding"), "ec from read -> end");
  EXPECT_EQ(codeFlow("redirected"), "code from wait -> end");
  EXPECT_EQ(codeFlow("discarded"), "discarded from read -> end");
  EXPECT_EQ(codeFlow("assigned"), "no code"); // a whole tuple kept: not followed
  EXPECT_EQ(codeFlow("noCode"), "no code");
  EXPECT_EQ(codeFlow("dependent"), "no code"); // never instantiated: types unknown
}

TEST_F(CancellationPathsTest, PathsOnWhichTheCodeHoldsTheCancellation) {
  parse(std::string(TaskTypes) + NetTypes + R"cpp(
    Lazy<> continues() {
      for (int i = 0; i < 3; ++i) {
        co_await next();
        auto [ec, n] = co_await read();
        if (ec) continue;
      }
    }
    Lazy<> logsThenAwaits() {
      for (;;) {
        auto [ec, n] = co_await read();
        if (ec) { log(); }
        co_await next();
      }
    }
    Lazy<> neverRead() {
      error_code ec;
      for (;;) {
        co_await wait(redirect(ec));
        log();
      }
    }
    Lazy<> returnsOnAborted() {
      for (;;) {
        auto [ec, n] = co_await read();
        if (ec == operation_aborted) co_return;
        if (ec) continue;
        co_await next();
      }
    }
    Lazy<> breaksAtEnd() {
      for (;;) {
        auto [ec, n] = co_await read();
        if (ec) break;
      }
      log();
    }
    Lazy<> breaksThenAwaits() {
      for (;;) {
        auto [ec, n] = co_await read();
        if (ec) break;
      }
      co_await next();
    }
    Lazy<> throws() {
      for (;;) {
        auto [ec, n] = co_await read();
        if (ec) throw system_error(ec);
        co_await next();
      }
    }
    Lazy<> loopCondition() {
      error_code ec;
      while (!ec) {
        co_await wait(redirect(ec));
        if (ec == eof) co_await next();
      }
    }
    Lazy<> otherValueBreaks() {
      for (;;) {
        auto [ec, n] = co_await read();
        if (ec == eof) break;
        co_await next();
      }
    }
    Lazy<> initStatement() {
      for (;;) {
        if (auto [ec, n] = co_await read(); ec) co_return;
        co_await next();
      }
    }
    Lazy<> last() {
      co_await next();
      auto [ec, n] = co_await read();
    }
    Lazy<> flagEndsLoop() {
      bool closed = false;
      while (!closed) {
        auto [ec, n] = co_await read();
        if (ec) closed = true;
        if (closed) break;
        co_await next();
      }
    }
    Lazy<> flagSetElsewhere() {
      bool closed = false;
      while (!closed) {
        auto [ec, n] = co_await read();
        if (cond()) closed = true;
        if (closed) break;
        co_await next();
      }
    }
    Lazy<> flagEndsLoopCondition() {
      bool done = false;
      while (!done) {
        auto [ec, n] = co_await read();
        if (ec) { done = true; continue; }
        co_await next();
      }
      log();
    }
  )cpp");
  EXPECT_EQ(codeFlow("continues"), "ec from read -> next");
  EXPECT_EQ(codeFlow("logsThenAwaits"), "ec from read -> next");
  EXPECT_EQ(codeFlow("neverRead"), "ec from wait -> wait");
  EXPECT_EQ(codeFlow("returnsOnAborted"), "ec from read -> end");
  EXPECT_EQ(codeFlow("breaksAtEnd"), "ec from read -> end");
  EXPECT_EQ(codeFlow("breaksThenAwaits"), "ec from read -> next");
  EXPECT_EQ(codeFlow("throws"), "ec from read -> end");
  EXPECT_EQ(codeFlow("loopCondition"), "ec from wait -> end");
  EXPECT_EQ(codeFlow("otherValueBreaks"), "ec from read -> next");
  EXPECT_EQ(codeFlow("initStatement"), "ec from read -> end");
  EXPECT_EQ(codeFlow("last"), "ec from read -> end");
  // A flag set on the cancelled path decides the tests of it that follow.
  EXPECT_EQ(codeFlow("flagEndsLoop"), "ec from read -> end");
  EXPECT_EQ(codeFlow("flagSetElsewhere"), "ec from read -> next");
  EXPECT_EQ(codeFlow("flagEndsLoopCondition"), "ec from read -> end");
}

TEST_F(CancellationPathsTest, UncheckedErrorCodesOfAPack) {
  parse(std::string(TaskTypes) + NetTypes + R"cpp(
    Lazy<> rearms(timer &t) {
      error_code ec;
      for (;;) co_await t.async_wait(redirect(ec));
    }
    Lazy<> stoppable(timer &t, stop_source &stop) {
      error_code ec;
      for (;;) co_await t.async_wait(redirect(ec), stop.get_token());
    }
    Lazy<> barrier(timer &all_in, bool last) {
      error_code ignored;
      if (last)
        all_in.cancel();
      else
        co_await all_in.async_wait(redirect(ignored));
      co_await next();
    }
  )cpp");
  async_lint::rules::CancellationKind Kind;
  Kind.How = async_lint::rules::Delivery::ErrorCode;
  Kind.ErrorCodeTypes = {"net::error_code"};
  Kind.ErrorCodeValues = {"net::operation_aborted"};
  bool OthersCancel = true, OthersStop = false;
  auto Cancelled = [&](const Expr &Object) {
    const CXXRecordDecl *Class = Object.getType()->getAsCXXRecordDecl();
    return Class && Class->getName() == "stop_source" ? OthersStop : OthersCancel;
  };
  auto Unchecked = [&](const std::string &Function) {
    return unchecked(Function, Kind, Cancelled);
  };
  EXPECT_EQ(Unchecked("rearms"), "ec from async_wait -> async_wait;");
  // The coroutine cancels the timer itself: operation_aborted is its own signal.
  EXPECT_EQ(Unchecked("barrier"), "");
  // Where a cancelled coroutine throws at its next co_await (Asio's default), only a timer
  // that other code cancels can complete with operation_aborted and let it go on.
  Kind.CancelledThroughObject = true;
  EXPECT_EQ(Unchecked("rearms"), "ec from async_wait -> async_wait;");
  OthersCancel = false;
  EXPECT_EQ(Unchecked("rearms"), "");
  // Nobody cancels the timer, but the operation was handed a token of a stop source that
  // other code stops (libcoro's `poll(fd, op, timeout, m_stop.get_token())`).
  EXPECT_EQ(Unchecked("stoppable"), "");
  OthersStop = true;
  EXPECT_EQ(Unchecked("stoppable"), "ec from async_wait -> async_wait;");
}

TEST_F(CancellationPathsTest, StatusesQueriedFromAnObject) {
  parse(std::string(TaskTypes) + NetTypes + R"cpp(
    enum class status { ok, aborted, refused };
    struct reply {
      status error() const;
      status code(int) const;
      void abort();
      VoidOp finished();
    };
    Lazy<> retried(reply &r) {
      for (;;) {
        co_await r.finished();
        log();
        if (r.error() == status::aborted) {
          co_await next();
          continue;
        }
        if (r.error() != status::ok)
          break;
      }
    }
    Lazy<> ends(reply &r) {
      for (;;) {
        co_await r.finished();
        switch (r.error()) {
        case status::aborted: co_return;
        default: co_await next();
        }
      }
    }
    Lazy<> readLater(reply &r) {
      for (;;) {
        co_await r.finished();
        co_await next();
        if (r.error() == status::aborted) continue;
      }
    }
    Lazy<> heldInLocal(reply &r) {
      for (;;) {
        co_await r.finished();
        const status s = r.error();
        if (s == status::refused)
          break;
        if (s == status::aborted)
          continue;
      }
    }
    Lazy<> withArgument(reply &r) {
      for (;;) {
        co_await r.finished();
        if (r.code(1) == status::aborted) continue;
      }
    }
  )cpp");
  async_lint::rules::CancellationKind Kind;
  Kind.How = async_lint::rules::Delivery::ErrorCode;
  Kind.ErrorCodeTypes = {"status"};
  Kind.ErrorCodeValues = {"status::aborted"};
  bool OthersAbort = true;
  auto Cancelled = [&](const Expr &) { return OthersAbort; };
  auto Unchecked = [&](const std::string &Function) {
    return unchecked(Function, Kind, Cancelled);
  };
  // `r.error()` read after `co_await r.finished()` holds the cancellation once other code
  // aborts a reply; the loop retries the request.
  EXPECT_EQ(Unchecked("retried"), "error() -> next;");
  EXPECT_EQ(Unchecked("ends"), "");
  // Read only after a later suspension: it counts from that await (`next()`); the loop goes
  // back to the request.
  EXPECT_EQ(Unchecked("readLater"), "error() -> finished;");
  // A local initialised with the status holds it from there on.
  EXPECT_EQ(Unchecked("heldInLocal"), "error() -> finished;");
  // A member call with arguments is a lookup, not the object's status.
  EXPECT_EQ(Unchecked("withArgument"), "");
  // Nobody aborts a reply: its status never says "cancelled".
  OthersAbort = false;
  EXPECT_EQ(Unchecked("retried"), "");
}

TEST_F(CancellationPathsTest, ObjectsShutDownByNameOrThroughAReference) {
  parse(std::string(TaskTypes) + R"cpp(
    struct semaphore { void shutdown(); void acquire(); };
    struct queue { void shutdown_drain(int); void pop(); };
    struct timer { void cancel(); void wait(); };
    void stop(timer &t) { t.cancel(); }
    struct server {
      semaphore limit_, spare_;
      void stop() { limit_.shutdown(); }
      void serve(semaphore &borrowed) {
        semaphore stopped, never;
        queue work;
        timer a, b;
        [&] { stopped.shutdown(); }();
        limit_.acquire(); spare_.acquire(); stopped.acquire(); never.acquire();
        borrowed.acquire(); work.pop(); a.wait(); b.wait();
        work.shutdown_drain(0);
      }
    };
    void idle() {}
  )cpp");
  utils::CancelledObjects Cancelled;
  auto Cancels = [&](StringRef Own) {
    const auto *OwnFunction = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName(Own), isDefinition()).bind("f"), context()));
    std::string Out;
    for (const auto &Bound : match(cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(
                                       "acquire", "pop", "wait"))), hasAncestor(functionDecl(
                                       hasName("serve")))).bind("call"), context())) {
      const Expr *Object = Bound.getNodeAs<CXXMemberCallExpr>("call")->getImplicitObjectArgument();
      const auto *Named = dyn_cast<DeclRefExpr>(Object->IgnoreImplicit());
      const auto *Member = dyn_cast<MemberExpr>(Object->IgnoreImplicit());
      Out += (Named ? Named->getDecl() : Member->getMemberDecl())->getNameAsString() + "=" +
             (Cancelled.contains(*Object, *OwnFunction->getBody(), context()) ? "1 " : "0 ");
    }
    return Out;
  };
  // A semaphore shut down by name says nothing of another one; a reference may be any of
  // them; a timer cancelled through a reference may be any timer.
  EXPECT_EQ(Cancels("idle"), "limit_=1 spare_=0 stopped=1 never=0 borrowed=1 work=1 a=1 b=1 ");
  // Seen from serve itself, its own shutdown_drain (made after it waited) cancels nothing; a
  // lambda it calls is other code, as is stop().
  EXPECT_EQ(Cancels("serve"), "limit_=1 spare_=0 stopped=1 never=0 borrowed=1 work=0 a=1 b=1 ");
}

} // namespace
} // namespace async_lint::testing
