//===--- CliOptions.cpp - async-lint's command line -----------------------===//
//
// Hand-written rather than llvm::cl: llvm::cl registers LLVM's own global options, exits
// on its own terms, and we want every usage error to be one line and exit status 2.
//
//===----------------------------------------------------------------------===//

#include "CliOptions.h"
#include "Suggest.h"
#include <charconv>
#include <functional>
#include <map>

namespace async_lint::cli {
namespace {

std::optional<unsigned> parseNumber(std::string_view Text) {
  unsigned Value = 0;
  auto [End, Error] = std::from_chars(Text.data(), Text.data() + Text.size(), Value);
  if (Error != std::errc() || End != Text.data() + Text.size())
    return std::nullopt;
  return Value;
}

/// "512M", "2G", "100K" (powers of 1024) or a number of bytes.
std::optional<std::uint64_t> parseSize(std::string_view Text) {
  std::uint64_t Unit = 1;
  if (!Text.empty())
    for (auto [Suffix, Size] : {std::pair{'K', 1ull << 10}, {'M', 1ull << 20}, {'G', 1ull << 30}})
      if (Text.back() == Suffix || Text.back() == Suffix + ('a' - 'A')) {
        Unit = Size;
        Text.remove_suffix(1);
      }
  std::uint64_t Value = 0;
  auto [End, Error] = std::from_chars(Text.data(), Text.data() + Text.size(), Value);
  if (Text.empty() || Error != std::errc() || End != Text.data() + Text.size() ||
      Value > UINT64_MAX / Unit)
    return std::nullopt;
  return Value * Unit;
}

std::optional<Shard> parseShard(std::string_view Text) {
  size_t Slash = Text.find('/');
  if (Slash == std::string_view::npos)
    return std::nullopt;
  auto Index = parseNumber(Text.substr(0, Slash));
  auto Count = parseNumber(Text.substr(Slash + 1));
  if (!Index || !Count || *Count == 0 || *Index == 0 || *Index > *Count)
    return std::nullopt;
  return Shard{*Index, *Count};
}

template <typename Enum>
std::optional<Enum> parseChoice(std::string_view Text,
                                std::initializer_list<std::pair<const char *, Enum>> Choices) {
  for (const auto &[Name, Value] : Choices)
    if (Text == Name)
      return Value;
  return std::nullopt;
}

using Setter = std::function<std::optional<std::string>(CliOptions &, const std::string &)>;

/// Options that take a value, written `--name value`, `--name=value` or (short) `-pvalue`.
/// A setter returns an error text for a bad value.
const std::map<std::string, Setter> &valueOptions() {
  static const std::map<std::string, Setter> Options = {
      {"-p", [](CliOptions &O, const std::string &V) { O.BuildPath = V; return std::nullopt; }},
      {"--checks", [](CliOptions &O, const std::string &V) { O.Checks = V; return std::nullopt; }},
      {"--config-file",
       [](CliOptions &O, const std::string &V) { O.ConfigFile = V; return std::nullopt; }},
      {"--root", [](CliOptions &O, const std::string &V) { O.Root = V; return std::nullopt; }},
      {"--header-filter",
       [](CliOptions &O, const std::string &V) { O.HeaderFilter = V; return std::nullopt; }},
      {"--exclude-header-filter",
       [](CliOptions &O, const std::string &V) {
         O.ExcludeHeaderFilter = V;
         return std::nullopt;
       }},
      {"-j",
       [](CliOptions &O, const std::string &V) -> std::optional<std::string> {
         auto Jobs = parseNumber(V);
         if (!Jobs || *Jobs == 0)
           return "expects a positive number of jobs";
         O.Jobs = *Jobs;
         return std::nullopt;
       }},
      {"--unit-timeout",
       [](CliOptions &O, const std::string &V) -> std::optional<std::string> {
         O.UnitTimeout = parseNumber(V);
         if (!O.UnitTimeout)
           return "expects a number of seconds (0: no limit)";
         return std::nullopt;
       }},
      {"--format",
       [](CliOptions &O, const std::string &V) -> std::optional<std::string> {
         auto Format = parseChoice<OutputFormat>(V, {{"text", OutputFormat::Text},
                                                     {"json", OutputFormat::Json},
                                                     {"sarif", OutputFormat::Sarif}});
         if (!Format)
           return "expects one of: text, json, sarif";
         O.Format = *Format;
         O.FormatGiven = true;
         return std::nullopt;
       }},
      {"--output",
       [](CliOptions &O, const std::string &V) { O.OutputPath = V; return std::nullopt; }},
      {"--baseline",
       [](CliOptions &O, const std::string &V) { O.Baseline = V; return std::nullopt; }},
      {"--write-baseline",
       [](CliOptions &O, const std::string &V) { O.WriteBaseline = V; return std::nullopt; }},
      {"--fail-on",
       [](CliOptions &O, const std::string &V) -> std::optional<std::string> {
         auto Threshold = parseChoice<FailOn>(
             V, {{"warning", FailOn::Warning}, {"error", FailOn::Error}, {"never", FailOn::Never}});
         if (!Threshold)
           return "expects one of: warning, error, never";
         O.Threshold = *Threshold;
         return std::nullopt;
       }},
      {"--export-fixes",
       [](CliOptions &O, const std::string &V) { O.ExportFixes = V; return std::nullopt; }},
      {"--shard",
       [](CliOptions &O, const std::string &V) -> std::optional<std::string> {
         O.Slice = parseShard(V);
         if (!O.Slice)
           return "expects K/N with 1 <= K <= N";
         return std::nullopt;
       }},
      {"--cache-dir",
       [](CliOptions &O, const std::string &V) { O.CacheDir = V; return std::nullopt; }},
      {"--cache-size",
       [](CliOptions &O, const std::string &V) -> std::optional<std::string> {
         O.CacheSize = parseSize(V);
         if (!O.CacheSize)
           return "expects a size such as 500M, 2G or a number of bytes (0: no limit)";
         return std::nullopt;
       }},
      {"--changed-since",
       [](CliOptions &O, const std::string &V) -> std::optional<std::string> {
         if (V.empty())
           return "expects a git revision";
         O.ChangedSince = V;
         return std::nullopt;
       }},
      {"--index",
       [](CliOptions &O, const std::string &V) { O.IndexPath = V; return std::nullopt; }},
      {"--explain",
       [](CliOptions &O, const std::string &V) {
         O.Action = CliOptions::Mode::Explain;
         O.ExplainCheck = V;
         return std::nullopt;
       }},
  };
  return Options;
}

const std::map<std::string, std::function<void(CliOptions &)>> &flagOptions() {
  static const std::map<std::string, std::function<void(CliOptions &)>> Flags = {
      {"--fix", [](CliOptions &O) { O.Fix = true; }},
      {"--quiet", [](CliOptions &O) { O.Quiet = true; }},
      {"--no-cache", [](CliOptions &O) { O.NoCache = true; }},
      {"--no-index", [](CliOptions &O) { O.NoIndex = true; }},
      {"--list-checks", [](CliOptions &O) { O.Action = CliOptions::Mode::ListChecks; }},
      {"--version", [](CliOptions &O) { O.Action = CliOptions::Mode::Version; }},
      {"--help", [](CliOptions &O) { O.Action = CliOptions::Mode::Help; }},
      {"-h", [](CliOptions &O) { O.Action = CliOptions::Mode::Help; }},
  };
  return Flags;
}

/// Splits `--name=value` and `-jN` / `-pDIR` into name and value.
std::pair<std::string, std::optional<std::string>> splitOption(const std::string &Arg) {
  if (size_t Equals = Arg.find('='); Arg.rfind("--", 0) == 0 && Equals != std::string::npos)
    return {Arg.substr(0, Equals), Arg.substr(Equals + 1)};
  if (Arg.size() > 2 && Arg[0] == '-' && Arg[1] != '-' && (Arg[1] == 'j' || Arg[1] == 'p'))
    return {Arg.substr(0, 2), Arg.substr(Arg[2] == '=' ? 3 : 2)}; // -j4, -j=4, -pbuild
  return {Arg, std::nullopt};
}

/// `unknown option "--chekcs"; did you mean "--checks"?`, or a pointer to --help.
std::string unknownOption(const std::string &Name, const std::string &Arg) {
  std::vector<std::string> Names = optionNames();
  std::vector<std::string_view> Known(Names.begin(), Names.end());
  std::string Message = async_lint::rules::unknownName("option", Name, Known, false);
  if (Message.find("did you mean") != std::string::npos)
    return Message;
  return "unknown option \"" + Arg + "\"; see async-lint --help";
}

std::optional<std::string> checkCombination(const CliOptions &O) {
  if (O.Action == CliOptions::Mode::Merge) {
    if (O.Paths.empty())
      return "merge: expects the json or sarif files to merge";
    if (!O.BuildPath.empty() || O.Checks || !O.ConfigFile.empty() || !O.Baseline.empty() ||
        !O.WriteBaseline.empty() || O.Fix || !O.ExportFixes.empty() || O.Slice || O.Jobs ||
        O.UnitTimeout || O.CompilerFlags || !O.CacheDir.empty() || O.NoCache || O.CacheSize ||
        O.ChangedSince)
      return "merge: takes only --format, --output, --fail-on, --index and --quiet; the "
             "analysis options belong to the runs that wrote its inputs";
  }
  if (O.NoIndex && !O.IndexPath.empty())
    return "--index and --no-index cannot be used together";
  if (!O.Baseline.empty() && !O.WriteBaseline.empty())
    return "--baseline and --write-baseline cannot be used together";
  if (!O.WriteBaseline.empty() && O.ChangedSince)
    return "--write-baseline records every finding; it cannot be used with --changed-since, "
           "which reports those on changed lines only";
  if (O.NoCache && (!O.CacheDir.empty() || O.CacheSize))
    return std::string("--no-cache cannot be used with ") +
           (O.CacheDir.empty() ? "--cache-size" : "--cache-dir");
  if (O.CompilerFlags && !O.BuildPath.empty())
    return "-p and `--` flags cannot be used together: the flags replace the database";
  return std::nullopt;
}

} // namespace

std::variant<CliOptions, std::string> parseCommandLine(const std::vector<std::string> &Args) {
  CliOptions Options;
  size_t I = 0;
  if (!Args.empty() && Args[0] == "merge") {
    Options.Action = CliOptions::Mode::Merge;
    I = 1;
  }
  for (; I < Args.size(); ++I) {
    const std::string &Arg = Args[I];
    if (Arg == "--") {
      Options.CompilerFlags.emplace(Args.begin() + I + 1, Args.end());
      break;
    }
    if (Arg.size() < 2 || Arg[0] != '-') {
      Options.Paths.push_back(Arg);
      continue;
    }
    auto [Name, Value] = splitOption(Arg);
    if (auto Flag = flagOptions().find(Name); Flag != flagOptions().end()) {
      if (Value)
        return "option '" + Name + "' takes no value, got '" + Arg + "'";
      Flag->second(Options);
      continue;
    }
    auto Setter = valueOptions().find(Name);
    if (Setter == valueOptions().end())
      return unknownOption(Name, Arg);
    if (!Value) {
      if (I + 1 == Args.size())
        return "option '" + Name + "' expects a value";
      Value = Args[++I];
    }
    if (auto Error = Setter->second(Options, *Value))
      return "option '" + Name + "' " + *Error + ", got '" + *Value + "'";
  }
  if (auto Error = checkCombination(Options))
    return *Error;
  return Options;
}

std::vector<std::string> optionNames() {
  std::vector<std::string> Names;
  for (const auto &Entry : valueOptions())
    Names.push_back(Entry.first);
  for (const auto &Entry : flagOptions())
    Names.push_back(Entry.first);
  return Names;
}

const char *usageText() {
  return R"(usage: async-lint [options] [paths...] [-- compiler flags]
       async-lint merge [--format json|sarif] [--output FILE] [--index FILE] FILES...

Finds coroutine bugs in C++20 code: missing co_await, blocking calls in coroutines,
unbounded concurrency and swallowed cancellation (checks async-*).

Inputs:
  -p DIR                     build directory holding compile_commands.json (default: found
                             upwards from the first path or the current directory)
  paths                      files or directories: the translation units to analyse
                             (default: every translation unit of the database)
  -- FLAGS                   analyse the paths with these compiler flags, without a database
  --shard K/N                analyse only the K-th of N deterministic slices of the units
  --changed-since REF        analyse only the units whose files changed since the git
                             revision REF (every unit whose files the cache does not
                             know), and report only findings on the lines that changed
                             (git diff REF, the working tree included)

Configuration (read from .clang-tidy files as clang-tidy does):
  --checks GLOBS             checks to enable or disable, appended to the configuration's
                             (-*,async-blocking-call runs that check alone)
  --config-file FILE         use this configuration file instead of .clang-tidy files
  --root DIR                 report findings in files under DIR (default: the common
                             directory of the database's sources and build directory)
  --header-filter REGEX      report findings in headers matching REGEX instead
  --exclude-header-filter REGEX
                             never report findings in headers matching REGEX
  Every async-* check runs unless disabled by name: a configuration file's Checks count
  only where they name async checks (-async-*, -async-blocking-call), since a project's
  '-*' was written for clang-tidy's checks; --checks counts as written. A run that leaves
  no async check enabled is an error. Only async-* checks ever run.

Output:
  --format text|json|sarif   (default text)
  --output FILE              write the report to FILE instead of stdout
  --baseline FILE            report only findings not recorded in FILE
  --write-baseline FILE      record the current findings in FILE
  --fail-on warning|error|never
                             exit 1 on findings at or above this level (default warning)
  --fix                      apply the findings' fix-its in place
  --export-fixes FILE        write the fix-its as YAML for clang-apply-replacements
  --quiet                    no summary line on stderr
  --index FILE               write the project index (every function's summary, which the
                             plugin and async-lint-clangd read with the SummaryIndex option)
                             to FILE (default: async-lint/index.json beside
                             compile_commands.json; a shard or merge writes none unless given)
  --no-index                 write no index
  -j N                       analyse N units in parallel (default: number of cores)
  --cache-dir DIR            keep units' results in DIR and reuse those whose inputs are
                             unchanged (default: .async-lint-cache beside the compilation
                             database; with `--` flags, no cache unless given)
  --no-cache                 neither read nor write the cache
  --cache-size SIZE          the cache's limit, such as 500M or 2G (default 1G; 0: no
                             limit); the entries unused longest go first
  --unit-timeout SECONDS     give up a unit whose analysis takes longer (default 600;
                             0: no limit); it is reported as incomplete, like a crash

Information:
  --list-checks              list the enabled checks
  --explain CHECK            print the documentation of CHECK
  --version                  print the version of async-lint and of LLVM
  -h, --help                 print this help

Compile commands that do not compile C++ (assembler, C: by -x, the driver mode, the
extension) are skipped and counted in the summary line.

Exit status: 0 no findings (or none new), 1 findings, 2 usage or configuration error,
3 analysis incomplete (a translation unit did not compile, or its analysis crashed or timed
out; every other unit's findings are still reported).
)";
}

} // namespace async_lint::cli
