//===--- SourceLanguageTest.cpp - which compile commands compile C++ ------===//

#include "SourceLanguage.h"

#include <gtest/gtest.h>

using namespace async_lint::cli;

namespace {

/// Whether the command line (its last word is the file) compiles C++.
bool cxx(std::vector<std::string> CommandLine) {
  std::string File = CommandLine.back();
  return compilesCxx(clang::tooling::CompileCommand("/build", File, std::move(CommandLine), ""));
}

TEST(SourceLanguageTest, ByExtension) {
  EXPECT_TRUE(cxx({"clang++", "-c", "a.cpp"}));
  EXPECT_TRUE(cxx({"/usr/bin/c++", "-c", "a.cc"}));
  EXPECT_TRUE(cxx({"cc", "-c", "a.cxx"}));
  EXPECT_TRUE(cxx({"gcc", "-c", "a.C"}));
  EXPECT_TRUE(cxx({"clang++-19", "-c", "include/a.hpp"}));
  EXPECT_FALSE(cxx({"cc", "-c", "a.c"}));
  EXPECT_FALSE(cxx({"clang", "-c", "a.S"}));
  EXPECT_FALSE(cxx({"clang", "-c", "a.s"}));
  EXPECT_FALSE(cxx({"clang", "-c", "a.asm"}));
  EXPECT_FALSE(cxx({"clang", "-c", "a.m"}));
  EXPECT_FALSE(cxx({"clang", "-c", "a.f90"}));
  EXPECT_FALSE(cxx({"clang", "-c", "a.unknown"}));
}

// Objective-C++, CUDA and HIP are C++ to clang.
TEST(SourceLanguageTest, CxxDialects) {
  EXPECT_TRUE(cxx({"clang", "-c", "a.mm"}));
  EXPECT_TRUE(cxx({"clang++", "-c", "a.cu"}));
  EXPECT_TRUE(cxx({"clang++", "-c", "a.hip"}));
}

// clang++ and g++ compile C files as C++, never assembler.
TEST(SourceLanguageTest, CxxDriverReadsCFilesAsCxx) {
  EXPECT_TRUE(cxx({"clang++", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"clang++-19", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"/usr/bin/x86_64-linux-gnu-g++-12", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"clang", "--driver-mode=g++", "-c", "a.c"}));
  EXPECT_FALSE(cxx({"clang++", "--driver-mode=gcc", "-c", "a.c"}));
  EXPECT_FALSE(cxx({"clang++", "-c", "a.S"}));
  EXPECT_FALSE(cxx({"g++", "-c", "a.s"}));
}

TEST(SourceLanguageTest, DashXDecides) {
  EXPECT_TRUE(cxx({"gcc", "-x", "c++", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"gcc", "-xc++", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"gcc", "--language=c++", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"gcc", "--language", "c++", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"clang", "-x", "c++-header", "-c", "a.h"}));
  EXPECT_FALSE(cxx({"clang++", "-x", "c", "-c", "a.cpp"}));
  EXPECT_FALSE(cxx({"clang++", "-xc", "-c", "a.cpp"}));
  EXPECT_FALSE(cxx({"clang++", "-x", "assembler-with-cpp", "-c", "a.cpp"}));
  EXPECT_FALSE(cxx({"clang++", "-x", "fortran", "-c", "a.cpp"}));
  // The last -x before the file; -x none goes back to the extension.
  EXPECT_TRUE(cxx({"clang", "-x", "c", "-x", "c++", "-c", "a.c"}));
  EXPECT_TRUE(cxx({"clang++", "-x", "c", "-x", "none", "-c", "a.cpp"}));
}

// An -x after the file does not apply to it, as in clang's driver.
TEST(SourceLanguageTest, DashXAfterTheFileDoesNotApply) {
  clang::tooling::CompileCommand Command("/build", "a.cpp", {"clang++", "-c", "a.cpp", "-x", "c"},
                                         "");
  EXPECT_TRUE(compilesCxx(Command));
  clang::tooling::CompileCommand Spelled("/build", "/build/src/a.cpp",
                                         {"clang++", "-x", "c", "src/a.cpp", "-x", "c++"}, "");
  EXPECT_FALSE(compilesCxx(Spelled));
}

TEST(SourceLanguageTest, ClModeTPAndTC) {
  EXPECT_TRUE(cxx({"clang-cl", "/c", "a.cpp"}));
  EXPECT_TRUE(cxx({"cl.exe", "/c", "a.cpp"}));
  EXPECT_FALSE(cxx({"clang-cl", "/c", "a.c"}));
  EXPECT_TRUE(cxx({"clang-cl", "/TP", "/c", "a.c"}));
  EXPECT_FALSE(cxx({"clang-cl", "/TC", "/c", "a.cpp"}));
  EXPECT_TRUE(cxx({"clang", "--driver-mode=cl", "-TP", "/c", "a.c"}));
}

} // namespace
