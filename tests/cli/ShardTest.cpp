//===--- ShardTest.cpp - deterministic slices of the translation units ----===//

#include "CompilationUnits.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>

using namespace async_lint::cli;
using Files = std::vector<std::string>;

namespace {

Files sortedFiles(size_t Count) {
  Files Result;
  for (size_t I = 0; I < Count; ++I) {
    char Name[32];
    std::snprintf(Name, sizeof Name, "/p/src/f%02zu.cpp", I);
    Result.push_back(Name);
  }
  return Result;
}

TEST(ShardTest, EveryFileInExactlyOneShard) {
  for (size_t FileCount : {0, 1, 2, 3, 4, 5, 7, 12, 13}) {
    Files All = sortedFiles(FileCount);
    for (unsigned N = 1; N <= 5; ++N) {
      SCOPED_TRACE(std::to_string(FileCount) + " files, " + std::to_string(N) + " shards");
      std::map<std::string, unsigned> Seen;
      size_t Total = 0, Smallest = FileCount, Largest = 0;
      for (unsigned K = 1; K <= N; ++K) {
        Files Mine = shardOf(All, Shard{K, N});
        // A shard keeps the sorted order of its files.
        EXPECT_TRUE(std::is_sorted(Mine.begin(), Mine.end()));
        for (const std::string &File : Mine)
          ++Seen[File];
        Total += Mine.size();
        Smallest = std::min(Smallest, Mine.size());
        Largest = std::max(Largest, Mine.size());
      }
      EXPECT_EQ(Total, FileCount);
      EXPECT_EQ(Seen.size(), FileCount);
      for (const auto &[File, Times] : Seen)
        EXPECT_EQ(Times, 1u) << File;
      // Balanced: shard sizes differ by at most one.
      if (FileCount > 0)
        EXPECT_LE(Largest - Smallest, 1u);
    }
  }
}

TEST(ShardTest, Deterministic) {
  Files All = sortedFiles(13);
  for (unsigned N = 1; N <= 5; ++N)
    for (unsigned K = 1; K <= N; ++K)
      EXPECT_EQ(shardOf(All, Shard{K, N}), shardOf(Files(All), Shard{K, N}));
}

TEST(ShardTest, ExactSlices) {
  Files All = {"/p/a.cpp", "/p/b.cpp", "/p/c.cpp", "/p/d.cpp", "/p/e.cpp"};
  EXPECT_EQ(shardOf(All, Shard{1, 1}), All);
  EXPECT_EQ(shardOf(All, Shard{1, 2}), (Files{"/p/a.cpp", "/p/c.cpp", "/p/e.cpp"}));
  EXPECT_EQ(shardOf(All, Shard{2, 2}), (Files{"/p/b.cpp", "/p/d.cpp"}));
  EXPECT_EQ(shardOf(All, Shard{3, 3}), (Files{"/p/c.cpp"}));
  EXPECT_EQ(shardOf(All, Shard{5, 5}), (Files{"/p/e.cpp"}));
}

TEST(ShardTest, MoreShardsThanFilesLeavesSomeEmpty) {
  Files All = {"/p/a.cpp", "/p/b.cpp"};
  EXPECT_EQ(shardOf(All, Shard{1, 4}), Files{"/p/a.cpp"});
  EXPECT_EQ(shardOf(All, Shard{2, 4}), Files{"/p/b.cpp"});
  EXPECT_TRUE(shardOf(All, Shard{3, 4}).empty());
  EXPECT_TRUE(shardOf(All, Shard{4, 4}).empty());
  EXPECT_TRUE(shardOf({}, Shard{1, 3}).empty());
}

} // namespace
