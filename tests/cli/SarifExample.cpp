//===--- SarifExample.cpp - a realistic SARIF log, for the multitool -------===//
//
// `sarif_example SOURCE_ROOT OUT_DIR` writes OUT_DIR/example.sarif, the four
// warnings of fixtures/examples/crawler.cpp as the CLI reports them (notes, a
// fix-it, a compile error, a configuration error), and OUT_DIR/merged.sarif,
// the merge of two shards; validate_sarif.py checks both against the SARIF
// schema and GitHub's rules.
//
//===----------------------------------------------------------------------===//

#include "LineHash.h"
#include "Sarif.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace async_lint::cli;

namespace {

struct Source {
  std::string Path, Text;
  std::vector<std::string> Hashes;

  /// The position of the first occurrence of Needle, one token long.
  Position find(std::string_view Needle) const {
    std::size_t Offset = Text.find(Needle);
    if (Offset == std::string::npos)
      throw std::runtime_error(Path + " no longer contains " + std::string(Needle));
    Position P;
    P.File = Path;
    P.Offset = static_cast<unsigned>(Offset);
    P.Line = 1 + static_cast<unsigned>(std::count(Text.begin(), Text.begin() + Offset, '\n'));
    P.Column = static_cast<unsigned>(Offset - Text.rfind('\n', Offset - 1));
    P.EndLine = P.Line;
    P.EndColumn = P.Column + static_cast<unsigned>(Needle.size());
    return P;
  }

  Finding finding(std::string Check, std::string_view Needle, std::string Message) const {
    Finding F;
    F.Check = std::move(Check);
    F.Where = find(Needle);
    F.Message = std::move(Message);
    F.LineHash = Hashes[F.Where.Line - 1];
    F.Fingerprint = std::to_string(std::hash<std::string>()(F.Check + F.Message));
    return F;
  }
};

Report crawlerReport(const Source &S) {
  Report R;
  Finding Blocking = S.finding(
      "async-blocking-call", "std::this_thread::sleep_for(state.crawl_delay)",
      "blocking call to 'std::this_thread::sleep_for' in coroutine 'load_robots': it sleeps the "
      "thread; use co_await aio::sleep(d)");
  Position Call = S.find("std::this_thread::sleep_for(state.crawl_delay)");
  Position Declaration; // a related location outside the root: a file:// URI
  Declaration.File = "/usr/include/c++/12/bits/this_thread_sleep.h";
  Declaration.Line = Declaration.EndLine = 71;
  Declaration.Column = 5;
  Declaration.EndColumn = 14;
  Blocking.Notes = {{Declaration, "'std::this_thread::sleep_for' is declared here"}};
  Blocking.Fix = {{S.Path, Call.Offset, Call.EndColumn - Call.Column,
                   "co_await aio::sleep(state.crawl_delay)", Call}};
  Finding Handler = S.finding("async-swallowed-cancellation", "catch (const std::exception& e)",
                              "handler of 'const std::exception &' swallows "
                              "'aio::CancelledError': the cancellation ends as a normal return");
  Handler.Notes = {{S.find("co_return Page{url, 599"), "the handler returns here"}};
  Finding Spawn = S.finding("async-unbounded-concurrency", "aio::spawn(head(url))",
                            "'aio::spawn' starts one task per element of 'urls' with nothing "
                            "bounding how many run at once");
  Spawn.Notes = {{S.find("for (const auto& url : urls)"),
                  "loops over 'urls', whose size is known only at run time"}};
  Finding Dropped = S.finding("async-missing-co-await", "save_checkpoint(state);",
                              "'save_checkpoint' returns a lazy 'aio::Task<void>' that is never "
                              "awaited; its body will not run");
  R.Findings = {Blocking, Handler, Spawn, Dropped};
  Finding Broken = S.finding("clang-diagnostic-error", "write_report_file",
                             "use of undeclared identifier 'write_report_fil'");
  Broken.Level = Severity::Error;
  R.CompileErrors = {Broken};
  R.ConfigurationErrors = {"invalid rule pack: tools/lint/myrt.json: at /blocking/0/kind: "
                           "unknown kind 'fn'; did you mean 'function'?"};
  R.Units = R.FailedUnits = {S.Path};
  return R;
}

void write(const std::string &Path, const nlohmann::json &Log) {
  std::ofstream(Path) << Log.dump(2) << "\n";
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: sarif_example SOURCE_ROOT OUT_DIR\n";
    return 2;
  }
  std::string Root = argv[1];
  Source S{Root + "/fixtures/examples/crawler.cpp", "", {}};
  std::ifstream In(S.Path, std::ios::binary);
  std::ostringstream Text;
  Text << In.rdbuf();
  S.Text = Text.str();
  S.Hashes = primaryLocationLineHashes(S.Text);

  std::vector<std::string> Checks = {"async-blocking-call", "async-missing-co-await",
                                     "async-swallowed-cancellation",
                                     "async-unbounded-concurrency"};
  Report Full = crawlerReport(S);
  write(std::string(argv[2]) + "/example.sarif", toSarif(Full, {Root, "0.1.0", "19.1.7", Checks}));

  Report First = Full, Second = Full; // two shards that both saw a header's findings
  First.Findings.resize(3);
  Second.Findings.erase(Second.Findings.begin());
  Second.CompileErrors.clear();
  write(std::string(argv[2]) + "/merged.sarif",
        mergeSarif({toSarif(First, {Root, "0.1.0", "19.1.7", Checks}),
                    toSarif(Second, {Root, "0.1.0", "19.1.7", Checks})}));
}
