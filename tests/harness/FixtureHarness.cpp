//===--- FixtureHarness.cpp - lint, build and run one fixture -------------===//
//
// `fixture_harness FILE` registers up to three tests for one fixture program:
//   Lint    stock clang-tidy with the plugin reports exactly the expected diagnostics;
//   Oracle  the program, built with clang++ (the standard headers precompiled: prelude.hpp) and
//           run in the runtime's debug mode, prints exactly the expected oracle events and
//           exits with the expected status;
//   Fix     (fixtures with expect-fix) clang-tidy --fix applied to a copy gives a program that
//           compiles and prints exactly the expect-fix events.
//
//===----------------------------------------------------------------------===//

#include "Fixture.h"
#include "Process.h"
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace fs = std::filesystem;

namespace async_lint::harness {
namespace {

// Paths of the tools and of the plugin under test, fixed by CMake at build time.
const std::string ClangTidy = ASYNC_LINT_CLANG_TIDY;
const std::string ClangXX = ASYNC_LINT_CLANGXX;
const std::string Plugin = ASYNC_LINT_PLUGIN;
const std::string FixtureFlags = ASYNC_LINT_FIXTURE_FLAGS;
const std::string PreludeDir = ASYNC_LINT_PRELUDE_DIR; // prelude.hpp, precompiled
const std::string RuntimeInclude = ASYNC_LINT_RUNTIME_INCLUDE;
const std::string LibsInclude = ASYNC_LINT_LIBS_INCLUDE; // stand-ins of coroutine libraries

std::vector<std::string> splitFlags(const std::string &Flags) {
  std::istringstream In(Flags);
  std::vector<std::string> Result;
  for (std::string Flag; In >> Flag;)
    Result.push_back(Flag);
  return Result;
}

std::vector<std::string> compilerFlags(const Fixture &F) {
  std::vector<std::string> Flags = splitFlags(FixtureFlags);
  Flags.insert(Flags.end(), {"-I" + RuntimeInclude, "-I" + LibsInclude});
  for (std::string &Flag : splitFlags(F.CompileFlags))
    Flags.push_back(std::move(Flag));
  return Flags;
}

ProcessResult runTidy(const Fixture &F, const std::string &File, bool Fix) {
  // Only the fixture's own diagnostics: clang-tidy 22 shows every non-system header's by
  // default (19 none), and the stand-in headers of fixtures/libs are not under test.
  std::vector<std::string> Argv = {ClangTidy, "--load=" + Plugin, "--checks=-*,async-*",
                                   "--config=" + (F.TidyConfig.empty() ? "{}" : F.TidyConfig),
                                   "--header-filter=^$", "--quiet"};
  if (Fix)
    Argv.push_back("--fix");
  Argv.push_back(File);
  Argv.push_back("--");
  for (std::string &Flag : compilerFlags(F))
    Argv.push_back(std::move(Flag));
  return runProcess(Argv);
}

std::string joinLines(const std::vector<std::string> &Lines) {
  std::string Text;
  for (const std::string &Line : Lines)
    Text += "  " + Line + "\n";
  return Text;
}

fs::path scratchDirectory(const Fixture &F, const std::string &Purpose) {
  fs::path Dir = fs::temp_directory_path() /
                 ("async-lint-" + fs::path(F.Path).stem().string() + "-" + Purpose + "-" +
                  std::to_string(getpid()));
  fs::create_directories(Dir);
  return Dir;
}

/// The precompiled prelude a fixture's build can include first, or "" for none: a fixture with
/// compile-flags of its own (QCoro's -fPIC, Boost's macros) would not match the one it was built
/// with. Fixtures on standalone Asio get the prelude that has it.
std::string preludeFor(const Fixture &F) {
  if (!F.CompileFlags.empty())
    return "";
  std::ifstream In(F.Path);
  std::stringstream Text;
  Text << In.rdbuf();
  bool UsesAsio = Text.str().find("#include <asio") != std::string::npos;
  return PreludeDir + (UsesAsio ? "/prelude-asio.pch" : "/prelude.pch");
}

/// Builds Source in Dir, runs it in debug mode, and compares its events and exit status.
void buildAndRun(const Fixture &F, const fs::path &Source, const fs::path &Dir,
                 const std::vector<nlohmann::json> &Events, int ExitCode) {
  fs::path Binary = Dir / "program";
  std::vector<std::string> Argv = {ClangXX};
  for (std::string &Flag : compilerFlags(F))
    Argv.push_back(std::move(Flag));
  if (std::string Prelude = preludeFor(F); !Prelude.empty())
    Argv.insert(Argv.end(), {"-include-pch", Prelude});
  Argv.insert(Argv.end(), {Source.string(), "-o", Binary.string()});
  ProcessResult Build = runProcess(Argv);
  ASSERT_EQ(Build.ExitCode, 0) << "compiling " << Source << " failed:\n" << Build.Errors;
  if (!F.Run)
    return;

  fs::path EventFile = Dir / "events.jsonl";
  fs::remove(EventFile);
  ProcessResult Run = runProcess({Binary.string()},
                                 {"AIO_DEBUG=1", "AIO_DEBUG_FILE=" + EventFile.string()},
                                 /*TimeoutSeconds=*/30);
  EXPECT_EQ(Run.ExitCode, ExitCode) << "stdout:\n" << Run.Output << "stderr:\n" << Run.Errors;

  std::vector<nlohmann::json> Actual;
  std::ifstream In(EventFile);
  for (std::string Line; std::getline(In, Line);) {
    nlohmann::json Event = nlohmann::json::parse(Line, nullptr, false);
    ASSERT_FALSE(Event.is_discarded()) << "the oracle printed a line that is not JSON: " << Line;
    Actual.push_back(std::move(Event));
  }
  std::vector<std::string> Problems = compareEvents(Events, Actual);
  EXPECT_TRUE(Problems.empty()) << F.Path << ":\n" << joinLines(Problems);
}

class LintTest : public testing::Test {
public:
  explicit LintTest(Fixture F) : F(std::move(F)) {}
  void TestBody() override {
    ProcessResult Tidy = runTidy(F, F.Path, /*Fix=*/false);
    std::vector<std::string> Elsewhere;
    std::vector<Diagnostic> Actual = parseTidyOutput(Tidy.Output, F.Path, Elsewhere);
    EXPECT_TRUE(Elsewhere.empty()) << "diagnostics outside the fixture:\n"
                                   << joinLines(Elsewhere);
    std::vector<std::string> Problems = compareDiagnostics(F.Diagnostics, Actual);
    EXPECT_TRUE(Problems.empty()) << F.Path << ":\n"
                                  << joinLines(Problems) << "clang-tidy printed:\n"
                                  << Tidy.Output << Tidy.Errors;
  }

private:
  Fixture F;
};

class OracleTest : public testing::Test {
public:
  explicit OracleTest(Fixture F) : F(std::move(F)) {}
  void TestBody() override {
    fs::path Dir = scratchDirectory(F, "run");
    buildAndRun(F, F.Path, Dir, F.OracleEvents, F.ExitCode);
    fs::remove_all(Dir);
  }

private:
  Fixture F;
};

class FixTest : public testing::Test {
public:
  explicit FixTest(Fixture F) : F(std::move(F)) {}
  void TestBody() override {
    fs::path Dir = scratchDirectory(F, "fix");
    fs::path Copy = Dir / fs::path(F.Path).filename();
    fs::copy_file(F.Path, Copy, fs::copy_options::overwrite_existing);
    ProcessResult Tidy = runTidy(F, Copy.string(), /*Fix=*/true);
    ASSERT_NE(Tidy.Output.find("FIX-IT applied"), std::string::npos)
        << "expect-fix is stated but clang-tidy applied no fix-it:\n"
        << Tidy.Output << Tidy.Errors;
    buildAndRun(F, Copy, Dir, F.FixedOracleEvents, F.FixedExitCode);
    fs::remove_all(Dir);
  }

private:
  Fixture F;
};

template <class Test> void registerTest(const char *Suite, const Fixture &F) {
  std::string Name = fs::path(F.Path).parent_path().filename().string() + "/" +
                     fs::path(F.Path).filename().string();
  testing::RegisterTest(Suite, Name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                        [F]() -> testing::Test * { return new Test(F); });
}

} // namespace
} // namespace async_lint::harness

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: fixture_harness [gtest flags] FIXTURE.cpp\n");
    return 2;
  }
  using namespace async_lint::harness;
  Fixture F = parseFixture(fs::absolute(argv[1]).string());
  if (!F.Errors.empty()) {
    for (const std::string &Error : F.Errors)
      std::fprintf(stderr, "%s\n", Error.c_str());
    return 2;
  }
  registerTest<LintTest>("Lint", F);
  registerTest<OracleTest>("Oracle", F);
  if (F.HasFix)
    registerTest<FixTest>("Fix", F);
  return RUN_ALL_TESTS();
}
