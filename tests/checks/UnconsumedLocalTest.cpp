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

} // namespace
} // namespace async_lint::testing
