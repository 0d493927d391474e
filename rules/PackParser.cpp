//===- PackParser.cpp - strict parsing of one rule pack -------------------===//
//
// Every violation is reported with its JSON Pointer, and parsing goes on so
// that one run shows all the problems of a pack. Unknown keys are errors:
// a typo must not silently disable a rule.
//
//===----------------------------------------------------------------------===//

#include "RulePack.h"
#include "Suggest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>

namespace async_lint::rules {
namespace {

using json = nlohmann::json;
using Keys = std::initializer_list<std::string_view>;

std::string quote(std::string_view S) { return "\"" + std::string(S) + "\""; }

std::string child(const std::string &Path, std::string_view Key) {
  std::string Out = Path == "/" ? "" : Path;
  Out += '/';
  for (char C : Key) // JSON Pointer escaping
    Out += C == '~' ? std::string("~0") : C == '/' ? std::string("~1") : std::string(1, C);
  return Out;
}
std::string child(const std::string &Path, std::size_t Index) {
  return child(Path, std::to_string(Index));
}

bool isIdentifier(std::string_view S) {
  if (S.empty() || !(std::isalpha(static_cast<unsigned char>(S[0])) || S[0] == '_'))
    return false;
  for (char C : S)
    if (!(std::isalnum(static_cast<unsigned char>(C)) || C == '_'))
      return false;
  return true;
}

/// "a::b::c", "~C", "std::operator>>", "coro::task_group::operator co_await"; no template
/// arguments, no leading "::" except before a global function's own name ("::qCoro").
bool isQualifiedName(std::string_view S) {
  if (S.substr(0, 2) == "::")
    return isIdentifier(S.substr(2));
  while (true) {
    std::size_t Sep = S.find("::");
    std::string_view Part = S.substr(0, Sep);
    if (Sep == std::string_view::npos) {
      if (Part == "operator co_await")
        return true;
      if (Part.size() > 8 && Part.substr(0, 8) == "operator" &&
          !std::isalnum(static_cast<unsigned char>(Part[8])) && Part[8] != '_')
        return Part.find_first_of(" \t\n") == std::string_view::npos;
      if (!Part.empty() && Part[0] == '~')
        Part.remove_prefix(1);
      return isIdentifier(Part);
    }
    if (!isIdentifier(Part))
      return false;
    S.remove_prefix(Sep + 2);
  }
}

bool isPackName(std::string_view S) {
  if (S.empty() || !(std::islower(static_cast<unsigned char>(S[0])) ||
                     std::isdigit(static_cast<unsigned char>(S[0]))))
    return false;
  for (char C : S)
    if (!(std::islower(static_cast<unsigned char>(C)) ||
          std::isdigit(static_cast<unsigned char>(C)) || C == '-' || C == '_'))
      return false;
  return true;
}

template <typename E>
std::optional<E> enumFromString(std::string_view S, const std::vector<std::string_view> &Names,
                                int Offset = 0) {
  for (std::size_t I = 0; I < Names.size(); ++I)
    if (Names[I] == S)
      return static_cast<E>(static_cast<int>(I) + Offset);
  return std::nullopt;
}

class Parser {
public:
  Parser(std::string_view Origin, std::vector<LoadError> &Errors)
      : Origin(Origin), Errors(Errors) {}

  bool failed() const { return Failed; }

  void error(const std::string &Path, std::string Message) {
    Failed = true;
    Errors.push_back({Origin, Path, std::move(Message)});
  }

  void expected(const std::string &Path, std::string_view What, const json &Got) {
    error(Path, "expected " + std::string(What) + ", got " + Got.type_name());
  }

  /// Checks that J is an object with only Allowed keys and every Required one.
  bool object(const json &J, const std::string &Path, Keys Allowed, Keys Required) {
    if (!J.is_object()) {
      expected(Path, "an object", J);
      return false;
    }
    std::vector<std::string_view> AllowedList(Allowed);
    for (const auto &Item : J.items())
      if (std::find(AllowedList.begin(), AllowedList.end(), Item.key()) == AllowedList.end())
        error(child(Path, Item.key()), unknownName("key", Item.key(), AllowedList, false));
    for (std::string_view Key : Required)
      if (!J.contains(Key))
        error(Path, "missing required key " + quote(Key));
    return true;
  }

  bool string(const json &Obj, const std::string &Path, std::string_view Key, std::string &Out) {
    auto It = Obj.find(Key);
    if (It == Obj.end())
      return false;
    return stringValue(*It, child(Path, Key), Out);
  }

  bool stringValue(const json &J, const std::string &Path, std::string &Out) {
    if (!J.is_string()) {
      expected(Path, "a string", J);
      return false;
    }
    Out = J.get<std::string>();
    if (Out.empty()) {
      error(Path, "expected a non-empty string");
      return false;
    }
    return true;
  }

  bool name(const json &Obj, const std::string &Path, std::string_view Key, std::string &Out) {
    if (!string(Obj, Path, Key, Out))
      return false;
    if (isQualifiedName(Out))
      return true;
    error(child(Path, Key), quote(Out) +
                                " is not a qualified name; write it without template "
                                "arguments or a leading \"::\" (only a global function may "
                                "have one, \"::qCoro\"), e.g. \"std::future::get\"");
    return false;
  }

  void boolean(const json &Obj, const std::string &Path, std::string_view Key, bool &Out) {
    auto It = Obj.find(Key);
    if (It == Obj.end())
      return;
    if (It->is_boolean())
      Out = It->get<bool>();
    else
      expected(child(Path, Key), "a boolean", *It);
  }

  /// A non-negative integer, at most Max.
  bool count(const json &Obj, const std::string &Path, std::string_view Key, unsigned &Out,
             unsigned Max = 1U << 20) {
    auto It = Obj.find(Key);
    if (It == Obj.end())
      return false;
    if (!It->is_number_unsigned() || It->get<std::uint64_t>() > Max) {
      error(child(Path, Key), "expected an integer from 0 to " + std::to_string(Max) + ", got " +
                                  It->dump());
      return false;
    }
    Out = static_cast<unsigned>(It->get<std::uint64_t>());
    return true;
  }

  /// An argument index: 0, 1, ... from the first argument, -1, -2, ... from the last.
  bool index(const json &Obj, const std::string &Path, std::string_view Key, int &Out) {
    auto It = Obj.find(Key);
    if (It == Obj.end())
      return false;
    if (!It->is_number_integer() || It->get<std::int64_t>() < -64 || It->get<std::int64_t>() > 63) {
      error(child(Path, Key), "expected an argument index from -64 to 63, got " + It->dump());
      return false;
    }
    Out = static_cast<int>(It->get<std::int64_t>());
    return true;
  }

  template <typename E>
  bool enumeration(const json &Obj, const std::string &Path, std::string_view Key,
                   std::string_view What, const std::vector<std::string_view> &Names, E &Out,
                   int Offset = 0) {
    std::string S;
    if (!string(Obj, Path, Key, S))
      return false;
    if (auto V = enumFromString<E>(S, Names, Offset)) {
      Out = *V;
      return true;
    }
    error(child(Path, Key), unknownName(What, S, Names, true));
    return false;
  }

  /// Calls Each(element, path) for every element of the array Obj[Key].
  template <typename F>
  void array(const json &Obj, const std::string &Path, std::string_view Key, F Each) {
    auto It = Obj.find(Key);
    if (It == Obj.end())
      return;
    std::string ArrayPath = child(Path, Key);
    if (!It->is_array()) {
      expected(ArrayPath, "an array", *It);
      return;
    }
    for (std::size_t I = 0; I < It->size(); ++I)
      Each((*It)[I], child(ArrayPath, I));
  }

  /// An array of qualified names (inside an entry).
  void nameList(const json &Obj, const std::string &Path, std::string_view Key,
                std::vector<std::string> &Out) {
    auto It = Obj.find(Key);
    if (It != Obj.end() && It->is_array() && It->empty())
      error(child(Path, Key), "expected at least one name");
    array(Obj, Path, Key, [&](const json &J, const std::string &P) {
      std::string S;
      if (!stringValue(J, P, S))
        return;
      if (isQualifiedName(S))
        Out.push_back(S);
      else
        error(P, quote(S) + " is not a qualified name; write it without template "
                             "arguments or a leading \"::\" (only a global function may "
                             "have one, \"::qCoro\")");
    });
  }

  /// Reports a second entry with the same key in one section.
  void unique(std::map<std::string, std::string> &Seen, std::string_view Section,
              const std::string &Key, const std::string &Path) {
    auto [It, Inserted] = Seen.emplace(Key, Path);
    if (!Inserted)
      error(Path, "duplicate " + std::string(Section) + " entry " + quote(Key) +
                      "; first at " + It->second);
  }

private:
  std::string Origin;
  std::vector<LoadError> &Errors;
  bool Failed = false;
};

// ---- the sections ---------------------------------------------------------

bool callable(Parser &P, const json &J, const std::string &Path, std::string &Name,
              CallableKind &Kind) {
  bool NameOk = P.name(J, Path, "name", Name);
  bool KindOk = P.enumeration(J, Path, "kind", "kind", callableKindNames(), Kind);
  if (NameOk && KindOk && Kind == CallableKind::Member && Name.find("::") == std::string::npos) {
    P.error(child(Path, "name"),
            "a member is named \"Class::member\", got " + quote(Name));
    return false;
  }
  return NameOk && KindOk;
}

void filter(Parser &P, const json &Entry, const std::string &EntryPath, CallFilter &Out) {
  auto It = Entry.find("filter");
  if (It == Entry.end())
    return;
  std::string Path = child(EntryPath, "filter");
  if (!P.object(*It, Path, {"kind", "types", "argument", "bytes", "members"}, {"kind"}))
    return;
  if (!P.enumeration(*It, Path, "kind", "filter kind", filterKindNames(), Out.Kind, 1))
    return;
  bool NeedsTypes =
      Out.Kind == FilterKind::FirstArgumentType || Out.Kind == FilterKind::NoArgumentOfType;
  bool MayTakeTypes = NeedsTypes || Out.Kind == FilterKind::HeldAcrossSuspension;
  bool TakesCount = Out.Kind == FilterKind::ByteCountAbove;
  bool TakesMembers =
      Out.Kind == FilterKind::DestroyedInScope || Out.Kind == FilterKind::HeldAcrossSuspension;
  std::string KindText = quote(toString(Out.Kind));
  auto Wants = [&](std::string_view Key, bool Needed) {
    if (Needed && !It->contains(Key))
      P.error(Path, "filter kind " + KindText + " requires " + quote(Key));
    else if (!Needed && It->contains(Key))
      P.error(child(Path, Key), "filter kind " + KindText + " takes no " + quote(Key));
    return Needed && It->contains(Key);
  };
  if (MayTakeTypes && !NeedsTypes ? It->contains("types") : Wants("types", NeedsTypes))
    P.nameList(*It, Path, "types", Out.Types);
  if (Wants("argument", TakesCount))
    P.count(*It, Path, "argument", Out.Argument, 64);
  if (Wants("bytes", TakesCount))
    P.count(*It, Path, "bytes", Out.Bytes);
  if (Wants("members", TakesMembers))
    P.nameList(*It, Path, "members", Out.Members);
}

void replacement(Parser &P, const json &Entry, const std::string &EntryPath,
                 const BlockingFunction &B, std::string &Out) {
  if (!P.string(Entry, EntryPath, "replacement", Out))
    return;
  std::string Path = child(EntryPath, "replacement");
  for (std::size_t Pos = Out.find("${"); Pos != std::string::npos; Pos = Out.find("${", Pos + 2)) {
    std::size_t End = Out.find('}', Pos);
    if (End == std::string::npos) {
      P.error(Path, "unterminated placeholder at offset " + std::to_string(Pos));
      return;
    }
    std::string_view Name = std::string_view(Out).substr(Pos + 2, End - Pos - 2);
    bool IsArgN = Name.size() > 3 && Name.substr(0, 3) == "arg" &&
                  Name.find_first_not_of("0123456789", 3) == std::string_view::npos;
    bool Ok = Name == "args" || IsArgN || (Name == "object" && B.Kind == CallableKind::Member);
    if (!Ok)
      P.error(Path, "unknown placeholder \"${" + std::string(Name) + "}\"; expected one of: " +
                        "${args}, ${arg0}, ${arg1}, ..." +
                        (B.Kind == CallableKind::Member ? ", ${object}" : ""));
  }
}

void typeEntries(Parser &P, const json &Root, std::string_view Key, std::vector<std::string> &Out) {
  std::map<std::string, std::string> Seen;
  P.array(Root, "/", Key, [&](const json &J, const std::string &Path) {
    std::string Type;
    if (P.object(J, Path, {"type", "note"}, {"type"}) && P.name(J, Path, "type", Type)) {
      P.unique(Seen, Key, Type, Path);
      Out.push_back(Type);
    }
    std::string Note;
    if (J.is_object())
      P.string(J, Path, "note", Note);
  });
}

void coroutineTypes(Parser &P, const json &Root, RulePack &Out) {
  std::map<std::string, std::string> Seen;
  P.array(Root, "/", "coroutine_types", [&](const json &J, const std::string &Path) {
    std::string Type, Note;
    if (!P.object(J, Path, {"type", "start", "note"}, {"type"}) || !P.name(J, Path, "type", Type))
      return;
    P.unique(Seen, "coroutine_types", Type, Path);
    Out.CoroutineTypes.push_back(Type);
    TaskStart Start = TaskStart::FromAst;
    if (J.contains("start") &&
        P.enumeration(J, Path, "start", "start", taskStartNames(), Start, 1))
      Out.Starts[Type] = Start;
    P.string(J, Path, "note", Note);
  });
}

void note(Parser &P, const json &J, const std::string &Path) {
  std::string Ignored;
  P.string(J, Path, "note", Ignored);
}

/// Entries of Key that name a function and nothing more ({"name", "kind", "note"}).
void namedFunctions(Parser &P, const json &Root, std::string_view Key, const std::string &Pack,
                    std::vector<NamedFunction> &Out) {
  std::map<std::string, std::string> Seen;
  P.array(Root, "/", Key, [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path, {"name", "kind", "note"}, {"name", "kind"}))
      return;
    NamedFunction F;
    F.Pack = Pack;
    if (callable(P, J, Path, F.Name, F.Kind))
      P.unique(Seen, Key, F.Name, child(Path, "name"));
    note(P, J, Path);
    Out.push_back(std::move(F));
  });
}

void cancellation(Parser &P, const json &J, const std::string &Path, CancellationKind &C) {
  if (!P.object(J, Path,
                {"name", "delivery", "exception_types", "error_code_types", "error_code_values",
                 "normal_end_ok", "cancelled_through_object", "reported_by_value",
                 "stopped_adaptors", "propagating_yields", "raised_by", "enabled_by", "note"},
                {"name", "delivery", "normal_end_ok"}))
    return;
  if (P.string(J, Path, "name", C.Name) && !isPackName(C.Name))
    P.error(child(Path, "name"), "invalid name " + quote(C.Name) +
                                         "; use lowercase letters, digits, '-' and '_'");
  bool DeliveryOk = P.enumeration(J, Path, "delivery", "delivery", deliveryNames(), C.How);
  P.nameList(J, Path, "exception_types", C.ExceptionTypes);
  P.nameList(J, Path, "error_code_types", C.ErrorCodeTypes);
  P.nameList(J, Path, "error_code_values", C.ErrorCodeValues);
  P.boolean(J, Path, "normal_end_ok", C.NormalEndOk);
  P.boolean(J, Path, "cancelled_through_object", C.CancelledThroughObject);
  P.boolean(J, Path, "reported_by_value", C.ReportedByValue);
  P.nameList(J, Path, "stopped_adaptors", C.StoppedAdaptors);
  P.nameList(J, Path, "propagating_yields", C.PropagatingYields);
  P.nameList(J, Path, "raised_by", C.RaisedBy);
  P.nameList(J, Path, "enabled_by", C.EnabledBy);
  note(P, J, Path);
  if (!DeliveryOk)
    return;
  auto Requires = [&](std::string_view Key) {
    if (!J.contains(Key))
      P.error(Path, "delivery " + quote(toString(C.How)) + " requires " + quote(Key));
  };
  auto Forbids = [&](std::string_view Key) {
    if (J.contains(Key))
      P.error(child(Path, Key), "delivery " + quote(toString(C.How)) + " takes no " + quote(Key));
  };
  if (C.How == Delivery::Exception) {
    Requires("exception_types");
    Forbids("error_code_types");
  } else if (C.How == Delivery::ErrorCode) {
    Requires("error_code_types");
    Requires("error_code_values");
    Forbids("exception_types");
  } else {
    Requires("stopped_adaptors");
    Forbids("error_code_types");
    Forbids("error_code_values");
  }
  if (C.How == Delivery::Stopped)
    Forbids("cancelled_through_object");
  if (C.How != Delivery::Stopped)
    Forbids("stopped_adaptors");
  if (C.How != Delivery::Exception) // only a handler's co_return ends on a value
    Forbids("reported_by_value");
}

bool parse(std::string_view Origin, std::string_view Text, RulePack &Out,
           std::vector<LoadError> &Errors) {
  Parser P(Origin, Errors);
  json Root;
  try {
    Root = json::parse(Text.begin(), Text.end());
  } catch (const json::exception &E) {
    std::string Message = E.what();
    if (!Message.empty() && Message[0] == '[') // drop "[json.exception.parse_error.101] "
      Message.erase(0, Message.find("] ") == std::string::npos ? 0 : Message.find("] ") + 2);
    P.error("", Message);
    return false;
  }

  Out = RulePack();
  Out.Origin = std::string(Origin);
  if (!P.object(Root, "/",
                {"$schema", "name", "library", "description", "default", "extends",
                 "coroutine_types", "completion_tokens", "blocking", "offloading", "inline_callables",
                 "spawn", "gather", "wait_operations", "parallel_algorithms", "scheduling_awaits",
                 "compute_executors", "deferring_calls", "limiters",
                 "bounded_groups", "started_handles", "ignored_awaitables", "executor_tags",
                 "cancellation"},
                {"name", "library", "description"}))
    return false;

  std::string Schema;
  P.string(Root, "/", "$schema", Schema);
  if (P.string(Root, "/", "name", Out.Name) && !isPackName(Out.Name))
    P.error("/name", "invalid pack name " + quote(Out.Name) +
                         "; use lowercase letters, digits, '-' and '_'");
  P.string(Root, "/", "library", Out.Library);
  P.string(Root, "/", "description", Out.Description);
  P.boolean(Root, "/", "default", Out.DefaultOn);
  P.array(Root, "/", "extends", [&](const json &J, const std::string &Path) {
    std::string Name;
    if (!P.stringValue(J, Path, Name))
      return;
    if (Name == Out.Name)
      P.error(Path, "pack " + quote(Name) + " extends itself");
    else
      Out.Extends.push_back(Name);
  });
  coroutineTypes(P, Root, Out);
  typeEntries(P, Root, "completion_tokens", Out.CompletionTokens);

  std::map<std::string, std::string> Seen;
  P.array(Root, "/", "blocking", [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path,
                  {"name", "kind", "category", "reason", "alternative", "replacement", "filter",
                   "note"},
                  {"name", "kind", "category", "reason", "alternative"}))
      return;
    BlockingFunction B;
    B.Pack = Out.Name;
    if (callable(P, J, Path, B.Name, B.Kind))
      P.unique(Seen, "blocking", B.Name, child(Path, "name"));
    P.enumeration(J, Path, "category", "category", categoryNames(), B.Cat);
    P.string(J, Path, "reason", B.Reason);
    P.string(J, Path, "alternative", B.Alternative);
    replacement(P, J, Path, B, B.Replacement);
    filter(P, J, Path, B.Filter);
    note(P, J, Path);
    Out.Blocking.push_back(std::move(B));
  });

  Seen.clear();
  P.array(Root, "/", "offloading", [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path, {"name", "kind", "filter", "note"}, {"name", "kind"}))
      return;
    OffloadingFunction F;
    F.Pack = Out.Name;
    if (callable(P, J, Path, F.Name, F.Kind))
      P.unique(Seen, "offloading", F.Name, child(Path, "name"));
    filter(P, J, Path, F.Filter);
    note(P, J, Path);
    Out.Offloading.push_back(std::move(F));
  });

  Seen.clear();
  P.array(Root, "/", "inline_callables", [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path, {"name", "kind", "lazy", "range_argument", "permits", "note"},
                  {"name", "kind"}))
      return;
    InlineCallable F;
    F.Pack = Out.Name;
    if (callable(P, J, Path, F.Name, F.Kind))
      P.unique(Seen, "inline_callables", F.Name, child(Path, "name"));
    P.boolean(J, Path, "lazy", F.Lazy);
    F.PerElement = P.index(J, Path, "range_argument", F.RangeArgument);
    P.nameList(J, Path, "permits", F.Permits);
    note(P, J, Path);
    Out.InlineCallables.push_back(std::move(F));
  });

  Seen.clear();
  P.array(Root, "/", "spawn", [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path, {"name", "kind", "awaited_in_place_tokens", "note"}, {"name", "kind"}))
      return;
    SpawnFunction S;
    S.Pack = Out.Name;
    if (callable(P, J, Path, S.Name, S.Kind))
      P.unique(Seen, "spawn", S.Name, child(Path, "name"));
    P.nameList(J, Path, "awaited_in_place_tokens", S.AwaitedInPlaceTokens);
    note(P, J, Path);
    Out.Spawn.push_back(std::move(S));
  });

  namedFunctions(P, Root, "gather", Out.Name, Out.Gather);
  namedFunctions(P, Root, "wait_operations", Out.Name, Out.WaitOperations);

  Seen.clear();
  P.array(Root, "/", "parallel_algorithms", [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path,
                  {"name", "kind", "range_argument", "limit_argument", "alternative", "note"},
                  {"name", "kind", "range_argument"}))
      return;
    ParallelAlgorithm A;
    A.Pack = Out.Name;
    if (callable(P, J, Path, A.Name, A.Kind))
      P.unique(Seen, "parallel_algorithms", A.Name, child(Path, "name"));
    P.index(J, Path, "range_argument", A.RangeArgument);
    if (P.index(J, Path, "limit_argument", A.LimitArgument))
      A.HasLimit = true;
    if (A.HasLimit && A.LimitArgument == A.RangeArgument)
      P.error(child(Path, "limit_argument"), "the limit cannot be the range argument");
    P.string(J, Path, "alternative", A.Alternative);
    note(P, J, Path);
    Out.ParallelAlgorithms.push_back(std::move(A));
  });

  Seen.clear();
  P.array(Root, "/", "scheduling_awaits", [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path, {"name", "kind", "filter", "executor_argument", "worker_pool", "round_trip",
                   "note"},
                  {"name", "kind"}))
      return;
    SchedulingAwait S;
    S.Pack = Out.Name;
    if (callable(P, J, Path, S.Name, S.Kind))
      P.unique(Seen, "scheduling_awaits", S.Name, child(Path, "name"));
    filter(P, J, Path, S.Filter);
    S.HasExecutorArgument = P.index(J, Path, "executor_argument", S.ExecutorArgument);
    P.boolean(J, Path, "worker_pool", S.ToWorkerPool);
    P.boolean(J, Path, "round_trip", S.RoundTrip);
    note(P, J, Path);
    Out.SchedulingAwaits.push_back(std::move(S));
  });
  namedFunctions(P, Root, "compute_executors", Out.Name, Out.ComputeExecutors);
  namedFunctions(P, Root, "deferring_calls", Out.Name, Out.DeferringCalls);

  Seen.clear();
  P.array(Root, "/", "limiters", [&](const json &J, const std::string &Path) {
    if (!P.object(J, Path, {"type", "acquire", "acquire_functions", "note"}, {"type"}))
      return;
    Limiter L;
    L.Pack = Out.Name;
    if (P.name(J, Path, "type", L.Type))
      P.unique(Seen, "limiters", L.Type, child(Path, "type"));
    auto Member = [&](const json &Name, const std::string &At) {
      std::string S;
      if (!P.stringValue(Name, At, S))
        return;
      if (isIdentifier(S))
        L.Acquire.push_back(S);
      else
        P.error(At, "expected a member function name, got " + quote(S));
    };
    if (auto It = J.find("acquire"); It != J.end() && It->is_array())
      P.array(J, Path, "acquire", Member);
    else if (It != J.end())
      Member(*It, child(Path, "acquire"));
    P.nameList(J, Path, "acquire_functions", L.AcquireFunctions);
    if (!J.contains("acquire") && !J.contains("acquire_functions"))
      P.error(Path, "a limiter needs \"acquire\" or \"acquire_functions\"");
    note(P, J, Path);
    Out.Limiters.push_back(std::move(L));
  });

  typeEntries(P, Root, "bounded_groups", Out.BoundedGroups);
  typeEntries(P, Root, "started_handles", Out.StartedHandles);
  typeEntries(P, Root, "ignored_awaitables", Out.IgnoredAwaitables);
  typeEntries(P, Root, "executor_tags", Out.ExecutorTags);

  Seen.clear();
  P.array(Root, "/", "cancellation", [&](const json &J, const std::string &Path) {
    CancellationKind C;
    C.Pack = Out.Name;
    cancellation(P, J, Path, C);
    if (!C.Name.empty())
      P.unique(Seen, "cancellation", C.Name, child(Path, "name"));
    Out.Cancellation.push_back(std::move(C));
  });

  return !P.failed();
}

} // namespace

bool parsePack(std::string_view Origin, std::string_view Text, RulePack &Out,
               std::vector<LoadError> &Errors) {
  try {
    return parse(Origin, Text, Out, Errors);
  } catch (const std::exception &E) {
    Errors.push_back({std::string(Origin), "", std::string("internal error: ") + E.what()});
  } catch (...) {
    Errors.push_back({std::string(Origin), "", "internal error"});
  }
  return false;
}

} // namespace async_lint::rules
