//===--- HeaderFilterTest.cpp - which files' findings a unit reports ------===//
//
// isReported on its own, then with the filters that ProjectConfig records from the command
// line and .clang-tidy files.
//
//===----------------------------------------------------------------------===//

#include "ProjectConfig.h"
#include "Runner.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace async_lint::cli;
namespace fs = std::filesystem;

namespace {

const std::string Root = "/p";
const std::string Main = "/p/src/main.cpp";

HeaderFilters filters(std::optional<std::string> Include, std::optional<std::string> Exclude) {
  return HeaderFilters{std::move(Include), std::move(Exclude)};
}

TEST(HeaderFilterTest, MainFileIsAlwaysReported) {
  EXPECT_TRUE(isReported(Main, Main, Root, {}));
  EXPECT_TRUE(isReported("/q/outside.cpp", "/q/outside.cpp", Root, {}));
  EXPECT_TRUE(isReported(Main, Main, Root, filters("nothing-matches-this", std::nullopt)));
  EXPECT_TRUE(isReported(Main, Main, Root, filters(std::nullopt, ".*")));
  EXPECT_TRUE(isReported(Main, Main, Root, filters("", "main")));
}

TEST(HeaderFilterTest, WithoutFiltersTheRootDecides) {
  EXPECT_TRUE(isReported("/p/include/a.h", Main, Root, {}));
  EXPECT_TRUE(isReported("/p/src/other.cpp", Main, Root, {}));
  EXPECT_FALSE(isReported("/q/include/a.h", Main, Root, {}));
  EXPECT_FALSE(isReported("/pq/a.h", Main, Root, {})); // a prefix is not a parent
  EXPECT_FALSE(isReported("/usr/include/c++/12/vector", Main, Root, {}));
}

TEST(HeaderFilterTest, RootSlashHoldsEveryFile) {
  EXPECT_TRUE(isReported("/usr/include/c++/12/vector", Main, "/", {}));
  EXPECT_TRUE(isReported("/q/a.h", Main, "/", {}));
}

TEST(HeaderFilterTest, FindingWithoutAFileIsNotReported) {
  EXPECT_FALSE(isReported("", Main, Root, {}));
  EXPECT_FALSE(isReported("", Main, "/", {}));
  EXPECT_FALSE(isReported("", Main, Root, filters(".*", std::nullopt)));
}

TEST(HeaderFilterTest, IncludeReplacesTheRoot) {
  HeaderFilters Include = filters("/include/.*\\.h$", std::nullopt);
  EXPECT_TRUE(isReported("/p/include/a.h", Main, Root, Include));
  EXPECT_TRUE(isReported("/q/include/b.h", Main, Root, Include)); // outside the root
  EXPECT_FALSE(isReported("/p/src/c.h", Main, Root, Include));     // under it
  EXPECT_FALSE(isReported("/p/include/d.hpp", Main, Root, Include));
  // The regex searches the absolute path, as clang-tidy's --header-filter does.
  EXPECT_TRUE(isReported("/p/include/x/y.h", Main, Root, filters("include", std::nullopt)));
  EXPECT_TRUE(isReported("/anywhere/z.h", Main, Root, filters(".*", std::nullopt)));
}

TEST(HeaderFilterTest, ExcludeWins) {
  HeaderFilters Exclude = filters(std::nullopt, "third_party/");
  EXPECT_FALSE(isReported("/p/third_party/lib.h", Main, Root, Exclude));
  EXPECT_TRUE(isReported("/p/include/a.h", Main, Root, Exclude));
  EXPECT_FALSE(isReported("/q/a.h", Main, Root, Exclude)); // still outside the root
  HeaderFilters Both = filters(".*\\.h$", "generated");
  EXPECT_TRUE(isReported("/q/a.h", Main, Root, Both));
  EXPECT_FALSE(isReported("/q/generated/a.h", Main, Root, Both));
  EXPECT_FALSE(isReported("/p/generated.h", Main, Root, Both));
  // The main file is reported even where the exclude filter matches it.
  EXPECT_TRUE(isReported("/p/third_party/m.cpp", "/p/third_party/m.cpp", Root, Exclude));
}

TEST(HeaderFilterTest, EmptyExcludeExcludesNothing) {
  EXPECT_TRUE(isReported("/p/include/a.h", Main, Root, filters(std::nullopt, "")));
  EXPECT_TRUE(isReported("/q/a.h", Main, Root, filters(".*", "")));
}

// As clang-tidy's `--header-filter=''`: an empty include regex selects no header at all
// (it does not fall back to the root).
TEST(HeaderFilterTest, EmptyIncludeSelectsNoHeader) {
  EXPECT_FALSE(isReported("/p/include/a.h", Main, Root, filters("", std::nullopt)));
  EXPECT_FALSE(isReported("/q/a.h", Main, Root, filters("", std::nullopt)));
  EXPECT_TRUE(isReported(Main, Main, Root, filters("", std::nullopt)));
}

/// The filters ProjectConfig records for a file of a scratch project.
class RecordedFiltersTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Pattern = (fs::temp_directory_path() / "async-lint-filters-XXXXXX").string();
    Directory = fs::canonical(::mkdtemp(Pattern.data())).string();
    fs::create_directories(Directory + "/src");
    std::ofstream(Directory + "/src/main.cpp") << "int main() {}\n";
  }
  void TearDown() override { fs::remove_all(Directory); }

  HeaderFilters recorded(const CliOptions &Options) {
    auto Base = makeConfigBase(Options);
    if (auto *Error = std::get_if<std::string>(&Base)) {
      ADD_FAILURE() << *Error;
      return {};
    }
    ConfigErrors Errors;
    auto Provider = makeOptionsProvider(std::get<ConfigBase>(Base), Errors);
    HeaderFilters Result = headerFiltersFor(*Provider, Directory + "/src/main.cpp");
    EXPECT_TRUE(Errors.lines().empty());
    return Result;
  }

  std::string Directory;
};

TEST_F(RecordedFiltersTest, NoConfigurationLeavesTheRootInCharge) {
  HeaderFilters Filters = recorded(CliOptions());
  EXPECT_FALSE(Filters.Include);
  EXPECT_FALSE(Filters.Exclude);
  EXPECT_TRUE(isReported(Directory + "/include/a.h", Directory + "/src/main.cpp", Directory,
                         Filters));
}

TEST_F(RecordedFiltersTest, ClangTidyFileFiltersAndTheCommandLineWins) {
  std::ofstream(Directory + "/.clang-tidy")
      << "HeaderFilterRegex: 'include/'\nExcludeHeaderFilterRegex: 'generated/'\n";
  HeaderFilters Filters = recorded(CliOptions());
  EXPECT_EQ(Filters.Include, "include/");
  EXPECT_EQ(Filters.Exclude, "generated/");

  CliOptions Options;
  Options.HeaderFilter = "src/";
  Options.ExcludeHeaderFilter = "";
  Filters = recorded(Options);
  EXPECT_EQ(Filters.Include, "src/");
  EXPECT_EQ(Filters.Exclude, "");
}

} // namespace
