//===--- PackCalls.cpp - match calls against rule-pack entries ------------===//

#include "PackCalls.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "LockHolding.h"
#include "LoopBounds.h"
#include "UnconsumedLocal.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

namespace clang::tidy::async::utils {
namespace {

namespace rules = async_lint::rules;

/// The arguments of a call or construction, the object of a member call first.
SmallVector<const Expr *, 4> operandsOf(const Expr &Call) {
  SmallVector<const Expr *, 4> Operands;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Operands.push_back(Member->getImplicitObjectArgument());
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    Operands.append(C->arg_begin(), C->arg_end());
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Call))
    Operands.append(Construct->arg_begin(), Construct->arg_end());
  return Operands;
}

/// The pack name of an operand's class type, e.g. "asio::use_awaitable_t", or "".
std::string typeName(const Expr *Operand) {
  if (!Operand)
    return "";
  const auto *Record = Operand->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return Record ? packName(*Record) : "";
}

bool namesVariable(const Expr *Operand, std::initializer_list<StringRef> Names) {
  const auto *Ref = Operand ? dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()) : nullptr;
  return Ref && llvm::is_contained(Names, packName(*Ref->getDecl()));
}

bool hasTypeIn(const Expr *Operand, const std::vector<std::string> &Types) {
  return llvm::is_contained(Types, typeName(Operand));
}

void addRecordNames(const CXXRecordDecl &Record, StringRef Suffix,
                    std::vector<std::string> &Names) {
  Names.push_back(packName(Record) + Suffix.str());
  if (!Record.hasDefinition())
    return;
  for (const CXXBaseSpecifier &Base : Record.bases())
    if (const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl())
      addRecordNames(*BaseRecord, Suffix, Names);
}


/// Whether a piece of code names a non-blocking I/O idiom: EAGAIN, EWOULDBLOCK, EINPROGRESS,
/// O_NONBLOCK, SOCK_NONBLOCK, MSG_DONTWAIT, or a non-blocking setting spelled out
/// (`set_nonblocking(fd)`, `non_blocking(true)`, `blocking_t::no`, `blocking(false)`).
bool namesNonBlockingIdiom(const SourceRange &Range, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  StringRef Text = Lexer::getSourceText(SM.getExpansionRange(Range), SM, Context.getLangOpts());
  auto IsIdentifierChar = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (StringRef Idiom : {"EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "O_NONBLOCK",
                          "SOCK_NONBLOCK", "MSG_DONTWAIT"})
    for (size_t At = Text.find(Idiom); At != StringRef::npos; At = Text.find(Idiom, At + 1))
      if ((At == 0 || !IsIdentifierChar(Text[At - 1])) &&
          (At + Idiom.size() == Text.size() || !IsIdentifierChar(Text[At + Idiom.size()])))
        return true;
  static const llvm::Regex Setting(
      "non[_-]?block|blocking[A-Za-z0-9_]*[[:space:]]*(::[[:space:]]*(no|off)[^A-Za-z0-9_]|"
      "\\([[:space:]]*false[[:space:]]*\\))",
      llvm::Regex::IgnoreCase);
  return Setting.match(Text);
}

/// Whether the function, or for a member function the constructors of its class that this
/// translation unit defines (a socket member made non-blocking where the object is built),
/// names a non-blocking I/O idiom.
bool usesNonBlockingIO(const FunctionDecl &Function) {
  const ASTContext &Context = Function.getASTContext();
  if (const Stmt *Body = Function.getBody(); Body && namesNonBlockingIdiom(Body->getSourceRange(), Context))
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  if (!Method || !Method->getParent()->hasDefinition())
    return false;
  return llvm::any_of(Method->getParent()->ctors(), [&](const CXXConstructorDecl *Constructor) {
    const FunctionDecl *Definition = Constructor->getDefinition();
    return Definition && Definition->hasBody() &&
           namesNonBlockingIdiom(Definition->getSourceRange(), Context);
  });
}

/// `*it`, `v[i]`, `p->x`, `std::get<0>(t)`, `std::move(f)`: calls that give a part of their
/// first argument, or the argument itself.
bool readsItsFirstArgument(const CallExpr &Call) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call))
    return llvm::is_contained({OO_Star, OO_Subscript, OO_Arrow}, Operator->getOperator());
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         llvm::is_contained({"get", "move", "forward"}, Callee->getName());
}

/// The variable an expression names, through parentheses and casts.
const ValueDecl *namedDecl(const Expr &E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts());
  return Ref ? Ref->getDecl() : nullptr;
}

/// Whether Var is complete at Call: an earlier co_await of Body mentions it (`co_await
/// Await(f1, f2)`, `co_await when_all(f)`, `co_await f`) or a group that it joined before
/// (`wg.Attach(f1, f2); co_await wg.Await();`), or an earlier `Var.wait()` waited for it
/// (that wait is the blocking call; what follows only reads).
/// `f.wait()`, or a readiness test the code acts on (`if (f.available())`, `while
/// (f.wait_for(0s) != ready) co_await yield();`, `f.is_ready()`): what follows reads a future
/// that is, or has been tested to be, complete.
bool waitsOrTestsReadiness(const CXXMemberCallExpr &Call) {
  StringRef Name = Call.getMethodDecl()->getName();
  if (Name == "wait")
    return Call.getNumArgs() == 0;
  return llvm::is_contained({"wait_for", "wait_until", "available", "is_ready", "isReady",
                             "ready", "isFinished"},
                            Name);
}

bool completedBefore(const VarDecl &Var, const Expr &Call, const Stmt &Body) {
  const SourceManager &SM = Var.getASTContext().getSourceManager();
  // The objects Var was handed to, as an argument of one of their members.
  llvm::SmallPtrSet<const ValueDecl *, 2> Groups{&Var};
  auto Names = [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    return Ref && Groups.contains(Ref->getDecl());
  };
  bool Complete = false;
  forEachStatement(Body, [&](const Stmt &S) {
    if (Complete || !SM.isBeforeInTranslationUnit(S.getBeginLoc(), Call.getBeginLoc()))
      return;
    if (const auto *Join = dyn_cast<CXXMemberCallExpr>(&S);
        Join && llvm::any_of(Join->arguments(),
                             [&](const Expr *Argument) { return namedDecl(*Argument) == &Var; }))
      if (const ValueDecl *Group = namedDecl(*Join->getImplicitObjectArgument()))
        Groups.insert(Group);
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
      forEachStatement(*Await->getOperand(),
                       [&](const Stmt &Inner) { Complete |= Names(Inner); });
    else if (const auto *Wait = dyn_cast<CXXMemberCallExpr>(&S);
             Wait && Wait->getMethodDecl() && Wait->getMethodDecl()->getIdentifier() &&
             waitsOrTestsReadiness(*Wait))
      Complete |= namedDecl(*Wait->getImplicitObjectArgument()) == &Var;
  });
  return Complete;
}

/// Whether E is, or is read out of, the result of a co_await: `auto [a, b] = co_await
/// when_all(f(), g()); a.get();`, `std::get<0>(results).get()`, a range-for over an awaited
/// vector or over a list of awaited results (`{&a, &b}`), or a future that an earlier co_await or wait() of Body completed. Such a future is complete:
/// get() and wait() only read it.
bool comesFromAwait(const Expr *E, const Expr &Call, const Stmt *Body) {
  for (int Depth = 0; E && Depth < 12; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (isa<CoawaitExpr>(E))
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const ValueDecl *D = Ref->getDecl();
      if (const auto *Binding = dyn_cast<BindingDecl>(D))
        D = Binding->getDecomposedDecl();
      const auto *Var = dyn_cast_or_null<VarDecl>(D);
      if (Var && Body && completedBefore(*Var, Call, *Body))
        return true;
      E = Var && Var->hasLocalStorage() ? Var->getInit() : nullptr;
    } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      E = Member->getBase();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
               Unary && (Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf)) {
      E = Unary->getSubExpr();
    } else if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E)) {
      E = List->getSubExpr();
    } else if (const auto *Init = dyn_cast<InitListExpr>(E)) {
      // `for (auto *f : {&a, &b, &c})` over the results of one awaited when_all
      return Init->getNumInits() > 0 && llvm::all_of(Init->inits(), [&](const Expr *Element) {
               return comesFromAwait(Element, Call, Body);
             });
    } else if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(E);
               MemberCall && MemberCall->getMethodDecl() &&
               MemberCall->getMethodDecl()->getIdentifier() &&
               llvm::is_contained({"begin", "cbegin", "front", "back", "at", "value"},
                                  MemberCall->getMethodDecl()->getName())) {
      E = MemberCall->getImplicitObjectArgument(); // an element of an awaited container
    } else if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() > 0 &&
                                                          readsItsFirstArgument(*Call)) {
      E = Call->getArg(0); // std::get<0>(t), *it, v[i], std::move(f)
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
               Construct && Construct->getNumArgs() == 1) {
      E = Construct->getArg(0);
    } else {
      return false;
    }
  }
  return false;
}

} // namespace

bool awaitsReadiness(const FunctionDecl &Coroutine) {
  if (!isCoroutine(&Coroutine))
    return false;
  bool Found = false;
  forEachStatement(*userBody(Coroutine), [&](const Stmt &S) {
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    const auto *Call =
        Await ? dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit()) : nullptr;
    const auto *Callee = Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
    Found |= nameContainsAny(Callee, {"poll", "readable", "writable", "writeable"});
  });
  return Found;
}

const VarDecl *functionObject(const Expr &Call) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Operator || Operator->getOperator() != OO_Call)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Operator->getArg(0)->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasGlobalStorage() && !Var->isLocalVarDecl() ? Var : nullptr;
}

const CXXRecordDecl *objectClass(const Expr *Object) {
  if (!Object)
    return nullptr;
  QualType Type = Object->IgnoreParenImpCasts()->getType().getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

/// The class of a member call's object as written (`std::future`, not the base class the call
/// converts it to).
static const CXXRecordDecl *writtenObjectClass(const CXXMemberCallExpr &Call) {
  return objectClass(Call.getImplicitObjectArgument());
}

std::vector<CallName> callNames(const Expr &Call, const FunctionDecl &Callee) {
  std::vector<CallName> Names;
  if (const VarDecl *Object = functionObject(Call))
    Names.push_back({packName(*Object), true});
  // `f.wait()` on a std::future calls std::__basic_future::wait in libstdc++: the class the
  // object has is how users and packs name it, then the class declaring the member.
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (Member && Method && Method->getIdentifier())
    if (const CXXRecordDecl *Object = writtenObjectClass(*Member);
        Object && Object->getCanonicalDecl() != Method->getParent()->getCanonicalDecl()) {
      std::vector<std::string> Derived;
      addRecordNames(*Object, "::" + Method->getName().str(), Derived);
      for (std::string &Name : Derived)
        Names.push_back({std::move(Name), false});
    }
  for (std::string &Name : packNamesOf(Callee))
    if (llvm::none_of(Names, [&](const CallName &Known) { return Known.Name == Name; }))
      Names.push_back({std::move(Name), false});
  return Names;
}

/// `derivable_executor<thread_executor>` for thread_executor: a base class template
/// specialised on the derived class.
static bool isCrtpBaseOf(const CXXRecordDecl &Base, const CXXRecordDecl &Derived) {
  const auto *Specialization = dyn_cast<ClassTemplateSpecializationDecl>(&Base);
  if (!Specialization || &Base == &Derived)
    return false;
  return llvm::any_of(Specialization->getTemplateArgs().asArray(), [&](const TemplateArgument &A) {
    return A.getKind() == TemplateArgument::Type &&
           A.getAsType()->getAsCXXRecordDecl() == Derived.getCanonicalDecl()->getDefinition();
  });
}

std::string callName(const Expr &Call, const FunctionDecl &Callee) {
  if (const VarDecl *Object = functionObject(Call))
    return packName(*Object);
  // `f.wait()` on a std::future: libstdc++'s std::__basic_future is no name for a message, nor
  // is a CRTP base (`executor->post(f)`, declared in concurrencpp's
  // derivable_executor<thread_executor>): the member is named under the object's class.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
        Method && Method->getIdentifier() && Method->getParent()->getIdentifier())
      if (const CXXRecordDecl *Object = writtenObjectClass(*Member);
          Object && (Method->getParent()->getName().starts_with("_") ||
                     isCrtpBaseOf(*Method->getParent(), *Object)))
        return packName(*Object) + "::" + Method->getName().str();
  // `inc(tp)` with `auto inc = [&](...) -> Future<> {...};`: the lambda by its variable's name.
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && Operator->getOperator() == OO_Call &&
      cast<CXXMethodDecl>(Callee).getParent()->isLambda())
    if (const ValueDecl *Lambda = namedDecl(*Operator->getArg(0)))
      return Lambda->getNameAsString();
  return withoutReservedScopes(packName(Callee));
}

std::string withoutReservedScopes(StringRef Name) {
  // `experimental::execution::__scope::async_scope::spawn`: what follows the library's
  // internal namespace (`async_scope::spawn`) is what its users write.
  size_t At = 0;
  for (size_t Scope = Name.find("::__"); Scope != StringRef::npos;
       Scope = Name.find("::__", Scope + 1))
    At = Scope;
  if (At == 0 && !Name.starts_with("__"))
    return Name.str();
  size_t After = Name.find("::", At + 2);
  return After == StringRef::npos ? Name.str() : Name.substr(After + 2).str();
}

StringRef unqualifiedCallName(const Expr &Call, const FunctionDecl &Callee) {
  const NamedDecl *Named = functionObject(Call);
  if (!Named)
    Named = &Callee;
  if (Named->getIdentifier())
    return Named->getName();
  // `operator+` as packs spell it (Boost.Cobalt's `+promise` detaches), spelled once per
  // operator: this runs for every call in every coroutine body.
  static const std::vector<std::string> OperatorNames = [] {
    std::vector<std::string> Names(NUM_OVERLOADED_OPERATORS);
    for (int Op = OO_None + 1; Op < NUM_OVERLOADED_OPERATORS; ++Op) {
      StringRef Spelling = getOperatorSpelling(static_cast<OverloadedOperatorKind>(Op));
      // As DeclarationName prints it: `operator+`, `operator new`.
      Names[Op] = (Twine("operator") + (isLetter(Spelling.front()) ? " " : "") + Spelling).str();
    }
    return Names;
  }();
  OverloadedOperatorKind Op = Named->getDeclName().getCXXOverloadedOperator();
  return Op == OO_None ? StringRef() : StringRef(OperatorNames[Op]);
}

bool kindFits(rules::CallableKind Kind, const CallName &Name, const FunctionDecl &Callee) {
  if (Name.ThroughObject)
    return Kind == rules::CallableKind::Function;
  if (isa<CXXConstructorDecl>(Callee))
    return Kind == rules::CallableKind::Constructor;
  // A static member (`QThread::msleep`) may be listed either way.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee))
    return Kind == rules::CallableKind::Member ||
           (Method->isStatic() && Kind == rules::CallableKind::Function);
  return Kind == rules::CallableKind::Function;
}

std::vector<std::string> packNamesOf(const FunctionDecl &Callee) {
  std::vector<std::string> Names;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method) {
    std::string Name = packName(Callee);
    const SourceManager &SM = Callee.getASTContext().getSourceManager();
    // A pack names a distinctive global function of a library as `::qCoro`, found from any
    // header however it is included.
    if (Callee.getDeclContext()->getRedeclContext()->isTranslationUnit() &&
        !StringRef(Name).contains("::"))
      Names.push_back("::" + Name);
    if (StringRef(Name).contains("::") || Callee.isExternC() ||
        SM.isInSystemHeader(Callee.getLocation()))
      Names.push_back(std::move(Name));
    return Names;
  }
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Method)) {
    // Copies and moves do not perform the constructor's blocking or offloading work.
    if (!Constructor->isCopyOrMoveConstructor() && !Constructor->isDefaultConstructor())
      addRecordNames(*Constructor->getParent(), "", Names);
    return Names;
  }
  addRecordNames(*Method->getParent(), "::" + Method->getNameAsString(), Names);
  return Names;
}

std::string coroutineTypeName(const FunctionDecl &Coroutine) {
  QualType Type = Coroutine.getReturnType();
  if (const auto *Record = Type->getAsCXXRecordDecl())
    return packName(*Record);
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *Template = Specialization->getTemplateName().getAsTemplateDecl())
      return packName(*Template);
  return "";
}

bool passesFilter(const rules::CallFilter &Filter, const Expr &Call,
                  const rules::RuleSet &Rules, const ASTContext &Context,
                  const FunctionBody *Body) {
  SmallVector<const Expr *, 4> Operands = operandsOf(Call);
  // The object of a member call is not an argument for filters about arguments.
  ArrayRef<const Expr *> Arguments = Operands;
  if (isa<CXXMemberCallExpr>(Call))
    Arguments = Arguments.drop_front();
  switch (Filter.Kind) {
  case rules::FilterKind::None:
    return true;
  case rules::FilterKind::NoCompletionToken:
    return llvm::none_of(Arguments, [&](const Expr *Argument) {
      return Rules.isCompletionToken(typeName(Argument));
    });
  case rules::FilterKind::StdinArgument:
    return llvm::any_of(Operands, [](const Expr *Operand) {
      return namesVariable(Operand, {"stdin", "std::cin", "std::wcin"});
    });
  case rules::FilterKind::LaunchAsync:
    return !Arguments.empty() && namesVariable(Arguments.front(), {"std::launch::async"});
  case rules::FilterKind::FirstArgumentType:
    return !Arguments.empty() && hasTypeIn(Arguments.front(), Filter.Types);
  case rules::FilterKind::NoArgumentOfType:
    return llvm::none_of(Arguments,
                         [&](const Expr *Argument) { return hasTypeIn(Argument, Filter.Types); });
  case rules::FilterKind::NoArguments:
    return Arguments.empty();
  case rules::FilterKind::ResultDiscarded:
    return Body && discardKind(Call, Body->parents()) != Discard::No;
  case rules::FilterKind::InCoroutineBody:
    return Body != nullptr;
  case rules::FilterKind::HeldAcrossSuspension:
    return Body &&
           llvm::none_of(Arguments,
                         [&](const Expr *Argument) { return hasTypeIn(Argument, Filter.Types); }) &&
           suspensionWhileHeld(Call, *Body, Filter.Members);
  case rules::FilterKind::DestroyedInScope: {
    const VarDecl *Local = Body ? localInitialisedBy(Call, Body->parents()) : nullptr;
    // A coroutine that awaits a signal of what it handed over (`co_await done;` for an event
    // the thread sets when it is finished) destroys the object once its work is done.
    return Local &&
           onlyCallsMembers(*Local, *Body->body(),
                            [&](const CXXMethodDecl &Member) {
                              return !llvm::is_contained(Filter.Members,
                                                         Member.getNameAsString());
                            }) &&
           !awaitsOneOfAfter(Call, *Body->body(), variablesHandedOver(Call),
                             Context.getSourceManager());
  }
  case rules::FilterKind::ByteCountAbove: {
    // `write(wake_fd, &one, sizeof one)`: a short write to a pipe or eventfd does not block.
    if (Filter.Argument >= Arguments.size())
      return true;
    std::optional<std::int64_t> Count = constantValue(Arguments[Filter.Argument], Context);
    return !Count || *Count < 0 || static_cast<std::uint64_t>(*Count) > Filter.Bytes;
  }
  }
  return false;
}

/// `0s`, `std::chrono::milliseconds(0)`, `std::chrono::seconds{}`: a duration of zero.
static bool isZeroDuration(const Expr &E, const ASTContext &Context) {
  const Expr *Plain = E.IgnoreImplicit();
  const auto *Record = Plain->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier() || Record->getName() != "duration")
    return false;
  if (const auto *Literal = dyn_cast<UserDefinedLiteral>(Plain)) {
    // `0s`, `0ms` (std::chrono's literal operators are templates over the digits): the number
    // as spelled before its suffix.
    const SourceManager &SM = Context.getSourceManager();
    StringRef Spelled = Lexer::getSourceText(
        CharSourceRange::getTokenRange(SM.getSpellingLoc(Literal->getBeginLoc())), SM,
        Context.getLangOpts());
    StringRef Number = Spelled.take_while([](char C) { return llvm::isDigit(C) || C == '.' || C == '\''; });
    return !Number.empty() && Number.find_first_not_of("0.'") == StringRef::npos;
  }
  if (const auto *Zero = dyn_cast<CallExpr>(Plain);
      Zero && Zero->getDirectCallee() && Zero->getDirectCallee()->getIdentifier() &&
      Zero->getDirectCallee()->getName() == "zero")
    return true; // std::chrono::seconds::zero()
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Plain))
    Plain = Cast->getSubExpr()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Plain)) {
    if (Construct->getNumArgs() == 0)
      return true; // value-initialised
    std::optional<std::int64_t> Count =
        Construct->getNumArgs() == 1 ? constantValue(Construct->getArg(0), Context) : std::nullopt;
    return Count && *Count == 0;
  }
  return false;
}

rules::BlockingMatch findBlockingCall(const Expr &Call, const FunctionDecl &Callee,
                                      const FunctionDecl &Caller, StringRef CoroutineType,
                                      const rules::RuleSet &Rules, const FunctionBody *Body) {
  for (const CallName &Name : callNames(Call, Callee)) {
    rules::BlockingMatch Match = Rules.findBlocking(Name.Name, CoroutineType);
    if (!Match.Entry || !kindFits(Match.Entry->Kind, Name, Callee) ||
        !passesFilter(Match.Entry->Filter, Call, Rules, Callee.getASTContext(), Body))
      continue;
    if (Match.Entry->Cat == rules::Category::IO && usesNonBlockingIO(Caller))
      return {};
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
        Member && Match.Entry->Cat == rules::Category::Wait &&
        comesFromAwait(Member->getImplicitObjectArgument(), Call, userBody(Caller)))
      return {};
    if (Match.Entry->Cat == rules::Category::Wait &&
        llvm::any_of(operandsOf(Call), [&](const Expr *Operand) {
          return isZeroDuration(*Operand, Callee.getASTContext());
        }))
      return {}; // `f.wait_for(0s)` polls
    return Match;
  }
  return {};
}

bool waitsOnCompletedArgument(const Expr &Wait, const rules::BlockingFunction &Rule,
                              const FunctionDecl &Helper, const CallExpr &Call,
                              const Stmt *Body) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Wait);
  if (Rule.Cat != rules::Category::Wait || !Member || isa<CXXOperatorCallExpr>(Call))
    return false;
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(
      namedDecl(*Member->getImplicitObjectArgument()));
  if (!Param || Param->getDeclContext() != &Helper)
    return false;
  unsigned Index = Param->getFunctionScopeIndex();
  return Index < Call.getNumArgs() && comesFromAwait(Call.getArg(Index), Call, Body);
}

namespace {

/// The spawn entry a call matches, and whether it passes one of the entry's awaited-in-place
/// tokens.
std::pair<const rules::SpawnFunction *, bool>
spawnEntry(const Expr &Call, const FunctionDecl &Callee, const rules::RuleSet &Rules) {
  const auto *Spawn = findCallEntry<rules::SpawnFunction>(
      Call, Callee, [&](StringRef Name) { return Rules.findSpawn(Name); });
  bool AwaitedInPlace = Spawn && llvm::any_of(operandsOf(Call), [&](const Expr *Operand) {
                          return llvm::is_contained(Spawn->AwaitedInPlaceTokens, typeName(Operand));
                        });
  return {Spawn, AwaitedInPlace};
}

} // namespace

const rules::SpawnFunction *findSpawnCall(const Expr &Call, const FunctionDecl &Callee,
                                          const rules::RuleSet &Rules) {
  auto [Spawn, AwaitedInPlace] = spawnEntry(Call, Callee, Rules);
  return AwaitedInPlace ? nullptr : Spawn;
}

bool isSpawnAwaitedInPlace(const Expr &Call, const FunctionDecl &Callee,
                           const rules::RuleSet &Rules) {
  return spawnEntry(Call, Callee, Rules).second;
}

bool isWaitOperationCall(const CallExpr &Call, const FunctionDecl &Callee,
                         const rules::RuleSet &Rules) {
  return findCallEntry<rules::WaitOperation>(
      Call, Callee, [&](StringRef Name) { return Rules.findWaitOperation(Name); });
}

bool isOffloadingCall(const Expr &Call, const FunctionDecl &Callee,
                      const rules::RuleSet &Rules) {
  for (const CallName &Name : callNames(Call, Callee))
    if (const rules::OffloadingFunction *Entry = Rules.findOffloading(Name.Name))
      if (kindFits(Entry->Kind, Name, Callee) && passesFilter(Entry->Filter, Call, Rules, Callee.getASTContext()))
        return true;
  return false;
}

llvm::StringSet<> libraryNamespaces(const rules::RuleSet &Rules) {
  llvm::StringSet<> Namespaces;
  auto Add = [&](StringRef Name) {
    if (Name.contains("::"))
      Namespaces.insert(Name.split("::").first);
  };
  for (const std::string &Type : Rules.coroutineTypes())
    Add(Type);
  for (const auto &Entry : Rules.offloading())
    Add(Entry.Name);
  for (const auto &Entry : Rules.spawn())
    Add(Entry.Name);
  for (const auto &Entry : Rules.gather())
    Add(Entry.Name);
  for (const auto &Entry : Rules.limiters())
    Add(Entry.Type);
  return Namespaces;
}

StringRef outermostNamespace(const Decl &D) {
  const NamespaceDecl *Outermost = nullptr;
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC); NS && !NS->isInline())
      Outermost = NS;
  return Outermost && Outermost->getIdentifier() ? Outermost->getName() : StringRef();
}

const NamedDecl *lookupPackName(StringRef Name, ASTContext &Context) {
  SmallVector<StringRef, 4> Parts;
  Name.split(Parts, "::");
  const DeclContext *Scope = Context.getTranslationUnitDecl();
  const NamedDecl *Found = nullptr;
  for (StringRef Part : Parts) {
    if (!Scope)
      return nullptr;
    Found = nullptr;
    for (const NamedDecl *D : Scope->lookup(&Context.Idents.get(Part)))
      if (isa<NamespaceDecl, CXXRecordDecl, ClassTemplateDecl, TypedefNameDecl>(D)) {
        Found = D;
        break;
      }
    if (!Found)
      return nullptr;
    Scope = dyn_cast<DeclContext>(Found);
  }
  return Found;
}

} // namespace clang::tidy::async::utils
