# Unit tests of the CLI's parts: see tests/cli/CMakeLists.txt.
add_executable(cli_unit_tests
  BaselineTest.cpp
  ChangedLinesTest.cpp
  CliOptionsTest.cpp
  CompileCommandsJsonTest.cpp
  CrossUnitLinkTest.cpp
  FingerprintTest.cpp
  FixesTest.cpp
  HeaderFilterTest.cpp
  JsonReportTest.cpp
  ShardTest.cpp
  SourceLanguageTest.cpp
  UnitResultCodecTest.cpp
  WorkerPoolTest.cpp)
target_include_directories(cli_unit_tests PRIVATE "${PROJECT_SOURCE_DIR}/driver/cli")
target_link_libraries(cli_unit_tests PRIVATE asyncLintCli GTest::gtest GTest::gtest_main)
gtest_discover_tests(cli_unit_tests)
