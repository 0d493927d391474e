//===--- UnconsumedLocalTest.cpp - paths on which a local dies unused -----===//

#include "AstFixture.h"
#include "utils/UnconsumedLocal.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

class UnconsumedLocalTest : public AstTest {
protected:
  /// The line where the local `t` of Function first dies unused, or 0 when it never does.
  unsigned exitLine(const std::string &Function) {
    const auto *F = find<FunctionDecl>(functionDecl(hasName(Function), isDefinition()));
    const auto *Var = find<VarDecl>(varDecl(hasName("t"), hasAncestor(functionDecl(
                                                              hasName(Function)))));
    if (!F || !Var)
      return ~0U;
    utils::LocalVariableFlow Flow(*F->getBody(), context());
    std::optional<SourceLocation> Exit = Flow.exitWithoutUse(*Var, *Var);
    return Exit ? context().getSourceManager().getSpellingLineNumber(*Exit) : 0;
  }
};

TEST_F(UnconsumedLocalTest, FindsTheFirstExitOfAPathWithoutUse) {
  parse(R"cpp(struct Handle { ~Handle(); };
void use(Handle &);
bool cond();
void never() {
  Handle t;
}
void always() {
  Handle t;
  use(t);
}
void oneBranch() {
  Handle t;
  if (cond())
    return;
  use(t);
}
void loop() {
  for (int i = 0; i < 3; ++i) {
    Handle t;
    if (cond())
      continue;
    use(t);
  }
}
void thrown() {
  Handle t;
  if (cond())
    throw 1;
  use(t);
}
void captured() {
  Handle t;
  auto f = [&] { use(t); };
}
)cpp");
  EXPECT_EQ(exitLine("never"), 6u);
  EXPECT_EQ(exitLine("always"), 0u);
  EXPECT_EQ(exitLine("oneBranch"), 14u);
  EXPECT_EQ(exitLine("loop"), 21u);
  EXPECT_EQ(exitLine("thrown"), 28u);
  EXPECT_EQ(exitLine("captured"), 0u);
}

// A loop that runs a constant number of times, at least once, uses the local on its first
// pass; one that may run zero times, or leaves by a back edge without use, does not.
TEST_F(UnconsumedLocalTest, ConstantLoopsRunTheirBodyAtLeastOnce) {
  parse(R"cpp(struct Handle { ~Handle(); };
void use(Handle &);
bool cond();
void counted() {
  Handle t;
  for (int i = 0; i < 10; i++)
    use(t);
}
void ranged() {
  Handle t;
  int values[] = {1, 2};
  for (int v : values)
    use(t);
}
void maybeNever(int n) {
  Handle t;
  for (int i = 0; i < n; i++)
    use(t);
}
void zeroTimes() {
  Handle t;
  for (int i = 0; i < 0; i++)
    use(t);
}
void usedOnLaterPass() {
  Handle t;
  for (int i = 0; i < 10; i++)
    if (i == 5)
      use(t);
}
)cpp");
  EXPECT_EQ(exitLine("counted"), 0u);
  EXPECT_EQ(exitLine("ranged"), 0u);
  EXPECT_EQ(exitLine("maybeNever"), 19u);
  EXPECT_EQ(exitLine("zeroTimes"), 24u);
  EXPECT_EQ(exitLine("usedOnLaterPass"), 30u);
}

// An exit that a macro writes (a test assertion that returns when it fails) is the macro's
// business; one written out is not.
TEST_F(UnconsumedLocalTest, ExitsWrittenByMacrosDoNotCount) {
  parse(R"cpp(struct Handle { ~Handle(); };
void use(Handle &);
bool cond();
#define VERIFY(x) do { if (!(x)) return; } while (false)
void asserted() {
  Handle t;
  VERIFY(cond());
  use(t);
}
void written() {
  Handle t;
  if (!cond()) return;
  use(t);
}
)cpp");
  EXPECT_EQ(exitLine("asserted"), 0u);
  EXPECT_EQ(exitLine("written"), 12u);
}

} // namespace
} // namespace async_lint::testing
