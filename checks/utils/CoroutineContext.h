//===--- CoroutineContext.h - where an expression sits in a coroutine -----===//
//
// Questions the checks ask about an expression's surroundings: which function (or lambda) it
// belongs to, whether that function is a coroutine, whether a co_await could be inserted there,
// and whether its value is thrown away.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_COROUTINECONTEXT_H
#define ASYNC_LINT_CHECKS_UTILS_COROUTINECONTEXT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include <optional>

namespace clang::tidy::async::utils {

/// A function is a coroutine when its body contains co_await, co_yield or co_return.
bool isCoroutine(const FunctionDecl *Function);

/// The value a helper returns when its body is just `return E;` (`auto tolerant(int b) {
/// return fetch(b) | stdexec::upon_stopped([] {}); }`), if it is no coroutine.
const Expr *onlyReturnedValue(const FunctionDecl &Helper);

/// The body whose statements a check walks for a function: a coroutine's own statements, not
/// the code the compiler generates around them.
const Stmt *userBody(const FunctionDecl &Function);

/// A function (or lambda call operator) whose body a check walks, and the parent map of that
/// body alone, built on first use (a parent map of the whole translation unit would cost as
/// much memory as the AST).
class FunctionBody {
public:
  explicit FunctionBody(const FunctionDecl &Function)
      : Function(Function), Body(userBody(Function)) {}
  const FunctionDecl &function() const { return Function; }
  /// The user's statements (see userBody()); null for a function without a body.
  const Stmt *body() const { return Body; }
  const ParentMap &parents() const {
    if (!Parents)
      Parents.emplace(const_cast<Stmt *>(Body));
    return *Parents;
  }

private:
  const FunctionDecl &Function;
  const Stmt *Body;
  mutable std::optional<ParentMap> Parents;
};

/// Visits S and its sub-statements in source order (S first), with an explicit stack, so that
/// no depth of nesting can exhaust the call stack. Not the bodies of lambdas, which run only if
/// called (their captures are visited), and of a co_await or co_yield only the operand, not
/// the code the compiler generates around it.
void forEachStatement(const Stmt &S, llvm::function_ref<void(const Stmt &)> Visit);

/// Calls Visit on S and on the (user) body of every lambda that S hands to a call, at any depth:
/// the code that runs on behalf of S when the callee calls it (a completion handler). Not a
/// lambda handed to a constructor (`std::stop_callback cb(token, [&] { ... });`).
void forEachBodyWithLambdas(const Stmt &S, llvm::function_ref<void(const Stmt &)> Visit);

/// True when the statement sits in a catch handler of the function whose body Parents maps,
/// where C++20 forbids co_await.
bool isInCatchHandler(const Stmt &S, const ParentMap &Parents);

/// How diagnostics print types: as written, and a lambda's type with its file name only
/// (`(lambda at main.cpp:12:7)`), so that messages do not carry the machine's paths.
PrintingPolicy messagePolicy(const ASTContext &Context);

/// The task's type as the user wrote it, e.g. 'Task<int>'; where a library computed it
/// (`decltype`, `typename X::type`, `std::tuple_element<1, P>::type` as Asio's completion
/// tokens and structured bindings do, or Computed: the type of a call to a function whose
/// `auto` return type its return statement decided, which nobody wrote and whose sugar each
/// clang major prints its own way, or an alias template such as Seastar's `futurize_t<...>`),
/// its canonical spelling.
std::string describeType(QualType Type, const ASTContext &Context, bool Computed = false);

/// How diagnostics name a function: `'fetch'`, or `the lambda` for a lambda's call operator.
std::string describeFunction(const FunctionDecl &Function);

/// How diagnostics name a coroutine: `coroutine 'fetch'`, or `a lambda coroutine`.
std::string describeCoroutine(const FunctionDecl &Coroutine);

/// E without the nodes that pass a value on unchanged: conversions, temporaries, copies, moves
/// and std::move/std::forward.
const Expr *passedThrough(const Expr *E);

/// for, while, do and range-for statements.
bool isLoop(const Stmt &S);

/// Whether S always transfers control away from where it stands: it is, or a block that ends
/// with, a break, continue, return, co_return or throw.
bool alwaysLeaves(const Stmt *S);

/// Calls Visit on the body of every member function of Class and of the classes nested in it
/// (a guard's constructor or destructor).
void forEachMemberBody(const CXXRecordDecl &Class, llvm::function_ref<void(const Stmt &)> Visit);

/// Whether Type is (a reference to) a std::optional.
bool isOptional(QualType Type);

/// The variable or data member an object expression names (`reply`, `this->m_reply`), through
/// parentheses and implicit casts; null for any other expression.
const ValueDecl *namedObject(const Expr *Object);

/// Calls Visit for each argument of a call or construction in S (not an operator call, whose
/// arguments count the object) that binds a non-const lvalue reference parameter: what the
/// callee may set or count (`redirect_error(use_awaitable, ec)`, `Slot slot(open_);`).
void forEachMutableReferenceArgument(const Stmt &S, llvm::function_ref<void(const Expr &)> Visit);

/// The variable an expression names, through the nodes passedThrough() skips.
const VarDecl *namedVariable(const Expr &E);

/// Whether D (null: no) has a name that contains one of Words, ignoring case: `kStopped` and
/// `cancel_one` for {"stop", "cancel"}, `num_threads` for {"thread"}.
bool nameContainsAny(const NamedDecl *D, ArrayRef<StringRef> Words);

/// The value E stands for: passedThrough(E), or for a local variable initialised where it is
/// declared (`auto step = [] { ... };`), passedThrough of its initialiser.
const Expr *initialValue(const Expr &E);

enum class Discard {
  No,        ///< The value is used.
  Statement, ///< The expression is a statement (or a discarded operand of one).
  VoidCast,  ///< The value is explicitly cast to void.
};

/// Whether the value of E is thrown away, looking through the implicit nodes that wrap a
/// temporary, parentheses, comma operands and the operands of a discarded conditional.
/// Parents maps the body of E's function (a parent map of one body, never of the whole
/// translation unit: building that costs as much memory as the AST).
Discard discardKind(const Expr &E, const ParentMap &Parents);

} // namespace clang::tidy::async::utils

#endif
