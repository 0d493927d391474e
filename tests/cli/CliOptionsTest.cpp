//===--- CliOptionsTest.cpp - async-lint's command line -------------------===//
//
// Every option in each spelling it accepts, and the exact one-line error of every way a
// command line can be wrong.
//
//===----------------------------------------------------------------------===//

#include "CliOptions.h"

#include <gtest/gtest.h>

#include <functional>

using namespace async_lint::cli;
using Args = std::vector<std::string>;

namespace {

CliOptions parsed(const Args &Arguments) {
  auto Result = parseCommandLine(Arguments);
  if (auto *Error = std::get_if<std::string>(&Result)) {
    ADD_FAILURE() << "unexpected error: " << *Error;
    return {};
  }
  return std::get<CliOptions>(Result);
}

std::string errorOf(const Args &Arguments) {
  auto Result = parseCommandLine(Arguments);
  if (auto *Error = std::get_if<std::string>(&Result))
    return *Error;
  ADD_FAILURE() << "expected a usage error";
  return "";
}

TEST(CliOptionsTest, Defaults) {
  CliOptions O = parsed({});
  EXPECT_EQ(O.Action, CliOptions::Mode::Analyse);
  EXPECT_TRUE(O.Paths.empty());
  EXPECT_FALSE(O.CompilerFlags);
  EXPECT_EQ(O.BuildPath, "");
  EXPECT_FALSE(O.Checks);
  EXPECT_EQ(O.ConfigFile, "");
  EXPECT_EQ(O.Root, "");
  EXPECT_FALSE(O.HeaderFilter);
  EXPECT_FALSE(O.ExcludeHeaderFilter);
  EXPECT_EQ(O.Jobs, 0u);
  EXPECT_FALSE(O.UnitTimeout);
  EXPECT_EQ(DefaultUnitTimeout, 600u);
  EXPECT_EQ(O.Format, OutputFormat::Text);
  EXPECT_FALSE(O.FormatGiven);
  EXPECT_EQ(O.OutputPath, "");
  EXPECT_EQ(O.Baseline, "");
  EXPECT_EQ(O.WriteBaseline, "");
  EXPECT_EQ(O.Threshold, FailOn::Warning);
  EXPECT_FALSE(O.Fix);
  EXPECT_EQ(O.ExportFixes, "");
  EXPECT_FALSE(O.Slice);
  EXPECT_EQ(O.ExplainCheck, "");
  EXPECT_FALSE(O.Quiet);
  EXPECT_EQ(O.CacheDir, "");
  EXPECT_FALSE(O.NoCache);
  EXPECT_FALSE(O.CacheSize);
  EXPECT_FALSE(O.ChangedSince);
}

TEST(CliOptionsTest, PathsKeepTheirOrder) {
  CliOptions O = parsed({"src/b.cpp", "src", "-", "a.cpp"});
  EXPECT_EQ(O.Paths, (Args{"src/b.cpp", "src", "-", "a.cpp"}));
}

/// A string-valued long option and where it lands.
struct StringOption {
  const char *Name;
  std::function<std::string(const CliOptions &)> Field;
};

TEST(CliOptionsTest, StringOptionsTakeSeparateAndEqualsValues) {
  const StringOption Options[] = {
      {"--checks", [](const CliOptions &O) { return O.Checks.value_or("<unset>"); }},
      {"--config-file", [](const CliOptions &O) { return O.ConfigFile; }},
      {"--root", [](const CliOptions &O) { return O.Root; }},
      {"--header-filter", [](const CliOptions &O) { return O.HeaderFilter.value_or("<unset>"); }},
      {"--exclude-header-filter",
       [](const CliOptions &O) { return O.ExcludeHeaderFilter.value_or("<unset>"); }},
      {"--output", [](const CliOptions &O) { return O.OutputPath; }},
      {"--baseline", [](const CliOptions &O) { return O.Baseline; }},
      {"--write-baseline", [](const CliOptions &O) { return O.WriteBaseline; }},
      {"--export-fixes", [](const CliOptions &O) { return O.ExportFixes; }},
  };
  for (const StringOption &Option : Options) {
    SCOPED_TRACE(Option.Name);
    std::string Name = Option.Name;
    EXPECT_EQ(Option.Field(parsed({Name, "some/value.x"})), "some/value.x");
    EXPECT_EQ(Option.Field(parsed({Name + "=some/value.x"})), "some/value.x");
    // Only the first '=' separates: a regex may hold more.
    EXPECT_EQ(Option.Field(parsed({Name + "=a=b"})), "a=b");
    // A separate value is taken as it is, even when it looks like an option.
    EXPECT_EQ(Option.Field(parsed({Name, "--quiet"})), "--quiet");
    CliOptions O = parsed({"first.cpp", Name, "v", "second.cpp"});
    EXPECT_EQ(O.Paths, (Args{"first.cpp", "second.cpp"}));
  }
}

TEST(CliOptionsTest, EmptyEqualsValueSetsAnEmptyOptional) {
  CliOptions O = parsed({"--checks=", "--header-filter=", "--exclude-header-filter="});
  ASSERT_TRUE(O.Checks);
  EXPECT_EQ(*O.Checks, "");
  ASSERT_TRUE(O.HeaderFilter);
  EXPECT_EQ(*O.HeaderFilter, "");
  ASSERT_TRUE(O.ExcludeHeaderFilter);
  EXPECT_EQ(*O.ExcludeHeaderFilter, "");
}

TEST(CliOptionsTest, BuildPathInEverySpelling) {
  EXPECT_EQ(parsed({"-p", "build"}).BuildPath, "build");
  EXPECT_EQ(parsed({"-pbuild"}).BuildPath, "build");
  EXPECT_EQ(parsed({"-p/abs/build-dir"}).BuildPath, "/abs/build-dir");
  EXPECT_EQ(parsed({"-p", "build", "src"}).Paths, Args{"src"});
}

TEST(CliOptionsTest, JobsInEverySpelling) {
  EXPECT_EQ(parsed({"-j4"}).Jobs, 4u);
  EXPECT_EQ(parsed({"-j", "4"}).Jobs, 4u);
  EXPECT_EQ(parsed({"-j", "16"}).Jobs, 16u);
  EXPECT_EQ(parsed({"-j1", "a.cpp"}).Paths, Args{"a.cpp"});
}

TEST(CliOptionsTest, Formats) {
  EXPECT_EQ(parsed({"--format", "text"}).Format, OutputFormat::Text);
  EXPECT_EQ(parsed({"--format=json"}).Format, OutputFormat::Json);
  EXPECT_EQ(parsed({"--format", "sarif"}).Format, OutputFormat::Sarif);
  EXPECT_TRUE(parsed({"--format=text"}).FormatGiven);
  EXPECT_EQ(parsed({"--format=json", "--format=sarif"}).Format, OutputFormat::Sarif);
}

TEST(CliOptionsTest, FailOnLevels) {
  EXPECT_EQ(parsed({"--fail-on", "warning"}).Threshold, FailOn::Warning);
  EXPECT_EQ(parsed({"--fail-on=error"}).Threshold, FailOn::Error);
  EXPECT_EQ(parsed({"--fail-on", "never"}).Threshold, FailOn::Never);
}

TEST(CliOptionsTest, Shard) {
  CliOptions O = parsed({"--shard", "2/4"});
  ASSERT_TRUE(O.Slice);
  EXPECT_EQ(O.Slice->Index, 2u);
  EXPECT_EQ(O.Slice->Count, 4u);
  O = parsed({"--shard=1/1"});
  ASSERT_TRUE(O.Slice);
  EXPECT_EQ(O.Slice->Index, 1u);
  EXPECT_EQ(O.Slice->Count, 1u);
  O = parsed({"--shard=5/5"});
  ASSERT_TRUE(O.Slice);
  EXPECT_EQ(O.Slice->Index, 5u);
  EXPECT_EQ(O.Slice->Count, 5u);
}

TEST(CliOptionsTest, Cache) {
  EXPECT_EQ(parsed({"--cache-dir", "build/c"}).CacheDir, "build/c");
  EXPECT_EQ(parsed({"--cache-dir=c"}).CacheDir, "c");
  EXPECT_TRUE(parsed({"--no-cache"}).NoCache);
  const std::pair<const char *, std::uint64_t> Sizes[] = {
      {"0", 0}, {"1234", 1234}, {"100K", 100ull << 10}, {"100k", 100ull << 10},
      {"500M", 500ull << 20}, {"2G", 2ull << 30}, {"2g", 2ull << 30}};
  for (auto [Text, Bytes] : Sizes) {
    SCOPED_TRACE(Text);
    EXPECT_EQ(parsed({"--cache-size", Text}).CacheSize, Bytes);
  }
  for (const char *Bad : {"", "M", "-1", "1.5G", "2T", "12 M", "99999999999999999999G"}) {
    SCOPED_TRACE(Bad);
    EXPECT_EQ(errorOf({"--cache-size", Bad}),
              "option '--cache-size' expects a size such as 500M, 2G or a number of bytes (0: "
              "no limit), got '" + std::string(Bad) + "'");
  }
  EXPECT_EQ(errorOf({"--no-cache", "--cache-dir", "c"}),
            "--no-cache cannot be used with --cache-dir");
  EXPECT_EQ(errorOf({"--cache-size=1G", "--no-cache"}),
            "--no-cache cannot be used with --cache-size");
}

TEST(CliOptionsTest, ChangedSince) {
  EXPECT_EQ(parsed({"--changed-since", "origin/main"}).ChangedSince, "origin/main");
  EXPECT_EQ(parsed({"--changed-since=HEAD~1"}).ChangedSince, "HEAD~1");
  EXPECT_EQ(errorOf({"--changed-since="}),
            "option '--changed-since' expects a git revision, got ''");
  EXPECT_EQ(errorOf({"--changed-since", "HEAD", "--write-baseline", "b.json"}),
            "--write-baseline records every finding; it cannot be used with --changed-since, "
            "which reports those on changed lines only");
}

TEST(CliOptionsTest, Explain) {
  CliOptions O = parsed({"--explain", "async-blocking-call"});
  EXPECT_EQ(O.Action, CliOptions::Mode::Explain);
  EXPECT_EQ(O.ExplainCheck, "async-blocking-call");
  O = parsed({"--explain=async-missing-co-await"});
  EXPECT_EQ(O.Action, CliOptions::Mode::Explain);
  EXPECT_EQ(O.ExplainCheck, "async-missing-co-await");
}

TEST(CliOptionsTest, Flags) {
  EXPECT_TRUE(parsed({"--fix"}).Fix);
  EXPECT_TRUE(parsed({"--quiet"}).Quiet);
  EXPECT_EQ(parsed({"--list-checks"}).Action, CliOptions::Mode::ListChecks);
  EXPECT_EQ(parsed({"--version"}).Action, CliOptions::Mode::Version);
  EXPECT_EQ(parsed({"--help"}).Action, CliOptions::Mode::Help);
  EXPECT_EQ(parsed({"-h"}).Action, CliOptions::Mode::Help);
}

TEST(CliOptionsTest, EverythingAtOnce) {
  CliOptions O = parsed({"-p", "build", "--checks=-*,async-blocking-call", "--config-file",
                         "tidy.yaml", "--root=/src", "--header-filter", "include/.*",
                         "--exclude-header-filter=third_party/.*", "-j3", "--format=sarif",
                         "--output", "out.sarif", "--baseline=base.json", "--fail-on",
                         "error", "--fix", "--export-fixes=fixes.yaml", "--shard", "1/2",
                         "--quiet", "src/a.cpp", "src/lib"});
  EXPECT_EQ(O.Action, CliOptions::Mode::Analyse);
  EXPECT_EQ(O.BuildPath, "build");
  EXPECT_EQ(O.Checks, "-*,async-blocking-call");
  EXPECT_EQ(O.ConfigFile, "tidy.yaml");
  EXPECT_EQ(O.Root, "/src");
  EXPECT_EQ(O.HeaderFilter, "include/.*");
  EXPECT_EQ(O.ExcludeHeaderFilter, "third_party/.*");
  EXPECT_EQ(O.Jobs, 3u);
  EXPECT_EQ(O.Format, OutputFormat::Sarif);
  EXPECT_EQ(O.OutputPath, "out.sarif");
  EXPECT_EQ(O.Baseline, "base.json");
  EXPECT_EQ(O.Threshold, FailOn::Error);
  EXPECT_TRUE(O.Fix);
  EXPECT_EQ(O.ExportFixes, "fixes.yaml");
  ASSERT_TRUE(O.Slice);
  EXPECT_EQ(O.Slice->Index, 1u);
  EXPECT_EQ(O.Slice->Count, 2u);
  EXPECT_TRUE(O.Quiet);
  EXPECT_EQ(O.Paths, (Args{"src/a.cpp", "src/lib"}));
  EXPECT_FALSE(O.CompilerFlags);
}

TEST(CliOptionsTest, CompilerFlagsAfterDoubleDash) {
  CliOptions O = parsed({"a.cpp", "--", "-std=c++20", "-Iinclude", "--fix", "-p", "x"});
  EXPECT_EQ(O.Paths, Args{"a.cpp"});
  ASSERT_TRUE(O.CompilerFlags);
  // Everything after `--` is the compiler's, options of ours included.
  EXPECT_EQ(*O.CompilerFlags, (Args{"-std=c++20", "-Iinclude", "--fix", "-p", "x"}));
  EXPECT_FALSE(O.Fix);
  EXPECT_EQ(O.BuildPath, "");
}

TEST(CliOptionsTest, DoubleDashWithoutFlagsStillReplacesTheDatabase) {
  CliOptions O = parsed({"a.cpp", "--"});
  ASSERT_TRUE(O.CompilerFlags);
  EXPECT_TRUE(O.CompilerFlags->empty());
}

TEST(CliOptionsTest, MergeSubcommand) {
  CliOptions O = parsed({"merge", "--format", "sarif", "--output=all.sarif", "a.json",
                         "b.json"});
  EXPECT_EQ(O.Action, CliOptions::Mode::Merge);
  EXPECT_EQ(O.Paths, (Args{"a.json", "b.json"}));
  EXPECT_EQ(O.Format, OutputFormat::Sarif);
  EXPECT_EQ(O.OutputPath, "all.sarif");

  O = parsed({"merge", "a.json"});
  EXPECT_EQ(O.Action, CliOptions::Mode::Merge);
  EXPECT_EQ(O.Format, OutputFormat::Text);
  EXPECT_FALSE(O.FormatGiven);
  EXPECT_EQ(parsed({"merge", "--format=json", "a.json"}).Format, OutputFormat::Json);
}

TEST(CliOptionsTest, MergeIsASubcommandOnlyInFirstPlace) {
  CliOptions O = parsed({"a.cpp", "merge"});
  EXPECT_EQ(O.Action, CliOptions::Mode::Analyse);
  EXPECT_EQ(O.Paths, (Args{"a.cpp", "merge"}));
}

TEST(CliOptionsTest, UnknownOption) {
  EXPECT_EQ(errorOf({"--bogus"}), "unknown option \"--bogus\"; see async-lint --help");
  EXPECT_EQ(errorOf({"--bogus=3"}), "unknown option \"--bogus=3\"; see async-lint --help");
  EXPECT_EQ(errorOf({"-x"}), "unknown option \"-x\"; see async-lint --help");
  EXPECT_EQ(errorOf({"-hx"}), "unknown option \"-hx\"; did you mean \"-h\"?");
  EXPECT_EQ(errorOf({"--chekcs=-*"}), "unknown option \"--chekcs\"; did you mean \"--checks\"?");
  // A flag takes no value.
  EXPECT_EQ(errorOf({"--fix=yes"}), "option '--fix' takes no value, got '--fix=yes'");
  EXPECT_EQ(errorOf({"a.cpp", "--quiet=1"}),
            "option '--quiet' takes no value, got '--quiet=1'");
  EXPECT_EQ(errorOf({"merge", "--fix-all", "a.json"}),
            "unknown option \"--fix-all\"; see async-lint --help");
}

TEST(CliOptionsTest, MissingValue) {
  for (const char *Name : {"-p", "--checks", "--config-file", "--root", "--header-filter",
                           "--exclude-header-filter", "-j", "--format", "--output",
                           "--baseline", "--write-baseline", "--fail-on", "--export-fixes",
                           "--shard", "--explain"}) {
    SCOPED_TRACE(Name);
    EXPECT_EQ(errorOf({"a.cpp", Name}), "option '" + std::string(Name) + "' expects a value");
  }
}

TEST(CliOptionsTest, UnitTimeout) {
  EXPECT_EQ(parsed({"--unit-timeout", "30"}).UnitTimeout, 30u);
  EXPECT_EQ(parsed({"--unit-timeout=1"}).UnitTimeout, 1u);
  EXPECT_EQ(parsed({"--unit-timeout", "0"}).UnitTimeout, 0u); // no limit
  EXPECT_EQ(errorOf({"--unit-timeout", "x"}),
            "option '--unit-timeout' expects a number of seconds (0: no limit), got 'x'");
  EXPECT_EQ(errorOf({"--unit-timeout", "-5"}),
            "option '--unit-timeout' expects a number of seconds (0: no limit), got '-5'");
  EXPECT_EQ(errorOf({"--unit-timeout"}), "option '--unit-timeout' expects a value");
}

TEST(CliOptionsTest, BadJobs) {
  EXPECT_EQ(errorOf({"-j0"}), "option '-j' expects a positive number of jobs, got '0'");
  EXPECT_EQ(errorOf({"-j", "0"}), "option '-j' expects a positive number of jobs, got '0'");
  EXPECT_EQ(errorOf({"-jx"}), "option '-j' expects a positive number of jobs, got 'x'");
  EXPECT_EQ(errorOf({"-j", "-1"}), "option '-j' expects a positive number of jobs, got '-1'");
  EXPECT_EQ(errorOf({"-j4x"}), "option '-j' expects a positive number of jobs, got '4x'");
  EXPECT_EQ(errorOf({"-j", "99999999999"}),
            "option '-j' expects a positive number of jobs, got '99999999999'");
}

TEST(CliOptionsTest, BadFormat) {
  EXPECT_EQ(errorOf({"--format", "xml"}),
            "option '--format' expects one of: text, json, sarif, got 'xml'");
  EXPECT_EQ(errorOf({"--format=JSON"}),
            "option '--format' expects one of: text, json, sarif, got 'JSON'");
  EXPECT_EQ(errorOf({"--format="}), "option '--format' expects one of: text, json, sarif, got ''");
}

TEST(CliOptionsTest, BadFailOn) {
  EXPECT_EQ(errorOf({"--fail-on", "always"}),
            "option '--fail-on' expects one of: warning, error, never, got 'always'");
  EXPECT_EQ(errorOf({"--fail-on=note"}),
            "option '--fail-on' expects one of: warning, error, never, got 'note'");
}

TEST(CliOptionsTest, BadShard) {
  for (const char *Value : {"3/2", "0/2", "1/0", "0/0", "2", "a/b", "1/2/3", "/2", "1/", "-1/2",
                            ""}) {
    SCOPED_TRACE(Value);
    EXPECT_EQ(errorOf({"--shard", Value}),
              "option '--shard' expects K/N with 1 <= K <= N, got '" + std::string(Value) + "'");
  }
}

TEST(CliOptionsTest, ConflictingBaselines) {
  EXPECT_EQ(errorOf({"--baseline", "a.json", "--write-baseline", "b.json"}),
            "--baseline and --write-baseline cannot be used together");
  EXPECT_EQ(errorOf({"--write-baseline=b.json", "--baseline=a.json"}),
            "--baseline and --write-baseline cannot be used together");
}

TEST(CliOptionsTest, ConflictingDatabaseAndFlags) {
  EXPECT_EQ(errorOf({"-p", "build", "a.cpp", "--", "-std=c++20"}),
            "-p and `--` flags cannot be used together: the flags replace the database");
  EXPECT_EQ(errorOf({"-pbuild", "a.cpp", "--"}),
            "-p and `--` flags cannot be used together: the flags replace the database");
}

TEST(CliOptionsTest, MergeErrors) {
  EXPECT_EQ(errorOf({"merge"}), "merge: expects the json or sarif files to merge");
  EXPECT_EQ(errorOf({"merge", "--format", "sarif"}),
            "merge: expects the json or sarif files to merge");
  // Text is a rendering of merged json like any other; analysis options have no place here.
  EXPECT_EQ(parsed({"merge", "--format", "text", "a.json"}).Format, OutputFormat::Text);
  for (std::vector<std::string> Extra :
       {Args{"-j", "2"}, Args{"--unit-timeout", "9"}, Args{"-p", "build"}, Args{"--checks=-*"},
        Args{"--fix"}, Args{"--baseline", "b.json"}, Args{"--shard", "1/2"},
        Args{"--", "-std=c++20"}, Args{"--cache-dir", "c"}, Args{"--no-cache"},
        Args{"--cache-size", "1G"}, Args{"--changed-since", "HEAD"}}) {
    Args Command = {"merge", "a.json"};
    Command.insert(Command.end(), Extra.begin(), Extra.end());
    EXPECT_EQ(errorOf(Command), "merge: takes only --format, --output, --fail-on, --index and "
                                "--quiet; the analysis options belong to the runs that wrote "
                                "its inputs")
        << Extra[0];
  }
  EXPECT_EQ(parsed({"merge", "--index", "out/index.json", "a.json"}).IndexPath,
            "out/index.json");
}

TEST(CliOptionsTest, Index) {
  EXPECT_EQ(parsed({"--index=i.json"}).IndexPath, "i.json");
  EXPECT_TRUE(parsed({"--no-index"}).NoIndex);
  EXPECT_EQ(errorOf({"--index", "i.json", "--no-index"}),
            "--index and --no-index cannot be used together");
}

TEST(CliOptionsTest, ValueErrorsComeBeforeCombinationErrors) {
  EXPECT_EQ(errorOf({"merge", "-j0"}), "option '-j' expects a positive number of jobs, got '0'");
  EXPECT_EQ(errorOf({"--baseline", "a", "--write-baseline", "b", "--bogus"}),
            "unknown option \"--bogus\"; see async-lint --help");
}

TEST(CliOptionsTest, UsageTextDescribesEveryOption) {
  std::string Usage = usageText();
  for (const char *Name : {"-p DIR", "--shard K/N", "--checks", "--config-file", "--root",
                           "--header-filter", "--exclude-header-filter", "--format",
                           "--output", "--baseline", "--write-baseline", "--fail-on", "--fix",
                           "--export-fixes", "--quiet", "-j N", "--unit-timeout SECONDS",
                           "--cache-dir DIR", "--no-cache", "--cache-size SIZE",
                           "--changed-since REF",
                           "--list-checks", "--explain", "--version", "merge"}) {
    SCOPED_TRACE(Name);
    EXPECT_NE(Usage.find(Name), std::string::npos);
  }
}

} // namespace

// --help documents every option the parser accepts, each as a word of its own.
TEST(CliOptionsTest, HelpNamesEveryOption) {
  std::string Help = usageText();
  std::vector<std::string> Names = optionNames();
  EXPECT_EQ(Names.size(), 28u);
  for (const std::string &Name : Names) {
    size_t At = Help.find(" " + Name);
    EXPECT_NE(At, std::string::npos) << Name;
    if (At != std::string::npos) {
      char After = Help[At + 1 + Name.size()];
      EXPECT_TRUE(After == ' ' || After == ',' || After == '\n') << Name;
    }
  }
}
