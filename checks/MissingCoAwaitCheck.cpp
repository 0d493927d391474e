//===--- MissingCoAwaitCheck.cpp - async-missing-co-await -----------------===//

#include "MissingCoAwaitCheck.h"
#include "clang-tidy/utils/Matchers.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include <functional>
#include "utils/CoroutineContext.h"
#include "utils/EvaluatedCalls.h"
#include "utils/PackCalls.h"
#include "utils/UnconsumedLocal.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

constexpr llvm::StringLiteral IgnoredTypesKey = "IgnoredTypes";
constexpr llvm::StringLiteral IgnoredFunctionsKey = "IgnoredFunctions";
constexpr llvm::StringLiteral ReportEagerDiscardsKey = "ReportEagerDiscards";

using utils::AwaitableKind;


/// The subject of the message: `'fetch' returns`, `the temporary is`.
std::string describeSource(const Expr &Value) {
  if (isa<CXXTemporaryObjectExpr>(Value))
    return "the temporary is";
  const auto *Call = dyn_cast<CallExpr>(&Value);
  // `folly::coro::co_withExecutor(e, t)`, `stdexec::when_all(...)`: the function object, not
  // its operator().
  if (const VarDecl *Object = Call ? utils::functionObject(*Call) : nullptr)
    return "'" + Object->getNameAsString() + "' returns";
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return (Callee ? utils::describeFunction(*Callee) : "the call") + " returns";
}

/// `std::nullopt`, also converted to the optional it initialises or is assigned to.
bool holdsNullopt(const Expr &E) {
  const Expr *Value = E.IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() == 1)
    Value = Construct->getArg(0)->IgnoreImplicit();
  const auto *Record = Value->getType()->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName() == "nullopt_t";
}

/// The part of the message after "returns"/"holds": what the value is and why it matters.
std::string consequence(AwaitableKind Kind, StringRef Type, StringRef Fate) {
  switch (Kind) {
  case AwaitableKind::LazyTask:
    return ("a lazy " + Type + " that " + Fate + "; its body will not run").str();
  case AwaitableKind::EagerTask:
    return ("an eager " + Type + " that " + Fate + "; its result and exceptions are lost").str();
  default:
    return ("an awaitable " + Type + " that " + Fate + "; the operation will not start").str();
  }
}

/// co_await binds tighter than every binary operator; postfix calls and subscripts bind tighter
/// than co_await.
bool needsParentheses(const Expr &Call) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  return Operator && Operator->isInfixBinaryOp();
}

/// In a template, one text serves every instantiation: `co_await ` may be inserted only when
/// the call at that place returns a lazy awaitable in each instantiation of the caller.
bool lazyInEveryInstantiation(const Expr &Call, const FunctionDecl &Caller,
                              utils::AwaitableClassifier &Classifier, ASTContext &Context) {
  const FunctionDecl *Pattern = Caller.getTemplateInstantiationPattern();
  if (!Pattern)
    return true;
  const FunctionTemplateDecl *Template = Pattern->getDescribedFunctionTemplate();
  if (!Template)
    return false; // a member of a class template or a lambda in one: not worth the risk
  bool AllLazy = true;
  for (const FunctionDecl *Instance : Template->specializations()) {
    const Stmt *Body = Instance->getBody();
    if (!Body)
      continue;
    utils::forEachEvaluatedCall(*Body, [&](const Expr &Other, const FunctionDecl *) {
      if (utils::callRange(Other).getBegin() == utils::callRange(Call).getBegin() &&
          Other.getStmtClass() == Call.getStmtClass() &&
          !utils::isLazy(Classifier.classify(Other.getType(), Context)))
        AllLazy = false;
    });
  }
  return AllLazy;
}

/// `RescheduleLazy::operator co_await` is [[deprecated]] (async_simple wants it detached, not
/// awaited): awaiting the value is not the fix its library intends.
bool awaitingIsDeprecated(QualType Type, ASTContext &Context) {
  const auto *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  DeclarationName CoAwait = Context.DeclarationNames.getCXXOperatorName(OO_Coawait);
  return llvm::any_of(Record->getDefinition()->lookup(CoAwait),
                      [](const NamedDecl *D) { return D->isDeprecated(); });
}

/// Inserts `co_await ` before the call, where the result compiles to the same program
/// with the task awaited: never inside a macro, nor in a catch handler (C++20 forbids it), nor
/// in a template whose other instantiations make something else of the call, nor where the
/// library deprecates awaiting the type.
void addCoAwaitFix(DiagnosticBuilder &Diag, const Expr &Call, const utils::FunctionBody &Caller,
                   utils::AwaitableClassifier &Classifier, ASTContext &Context) {
  SourceRange Range = utils::callRange(Call);
  SourceLocation Begin = Range.getBegin();
  if (Begin.isMacroID() || Range.getEnd().isMacroID() ||
      utils::isInCatchHandler(Call, Caller.parents()) ||
      awaitingIsDeprecated(Call.getType(), Context) ||
      !lazyInEveryInstantiation(Call, Caller.function(), Classifier, Context))
    return;
  if (!needsParentheses(Call)) {
    Diag << FixItHint::CreateInsertion(Begin, "co_await ");
    return;
  }
  SourceLocation End = Lexer::getLocForEndOfToken(
      Range.getEnd(), 0, Context.getSourceManager(), Context.getLangOpts());
  Diag << FixItHint::CreateInsertion(Begin, "co_await (")
       << FixItHint::CreateInsertion(End, ")");
}

/// Whether the call's function (Callee, if known) or its result's class is [[nodiscard]].
bool isNodiscard(const Expr &Call, const FunctionDecl *Callee) {
  const RecordDecl *Record = Call.getType()->getAsRecordDecl();
  return (Callee && Callee->hasAttr<WarnUnusedResultAttr>()) ||
         (Record && Record->hasAttr<WarnUnusedResultAttr>());
}

/// The call whose result initialises Var (`auto t = run();`), through a copy or move.
const CallExpr *initialisingCall(const VarDecl &Var) {
  const Expr *Init = Var.getInit() ? Var.getInit()->IgnoreImplicit() : nullptr;
  if (const auto *Copy = dyn_cast_or_null<CXXConstructExpr>(Init); Copy && Copy->getNumArgs() == 1)
    Init = Copy->getArg(0)->IgnoreImplicit();
  return dyn_cast_or_null<CallExpr>(Init);
}

/// `Task<int> t;` or `Task<int> t{}` holds no coroutine: dropping it loses nothing.
bool isEmptyConstruction(const Expr *Init) {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init ? Init->IgnoreImplicit() : nullptr);
  return Construct && Construct->getConstructor()->isDefaultConstructor();
}

} // namespace

MissingCoAwaitCheck::MissingCoAwaitCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), IgnoredTypes(Options.get(IgnoredTypesKey, "")),
      IgnoredFunctions(Options.get(IgnoredFunctionsKey, "")),
      ReportEagerDiscards(Options.get(ReportEagerDiscardsKey, false)),
      Packs(Options, *Context), Classifier(&Packs.rules()),
      IgnoredTypeMatcher(tidy::utils::options::parseStringList(IgnoredTypes)),
      IgnoredFunctionMatcher(tidy::utils::options::parseStringList(IgnoredFunctions)) {
  for (const auto *Names : {&Packs.rules().startedHandles(), &Packs.rules().ignoredAwaitables()})
    for (const std::string &Name : *Names)
      IgnoredTypeNames.insert(Name);
}

void MissingCoAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, IgnoredTypesKey, IgnoredTypes);
  Options.store(Opts, IgnoredFunctionsKey, IgnoredFunctions);
  Options.store(Opts, ReportEagerDiscardsKey, ReportEagerDiscards);
  Packs.store(Options, Opts);
}

void MissingCoAwaitCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("function"),
                     this);
  Finder->addMatcher(fieldDecl(isPrivate(), unless(isExpansionInSystemHeader())).bind("field"),
                     this);
}

/// Whether values of this class are never reported: started handles and ignored awaitables of
/// the packs, and the IgnoredTypes option.
bool MissingCoAwaitCheck::isIgnoredType(QualType Type) const {
  const auto *Record = Type->getAsCXXRecordDecl();
  return !Record || IgnoredTypeNames.contains(utils::packName(*Record)) ||
         IgnoredTypeMatcher.matches(*Record, nullptr, nullptr);
}

/// `task().semi()`: a call whose started handle holds work that has not started (the packs'
/// deferring_calls), also through a one-statement helper that returns one (`SemiFuture<Unit>
/// persistAsync(Report r) { return persist(std::move(r)).semi(); }`); it is reported like a
/// lazy task.
bool MissingCoAwaitCheck::isDeferringCall(const Expr *E, bool ThroughHelper) const {
  const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreImplicit()->IgnoreParenImpCasts()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  if (utils::findCallEntry<async_lint::rules::DeferringCall>(
          *Call, *Callee, [&](StringRef Name) { return Packs.rules().findDeferringCall(Name); }))
    return true;
  const FunctionDecl *Definition = Callee->getDefinition();
  const Expr *Returned = ThroughHelper && Definition ? utils::onlyReturnedValue(*Definition)
                                                     : nullptr;
  return Returned && isDeferringCall(Returned, /*ThroughHelper=*/false);
}

void MissingCoAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    checkTaskMember(*Field, *Result.Context);
    return;
  }
  utils::FunctionBody Function(*Result.Nodes.getNodeAs<FunctionDecl>("function"));
  if (!Function.body())
    return;
  std::optional<utils::LocalVariableFlow> Flow;
  // Only this function's own statements: a lambda's body is matched as its own function.
  utils::forEachStatement(*Function.body(), [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Call->getType()->isRecordType() ||
          (Callee && IgnoredFunctionMatcher.matches(*Callee, nullptr, nullptr)))
        return;
      bool Ignored = isIgnoredType(Call->getType());
      bool Deferred = Ignored && isDeferringCall(Call);
      if (!Ignored || Deferred)
        checkDiscarded(*Call, Function, Deferred, *Result.Context);
      return;
    }
    // `seastar::coroutine::maybe_yield();`: an awaitable built and dropped.
    if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(&S)) {
      if (!isIgnoredType(Temporary->getType()))
        checkDiscarded(*Temporary, Function, /*Deferred=*/false, *Result.Context);
      return;
    }
    const auto *Declaration = dyn_cast<DeclStmt>(&S);
    if (!Declaration)
      return;
    for (const Decl *D : Declaration->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType())
        checkTaskContainer(*Var, *Function.body(), *Result.Context);
      if (!Var || !Var->hasLocalStorage() || !Var->getType()->isRecordType() ||
          isEmptyConstruction(Var->getInit()))
        continue;
      bool Ignored = isIgnoredType(Var->getType());
      bool Deferred = Ignored && isDeferringCall(Var->getInit());
      if (Ignored && !Deferred)
        continue;
      if (!Flow)
        Flow.emplace(*Function.body(), *Result.Context);
      checkLocalVariable(*Var, Deferred, *Flow, *Result.Context);
    }
  });
}

void MissingCoAwaitCheck::checkDiscarded(const Expr &Call, const utils::FunctionBody &Caller,
                                         bool Deferred, ASTContext &Context) {
  if (Call.isGLValue()) // a reference to a task that somebody else owns
    return;
  AwaitableKind Kind =
      Deferred ? AwaitableKind::LazyTask : Classifier.classify(Call.getType(), Context);
  if (Kind == AwaitableKind::NotAwaitable)
    return;
  utils::Discard How = utils::discardKind(Call, Caller.parents());
  if (How == utils::Discard::No)
    return;
  const auto *AsCall = dyn_cast<CallExpr>(&Call);
  const FunctionDecl *Callee = AsCall ? AsCall->getDirectCallee() : nullptr;
  // Dropping an eager task starts work on purpose, unless waiting is all the task does, or
  // the library declared the task [[nodiscard]] (its way is `(void)f()`: Seastar's future).
  bool OnlyWaits =
      Kind == AwaitableKind::EagerTask && Callee &&
      utils::isWaitOperationCall(*AsCall, *Callee, Packs.rules());
  bool MustUse = Kind == AwaitableKind::EagerTask && How == utils::Discard::Statement &&
                 isNodiscard(Call, Callee);
  if (Kind == AwaitableKind::EagerTask && !ReportEagerDiscards && !OnlyWaits && !MustUse)
    return;
  // A task built by a constructor holds no coroutine; an operation built so is one.
  if (isa<CXXTemporaryObjectExpr>(Call) && Kind != AwaitableKind::Awaiter)
    return;
  // Spawn functions return handles to work that already runs: dropping them is fire-and-forget.
  if (Callee && utils::findSpawnCall(*AsCall, *Callee, Packs.rules()))
    return;
  SourceLocation Begin = utils::callRange(Call).getBegin();
  if (!Reported.insert(Begin).second)
    return;

  bool InCoroutine = utils::isCoroutine(&Caller.function());
  {
    std::string Type = utils::describeType(
        Call.getType(), Context,
        Callee && Callee->getDeclaredReturnType()->getContainedDeducedType());
    auto Diag = diag(Begin, "%0 %1")
                << describeSource(Call)
                << (OnlyWaits ? "an eager " + Type +
                                    " that only waits and is never awaited; the coroutine "
                                    "does not wait for it"
                              : consequence(Kind, Type, "is never awaited"))
                << Call.getSourceRange();
    if ((Kind != AwaitableKind::EagerTask || OnlyWaits) && InCoroutine)
      addCoAwaitFix(Diag, Call, Caller, Classifier, Context);
  }
  if (Kind != AwaitableKind::EagerTask && !InCoroutine)
    diag(Begin,
         "%0 is not a coroutine: co_await the result from a coroutine, pass it to a function "
         "that runs it, or return it",
         DiagnosticIDs::Note)
        << utils::describeFunction(Caller.function());
}

void MissingCoAwaitCheck::checkLocalVariable(const VarDecl &Var, bool Deferred,
                                             utils::LocalVariableFlow &Flow,
                                             ASTContext &Context) {
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(&Var)) {
    for (const BindingDecl *Binding : Decomposition->bindings())
      checkHeldValue(Var, *Binding, Deferred, Flow, Context);
    return;
  }
  checkHeldValue(Var, Var, Deferred, Flow, Context);
}

void MissingCoAwaitCheck::checkHeldValue(const VarDecl &Storage, const ValueDecl &Value,
                                         bool Deferred, utils::LocalVariableFlow &Flow,
                                         ASTContext &Context) {
  QualType Type = Value.getType().getNonReferenceType();
  AwaitableKind Kind = Deferred ? AwaitableKind::LazyTask : Classifier.classify(Type, Context);
  if (Kind == AwaitableKind::NotAwaitable || startedBySpawn(Storage) ||
      !Reported.insert(Value.getLocation()).second)
    return;
  const Stmt &Body = *utils::userBody(*cast<FunctionDecl>(Storage.getParentFunctionOrMethod()));
  bool Mentioned = utils::isMentioned(Value, Body);
  // An eager task runs anyway: it is only lost when nothing ever awaits, consumes or hands
  // on what it holds (Seastar's `auto units = get_units(sem, 1);`, never awaited).
  if (Kind == AwaitableKind::EagerTask && Mentioned)
    return;
  // `auto [future, promise] = MakeContract();`: a future taken out of a pair is the reading
  // end of a channel, not work this statement started.
  if (Kind == AwaitableKind::EagerTask && isa<BindingDecl>(Value))
    return;
  // Kept and never used, an eager task is lost as a dropped one is (checkDiscarded): only
  // where the library says it must be used ([[nodiscard]]: Seastar's `auto units =
  // get_units(sem, 1);`) or where waiting is all it does. QCoro's `auto task = run(); return
  // app.exec();` keeps a task that runs on purpose.
  if (Kind == AwaitableKind::EagerTask && !ReportEagerDiscards) {
    const CallExpr *Init = initialisingCall(Storage);
    const FunctionDecl *Callee = Init ? Init->getDirectCallee() : nullptr;
    const RecordDecl *Record = Type->getAsRecordDecl();
    bool MustUse = (Callee && Callee->hasAttr<WarnUnusedResultAttr>()) ||
                   (Record && Record->hasAttr<WarnUnusedResultAttr>());
    if (!MustUse && !(Callee && utils::isWaitOperationCall(*Init, *Callee, Packs.rules())))
      return;
  }
  std::optional<SourceLocation> Exit = Flow.exitWithoutUse(Storage, Value);
  if (!Exit)
    return;
  StringRef Fate = Mentioned ? "may be destroyed without being awaited" : "is never awaited";
  diag(Value.getLocation(), "local variable %0 holds %1")
      << &Value << consequence(Kind, utils::describeType(Type, Context), Fate);
  diag(*Exit, "%0 is destroyed here without having been awaited", DiagnosticIDs::Note)
      << &Value;
}

/// The lazy tasks a std::vector, deque, list or optional declared with this type holds, or
/// that a std::map or unordered_map maps its keys to.
std::optional<MissingCoAwaitCheck::TaskStore>
MissingCoAwaitCheck::taskStore(QualType Type, ASTContext &Context) {
  const auto *Container =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
  if (!Container || !Container->isInStdNamespace() || !Container->getIdentifier())
    return std::nullopt;
  StringRef Name = Container->getName();
  unsigned Held = llvm::is_contained({"map", "unordered_map", "multimap", "unordered_multimap"},
                                     Name)
                      ? 1
                      : 0;
  if ((!Held && !llvm::is_contained({"vector", "deque", "list", "optional"}, Name)) ||
      Container->getTemplateArgs().size() <= Held ||
      Container->getTemplateArgs()[Held].getKind() != TemplateArgument::Type)
    return std::nullopt;
  QualType Element = Container->getTemplateArgs()[Held].getAsType();
  // The element as written (`exec::task<void>`), not its canonical spelling.
  if (const auto *Written = Type->getAs<TemplateSpecializationType>();
      Written && Written->template_arguments().size() > Held &&
      Written->template_arguments()[Held].getKind() == TemplateArgument::Type)
    Element = Written->template_arguments()[Held].getAsType();
  AwaitableKind Kind = Classifier.classify(Element, Context);
  // An eager task runs anyway; one the library declared [[nodiscard]] (Seastar's future) must
  // still be consumed, or its result and failure are lost.
  const CXXRecordDecl *ElementClass = Element->getAsCXXRecordDecl();
  bool MustUse = Kind == AwaitableKind::EagerTask && ElementClass &&
                 ElementClass->hasAttr<WarnUnusedResultAttr>();
  if ((!utils::isLazy(Kind) && !MustUse) || isIgnoredType(Element))
    return std::nullopt;
  return TaskStore{Element, Kind, Name == "optional"};
}

namespace {

/// `c.erase(c.begin())`: whether Position, a member call giving an iterator of a container,
/// is (converted) an argument of that same container's erase.
template <class ParentFn> bool erasesFromSame(const CXXMemberCallExpr &Position, ParentFn Parent) {
  const Stmt *Up = Parent(Position);
  while (isa_and_nonnull<MaterializeTemporaryExpr, CXXBindTemporaryExpr, CXXConstructExpr,
                         ImplicitCastExpr>(Up))
    Up = Parent(*Up);
  const auto *Erase = dyn_cast_or_null<CXXMemberCallExpr>(Up);
  const CXXMethodDecl *Method = Erase ? Erase->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() || Method->getName() != "erase")
    return false;
  const ValueDecl *Container = utils::namedObject(Erase->getImplicitObjectArgument());
  return Container && Container == utils::namedObject(Position.getImplicitObjectArgument());
}

/// Whether every mention of Var (a local, or a data member through any object) in Bodies only
/// fills it, asks its size or whether it holds a task or a key, drops tasks unread (`erase`,
/// `clear`, `reset`), or, Single, assigns to it; sets FirstStore to the first call or
/// assignment that stores a task.
bool onlyFilled(const ValueDecl &Var, ArrayRef<const Stmt *> Bodies, bool Single,
                const Expr *&FirstStore, ASTContext &Context) {
  static constexpr llvm::StringLiteral Filling[] = {
      "push_back", "emplace_back", "push_front", "emplace_front", "insert",    "emplace",
      "try_emplace", "reserve",    "size",       "empty",         "capacity",  "has_value",
      "reset",     "erase",        "clear",      "count",         "contains"};
  static constexpr llvm::StringLiteral Dropping[] = {"erase", "clear", "reset", "count",
                                                     "contains"};
  bool HandedOn = false;
  // The first parent of a node past implicit casts and parentheses (a coroutine's `co_return
  // e` holds e twice: the operand, and the promise's return_value call).
  auto ParentOf = [&](const Stmt &Node) -> const Stmt * {
    const Stmt *Current = &Node;
    for (;;) {
      auto Parents = Context.getParents(*Current);
      const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
      if (!isa_and_nonnull<ImplicitCastExpr, ParenExpr>(Parent))
        return Parent;
      Current = Parent;
    }
  };
  std::function<void(const Stmt &)> Visit = [&](const Stmt &S) {
    for (const Stmt *Child : S.children())
      if (Child && !HandedOn)
        Visit(*Child);
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    const auto *Field = dyn_cast<MemberExpr>(&S);
    if (HandedOn || !((Ref && Ref->getDecl() == &Var) ||
                      (Field && Field->getMemberDecl() == &Var)))
      return;
    const auto &Mention = cast<Expr>(S);
    // `invalidate = purge(path);` stores a task; `invalidate = std::nullopt;` drops it.
    if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(ParentOf(Mention));
        Single && Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
        Assign->getArg(0)->IgnoreParenImpCasts() == &Mention) {
      if (!FirstStore && !holdsNullopt(*Assign->getArg(1)) &&
          !isEmptyConstruction(Assign->getArg(1)))
        FirstStore = Assign;
      return;
    }
    const auto *Member = dyn_cast_or_null<MemberExpr>(ParentOf(Mention));
    const auto *Call = Member ? dyn_cast_or_null<CXXMemberCallExpr>(ParentOf(*Member)) : nullptr;
    const auto *Method = Call ? Call->getMethodDecl() : nullptr;
    if (Method && Method->getIdentifier() &&
        llvm::is_contained({"begin", "end", "cbegin", "cend"}, Method->getName()) &&
        erasesFromSame(*Call, ParentOf))
      return; // `uploads_.erase(uploads_.begin())` drops the oldest task unread
    if (!Method || !Method->getIdentifier() || !llvm::is_contained(Filling, Method->getName())) {
      HandedOn = true;
      return;
    }
    if (!FirstStore && Call->getNumArgs() > 0 && Method->getName() != "reserve" &&
        !llvm::is_contained(Dropping, Method->getName()))
      FirstStore = Call;
  };
  for (const Stmt *Body : Bodies)
    if (Body && !HandedOn)
      Visit(*Body);
  return !HandedOn;
}

} // namespace

/// `std::vector<Task<>> writes; for (...) writes.push_back(put(id));` with nothing else done to
/// `writes`: no task stored there is ever awaited, moved out, passed on or iterated, so none
/// runs. Any other mention (a gather, a range-for, a move, a capture, a return) hands them on.
/// The same for a `std::optional<Task<>>` given a task (`invalidate = purge(path);`) and never
/// read.
void MissingCoAwaitCheck::checkTaskContainer(const VarDecl &Var, const Stmt &Body,
                                             ASTContext &Context) {
  std::optional<TaskStore> Store = taskStore(Var.getType(), Context);
  if (!Store)
    return;
  // `std::optional<Task<>> t = work();`: stored by its initialisation.
  const Expr *FirstStore = Store->Single && Var.getInit() &&
                                   !isEmptyConstruction(Var.getInit()) &&
                                   !holdsNullopt(*Var.getInit())
                               ? Var.getInit()
                               : nullptr;
  if (!onlyFilled(Var, {&Body}, Store->Single, FirstStore, Context) || !FirstStore)
    return;
  reportTaskStore(Var, *Store, *FirstStore, Context);
}

/// `std::vector<Task<>> pending_audit_;` that the class's member functions only fill: a
/// private member of a class whose member functions are all defined in this translation unit
/// (no friends), so that every mention of it is seen.
void MissingCoAwaitCheck::checkTaskMember(const FieldDecl &Field, ASTContext &Context) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Field.getParent());
  if (!Class || Class->isDependentContext() || !Class->friends().empty())
    return;
  std::optional<TaskStore> Store = taskStore(Field.getType(), Context);
  // A member that holds one lazy task, assigned like an optional (`last_ = checkpoint();`).
  if (AwaitableKind Kind = Classifier.classify(Field.getType(), Context);
      !Store && utils::isLazy(Kind) && !isIgnoredType(Field.getType()))
    Store = TaskStore{Field.getType(), Kind, /*Single=*/true};
  if (!Store)
    return;
  // The member functions of the class and of the classes nested in it (which may use its
  // private members too); false when one is defined elsewhere or initialises the member.
  SmallVector<const Stmt *, 16> Bodies;
  std::function<bool(const CXXRecordDecl &)> Collect = [&](const CXXRecordDecl &Scope) {
    for (const Decl *Member : Scope.decls()) {
      if (const auto *Nested = dyn_cast<CXXRecordDecl>(Member);
          Nested && !Nested->isInjectedClassName() && !Collect(*Nested))
        return false;
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
        Member = Template->getTemplatedDecl();
      const auto *Method = dyn_cast<CXXMethodDecl>(Member);
      if (!Method || Method->isImplicit() || Method->isDefaulted() || Method->isDeleted() ||
          Method->isPureVirtual())
        continue;
      const FunctionDecl *Definition = nullptr;
      if (!Method->hasBody(Definition))
        return false; // defined elsewhere: a mention we cannot see
      Bodies.push_back(Definition->getBody());
      if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Definition))
        for (const CXXCtorInitializer *Init : Constructor->inits())
          if (Init->isWritten() && Init->getMember() == &Field)
            return false; // initialised with tasks, or from another container
    }
    return true;
  };
  const Expr *FirstStore = nullptr;
  if (Field.hasInClassInitializer() || !Collect(*Class) ||
      !onlyFilled(Field, Bodies, Store->Single, FirstStore, Context) || !FirstStore)
    return;
  reportTaskStore(Field, *Store, *FirstStore, Context);
}

void MissingCoAwaitCheck::reportTaskStore(const ValueDecl &Holder, const TaskStore &Store,
                                          const Expr &FirstStore, ASTContext &Context) {
  if (!Reported.insert(Holder.getLocation()).second)
    return;
  std::string Type = utils::describeType(Store.Element, Context);
  StringRef What = isa<FieldDecl>(Holder) ? "member" : "local variable";
  if (Store.Single) {
    diag(Holder.getLocation(), "%0 %1 holds %2")
        << What << &Holder << consequence(Store.Kind, Type, "is never awaited");
    diag(FirstStore.getBeginLoc(), "a task is stored here; await it or hand it on",
         DiagnosticIDs::Note);
    return;
  }
  bool Eager = Store.Kind == AwaitableKind::EagerTask;
  diag(Holder.getLocation(), "%0 %1 holds %select{lazy|eager}2 %3 tasks that are never awaited; "
                             "%select{their bodies will not run|their results and exceptions are "
                             "lost}2")
      << What << &Holder << Eager << Type;
  diag(FirstStore.getBeginLoc(), "a task is stored here; await the tasks (gather them) or "
                                 "hand the container on",
       DiagnosticIDs::Note);
}

/// `auto handle = pool.spawn_joinable(work());`: what a spawn function returns is a handle to
/// work that already runs, whatever its type.
bool MissingCoAwaitCheck::startedBySpawn(const VarDecl &Storage) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(
      Storage.getInit() ? utils::passedThrough(Storage.getInit()) : nullptr);
  const auto *Callee = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
  return Callee && utils::findSpawnCall(*Call, *Callee, Packs.rules());
}

void MissingCoAwaitCheck::onEndOfTranslationUnit() {
  Classifier.clear();
  Reported.clear();
}

} // namespace clang::tidy::async
