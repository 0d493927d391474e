//===--- Offloading.cpp - where code in a coroutine runs ------------------===//

#include "Offloading.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "FanoutBounds.h"
#include "LoopBounds.h"
#include "PackCalls.h"
#include "TaskStarts.h"
#include "UserCodeVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {
namespace {

namespace rules = async_lint::rules;

/// The call of a scheduling await's operand, with its callee, or null.
const CallExpr *operandCall(const CoroutineSuspendExpr &Suspend) {
  const Expr *Operand = Suspend.getOperand() ? Suspend.getOperand()->IgnoreImplicit() : nullptr;
  return Operand ? dyn_cast<CallExpr>(Operand) : nullptr;
}

/// Argument Index of a call as written: a function object's call counts its arguments after
/// the object.
const Expr *writtenArgument(const CallExpr &Call, int Index) {
  ArrayRef<const Expr *> Arguments = writtenArguments(Call);
  int Count = static_cast<int>(Arguments.size());
  int At = Index < 0 ? Count + Index : Index;
  return At >= 0 && At < Count ? Arguments[At] : nullptr;
}

bool initialisedFromComputeExecutor(const FieldDecl &Field, const rules::RuleSet &Rules,
                                    unsigned Depth);

/// Whether an executor comes from a compute_executors function: a call of one, or a local or
/// data member initialised from one (`auto pool = runtime.thread_pool_executor();`), through
/// copies, moves and dereferences. Depth counts the steps taken, across members too: members
/// initialised from each other (`a_(b_), b_(a_)`) end the search.
bool fromComputeExecutor(const Expr &Executor, const rules::RuleSet &Rules, unsigned Depth = 0) {
  const Expr *E = &Executor;
  for (; E && Depth < 8; ++Depth) {
    E = passedThrough(E);
    if (const auto *Deref = dyn_cast<UnaryOperator>(E); Deref && Deref->getOpcode() == UO_Deref) {
      E = Deref->getSubExpr();
      continue;
    }
    if (const auto *Deref = dyn_cast<CXXOperatorCallExpr>(E);
        Deref && Deref->getOperator() == OO_Star && Deref->getNumArgs() == 1) {
      E = Deref->getArg(0);
      continue;
    }
    // `shared_ptr<executor>` from a `shared_ptr<thread_pool_executor>`: the same executor.
    if (const auto *Convert = dyn_cast<CXXConstructExpr>(E);
        Convert && Convert->getNumArgs() == 1 &&
        Convert->getConstructor()->isConvertingConstructor(/*AllowExplicit=*/false)) {
      E = Convert->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
      return Callee && findCallEntry<rules::ComputeExecutor>(*Call, *Callee, [&](StringRef Name) {
               return Rules.findComputeExecutor(Name);
             });
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      return Field && initialisedFromComputeExecutor(*Field, Rules, Depth + 1);
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Local || !Local->isLocalVarDecl() || !Local->getInit())
      return false;
    E = Local->getInit();
  }
  return false;
}

/// `Thumbnailer(runtime& rt) : cpu_(rt.thread_pool_executor()) {}`: a data member that a
/// constructor of its class initialises from a compute_executors function. A copy or move
/// constructor (`ex_(other.ex_)`) only passes on what another constructor chose.
bool initialisedFromComputeExecutor(const FieldDecl &Field, const rules::RuleSet &Rules,
                                    unsigned Depth) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Field.getParent());
  if (!Class)
    return false;
  for (const CXXConstructorDecl *Constructor : Class->ctors()) {
    const auto *Defined = dyn_cast_or_null<CXXConstructorDecl>(Constructor->getDefinition());
    if (Defined && !Defined->isCopyOrMoveConstructor() &&
        llvm::any_of(Defined->inits(), [&](const CXXCtorInitializer *Init) {
          return Init->isWritten() && Init->getMember() == &Field && Init->getInit() &&
                 fromComputeExecutor(*Init->getInit(), Rules, Depth);
        }))
      return true;
  }
  return false;
}

bool isSchedulingCall(const Expr &Call, const FunctionDecl &Callee, const rules::RuleSet &Rules) {
  if (isOffloadingCall(Call, Callee, Rules))
    return true;
  const auto *Entry = findCallEntry<rules::SchedulingAwait>(
      Call, Callee, [&](StringRef Name) { return Rules.findSchedulingAwait(Name); });
  return Entry && passesFilter(Entry->Filter, Call, Rules, Callee.getASTContext());
}

/// Whether E moves the work that follows it to another scheduler: it calls an offloading
/// function or a scheduling await (`schedule(pool)`, `continues_on(s, pool)`).
bool movesWork(const Expr &E, const rules::RuleSet &Rules) {
  bool Moves = false;
  forEachEvaluatedCall(E, [&](const Expr &Link, const FunctionDecl *LinkCallee) {
    Moves |= LinkCallee && isSchedulingCall(Link, *LinkCallee, Rules);
  });
  return Moves;
}

/// Whether Body co_awaits the local Chain as it is (`co_await std::move(work)`), not wrapped in
/// another call.
bool awaitsAsItIs(const Stmt &Body, const VarDecl &Chain) {
  bool Awaited = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    Awaited |= Await && namedVariable(*Await->getOperand()) == &Chain;
  });
  return Awaited;
}

/// Whether the lazy call's callable runs in place when the coroutine awaits the chain that
/// holds it: the chain is the operand of a co_await, or initialises a local that a co_await
/// awaits as it is, and neither what precedes the call (`pred | then(f)`, `then(pred, f)`) nor
/// a call that wraps it (`starts_on(pool, chain)`) moves the work.
bool awaitedInPlace(const CallExpr &Call, const ParentMap &Parents, const rules::RuleSet &Rules) {
  for (const Expr *Argument : Call.arguments())
    if (!isa<LambdaExpr>(passedThrough(Argument)) && movesWork(*Argument, Rules))
      return false;
  const Stmt *Child = &Call;
  for (const Stmt *Parent; (Parent = Parents.getParent(Child)); Child = Parent) {
    if (isa<CoawaitExpr>(Parent))
      return true;
    if (const auto *Declaration = dyn_cast<DeclStmt>(Parent)) {
      // `auto work = just() | then(f); ... co_await std::move(work);`
      const VarDecl *Chain = initialisedBy(*Declaration, *Child);
      const Stmt *Body = Parent;
      while (const Stmt *Up = Parents.getParent(Body))
        Body = Up;
      return Chain && Chain->isLocalVarDecl() && awaitsAsItIs(*Body, *Chain);
    }
    if (!isa<Expr>(Parent))
      return false;
    const auto *Outer = dyn_cast<CallExpr>(Parent);
    if (!Outer)
      continue;
    const auto *Pipe = dyn_cast<CXXOperatorCallExpr>(Outer);
    if (Pipe && Pipe->getOperator() == OO_Pipe && Pipe->getNumArgs() == 2) {
      if (Child != Pipe->getArg(0) && movesWork(*Pipe->getArg(0), Rules))
        return false; // `schedule(pool) | then(f)`
      continue;
    }
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Outer->getCalleeDecl());
    if (Callee && isSchedulingCall(*Outer, *Callee, Rules))
      return false; // `starts_on(pool, just() | then(f))`
  }
  return false;
}


/// The outermost try statement that Block is the try block of, directly or through try blocks
/// nested at the top of others, whose handlers all leave (`catch (const broken_task &) {
/// co_return; }`), with a block around it: what follows it in that block runs only when its
/// try block ran to its end. Null when there is none.
const Stmt *tryLeftOnlyByItsEnd(const CompoundStmt &Block, const ParentMap &Parents) {
  const Stmt *Reach = &Block, *Found = nullptr;
  for (int Depth = 0; Depth < 8; ++Depth) {
    const auto *Try = dyn_cast_or_null<CXXTryStmt>(Parents.getParent(Reach));
    const auto *Around = Try ? dyn_cast_or_null<CompoundStmt>(Parents.getParent(Try)) : nullptr;
    if (!Around || Try->getTryBlock() != Reach)
      break;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (!alwaysLeaves(Try->getHandler(I)->getHandlerBlock()))
        return Found;
    Found = Try;
    Reach = Around;
  }
  return Found;
}

} // namespace

const rules::SchedulingAwait *schedulingAwaitOf(const CoroutineSuspendExpr &Suspend,
                                                const rules::RuleSet &Rules) {
  const Expr *Operand = Suspend.getOperand() ? Suspend.getOperand()->IgnoreImplicit() : nullptr;
  if (!Operand)
    return nullptr;
  auto Find = [&](StringRef Name) { return Rules.findSchedulingAwait(Name); };
  if (const auto *Call = dyn_cast<CallExpr>(Operand))
    if (const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()))
      if (const auto *Entry = findCallEntry<rules::SchedulingAwait>(*Call, *Callee, Find))
        return passesFilter(Entry->Filter, *Call, Rules, Callee->getASTContext()) ? Entry
                                                                                  : nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()))
    if (const auto *Entry = Find(packName(*Ref->getDecl())))
      return Entry->Kind == rules::CallableKind::Function ? Entry : nullptr;
  if (const CXXRecordDecl *Record = Operand->getType().getNonReferenceType()->getAsCXXRecordDecl())
    if (const auto *Entry = Find(packName(*Record)))
      return Entry->Kind == rules::CallableKind::Constructor ? Entry : nullptr;
  return nullptr;
}

ExecutorHops::ExecutorHops(const FunctionBody &Body, const rules::RuleSet &Rules,
                           const SourceManager &SM)
    : SM(SM) {
  struct AwaitedHop {
    const CoawaitExpr *Suspend;
    bool Offloads;
    bool ToWorkerPool;
    bool RoundTrip;
    std::string Executor; ///< the executor argument as written, if any
  };
  const ASTContext &Context = Body.function().getASTContext();
  SmallVector<AwaitedHop, 4> Found;
  forEachStatement(*Body.body(), [&](const Stmt &S) {
    const auto *Suspend = dyn_cast<CoawaitExpr>(&S);
    const rules::SchedulingAwait *Entry = Suspend ? schedulingAwaitOf(*Suspend, Rules) : nullptr;
    if (!Entry)
      return;
    const CallExpr *Call = operandCall(*Suspend);
    const Expr *Executor = Call && Entry->HasExecutorArgument
                               ? writtenArgument(*Call, Entry->ExecutorArgument)
                               : nullptr;
    Found.push_back({Suspend, Executor && !fromComputeExecutor(*Executor, Rules),
                     Entry->ToWorkerPool, Entry->RoundTrip,
                     Executor ? sourceText(*Executor, Context) : std::string()});
  });
  // `co_await disk_pool.schedule(); ::read(...); co_await io.schedule();`: a trip to a worker
  // pool and back (a later hop to a scheduler that is no pool) sends what lies between to the
  // pool on purpose. A round-trip hop is a move when the coroutine also hops to another
  // executor, before (`dispatch(cpu); ...; dispatch(io); write();` ends on io) or after it.
  // (Source order is execution order for the straight-line code this is about.)
  bool ComesBackLater = false;
  for (AwaitedHop &Await : llvm::reverse(Found)) {
    Await.Offloads |= Await.ToWorkerPool && ComesBackLater;
    ComesBackLater |= !Await.ToWorkerPool;
  }
  for (AwaitedHop &Await : Found)
    // Only a hop that names an executor moves: a yield stays where the coroutine is.
    if (Await.RoundTrip)
      Await.Offloads &= llvm::any_of(Found, [&](const AwaitedHop &Other) {
        return !Other.Executor.empty() && Other.Executor != Await.Executor;
      });
  if (llvm::none_of(Found, [](const AwaitedHop &Await) { return Await.Offloads; }))
    return;
  for (const AwaitedHop &Await : Found) {
    // The statement that holds the await, and the block around it.
    const Stmt *Child = Await.Suspend;
    const Stmt *Parent = Body.parents().getParent(Child);
    while (Parent && (isa<Expr>(Parent) || isa<DeclStmt>(Parent)))
      Child = Parent, Parent = Body.parents().getParent(Child);
    // `if (co_await ...)`, a loop condition: no stretch of statements follows in its block.
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent)) {
      Hops.push_back({Await.Suspend->getEndLoc(), Block->getSourceRange(), Await.Offloads});
      // Past the try's handlers, which may run before the hop.
      if (const Stmt *Try = tryLeftOnlyByItsEnd(*Block, Body.parents()))
        Hops.push_back({Try->getEndLoc(), Body.parents().getParent(Try)->getSourceRange(),
                        Await.Offloads});
    }
  }
  // Stable: the reaches past one try start at the same place, and the last hop wins there.
  llvm::stable_sort(Hops, [&](const Hop &A, const Hop &B) {
    return SM.isBeforeInTranslationUnit(A.End, B.End);
  });
}

bool ExecutorHops::offloads(SourceLocation Location) const {
  bool Offloaded = false;
  for (const Hop &H : Hops) {
    if (!SM.isBeforeInTranslationUnit(H.End, Location))
      break;
    if (SM.isBeforeInTranslationUnit(Location, H.Block.getEnd()))
      Offloaded = H.Offloads;
  }
  return Offloaded;
}

bool HandedOffCoroutines::contains(const FunctionDecl &Coroutine, ASTContext &Context,
                                   const rules::RuleSet &Rules) {
  if (!Collected) {
    struct Collector : UserCodeVisitor<Collector> {
      Collector(const SourceManager &SM, const rules::RuleSet &Rules,
                llvm::DenseMap<const FunctionDecl *, Uses> &Found)
          : UserCodeVisitor(SM), Rules(Rules), Found(Found) {}
      // A template's uses are counted in its instantiations, where the calls it makes through
      // dependent names are resolved (`co_spawn(pool, [fn]() -> awaitable<R> {...}, token)`,
      // dependent on the lambda's type), and not also in the template itself.
      bool shouldVisitTemplateInstantiations() const { return true; }
      bool TraverseDecl(Decl *D) {
        if (const auto *Context = dyn_cast_or_null<DeclContext>(D);
            Context && Context->isDependentContext())
          return true;
        return UserCodeVisitor::TraverseDecl(D);
      }
      const rules::RuleSet &Rules;
      llvm::DenseMap<const FunctionDecl *, Uses> &Found;
      llvm::SmallPtrSet<const Expr *, 8> HandedOffCalls;
      // Visited before the calls in its operand. The hand-off may be the awaited call or an
      // argument of it: `co_await resume_on(io, schedule_on(pool, work()))`.
      bool VisitCoawaitExpr(CoawaitExpr *Await) {
        SmallVector<const CallExpr *, 4> Pending;
        if (const CallExpr *Operand = operandCall(*Await))
          Pending.push_back(Operand);
        for (unsigned Seen = 0; !Pending.empty() && Seen < 8; ++Seen) {
          const CallExpr *Call = Pending.pop_back_val();
          const auto *Callee = Call->getDirectCallee();
          if (Callee && (isOffloadingCall(*Call, *Callee, Rules) ||
                         isSpawnAwaitedInPlace(*Call, *Callee, Rules)))
            handOff(*Call);
          else
            for (const Expr *Argument : Call->arguments())
              if (const auto *Inner = dyn_cast<CallExpr>(passedThrough(Argument)))
                Pending.push_back(Inner);
        }
        return true;
      }
      void handOff(const CallExpr &HandOff) {
        SmallVector<const Expr *, 4> Operands(HandOff.arguments());
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&HandOff))
          Operands.push_back(Member->getImplicitObjectArgument());
        if (llvm::any_of(Operands, [&](const Expr *E) { return fromComputeExecutor(*E, Rules); }))
          return;
        for (const Expr *Operand : Operands) {
          if (const auto *Task = dyn_cast<CallExpr>(passedThrough(Operand)))
            HandedOffCalls.insert(Task);
          // `co_spawn(pool, [fn]() -> awaitable<R> { co_return fn(); }, use_awaitable)`: the
          // library calls the lambda coroutine where it sends it. Only a lambda written in
          // place: one named through a local may also be handed elsewhere, by copy.
          if (const auto *Lambda = dyn_cast<LambdaExpr>(passedThrough(Operand))) {
            Uses &Lambdas = Found[Lambda->getCallOperator()->getCanonicalDecl()];
            ++Lambdas.References;
            ++Lambdas.HandedOff;
          }
        }
      }
      bool VisitCallExpr(CallExpr *Call) {
        if (const FunctionDecl *Callee = Call->getDirectCallee();
            Callee && (HandedOffCalls.contains(Call) || sentByItsExecutorTag(*Call, *Callee)))
          ++Found[Callee->getCanonicalDecl()].HandedOff;
        return true;
      }
      /// `send_push({}, background_, push)` of `null_result send_push(executor_tag,
      /// std::shared_ptr<executor>, Push)`: the coroutine runs on the executor after its tag.
      bool sentByItsExecutorTag(const CallExpr &Call, const FunctionDecl &Callee) const {
        if (isa<CXXOperatorCallExpr>(Call))
          return false;
        // The tag is the first parameter (after the object, for a member function).
        if (Callee.getNumParams() < 2 || Call.getNumArgs() < 2)
          return false;
        const auto *Tag = Callee.getParamDecl(0)->getType().getNonReferenceType()
                              ->getAsCXXRecordDecl();
        return Tag && Rules.isExecutorTag(packName(*Tag)) &&
               !fromComputeExecutor(*Call.getArg(1), Rules);
      }
      bool VisitDeclRefExpr(DeclRefExpr *Ref) { return count(Ref->getDecl(), Ref->getLocation()); }
      bool VisitMemberExpr(MemberExpr *Member) {
        return count(Member->getMemberDecl(), Member->getMemberLoc());
      }
      bool count(const ValueDecl *D, SourceLocation Where) {
        const auto *Function = dyn_cast<FunctionDecl>(D);
        if (!Function)
          return true;
        // A lambda's call operator named in another file is a library template calling the
        // lambda it was handed (Asio's co_spawn entry point, when Asio is not a system header).
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
            Method && Method->getParent()->isLambda() &&
            SM.getFileID(SM.getExpansionLoc(Where)) !=
                SM.getFileID(SM.getExpansionLoc(Method->getLocation())))
          return true;
        ++Found[Function->getCanonicalDecl()].References;
        return true;
      }
    };
    Collected.emplace();
    Collector(Context.getSourceManager(), Rules, *Collected).TraverseDecl(
        Context.getTranslationUnitDecl());
  }
  auto It = Collected->find(Coroutine.getCanonicalDecl());
  return It != Collected->end() && It->second.References > 0 &&
         It->second.HandedOff == It->second.References;
}

bool runsCallablesInPlace(const rules::InlineCallable &Entry, const Expr &Call,
                          const ParentMap &Parents, const rules::RuleSet &Rules) {
  if (!Entry.Lazy)
    return true;
  const auto *AsCall = dyn_cast<CallExpr>(&Call);
  return AsCall && awaitedInPlace(*AsCall, Parents, Rules);
}

const rules::InlineCallable *inlineCallableEntry(const Expr &Call, const FunctionDecl &Callee,
                                                 const rules::RuleSet &Rules) {
  return findCallEntry<rules::InlineCallable>(
      Call, Callee, [&](StringRef Name) { return Rules.findInlineCallable(Name); });
}

SmallVector<const FunctionDecl *, 2> callableArguments(const Expr &Call) {
  SmallVector<const FunctionDecl *, 2> Callables;
  auto Add = [&](const Expr *Argument) {
    if (const FunctionDecl *Definition = calledFunction(*Argument))
      Callables.push_back(Definition);
  };
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    for (const Expr *Argument : C->arguments())
      Add(Argument);
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Call))
    for (const Expr *Argument : Construct->arguments())
      Add(Argument);
  return Callables;
}

} // namespace clang::tidy::async::utils
