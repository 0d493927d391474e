//===--- CheckDocs.cpp - the check pages, built into the CLI ---------------===//

#include "CheckDocs.h"
#include "EmbeddedDocs.h"

#include <algorithm>

namespace async_lint::cli {
namespace {

bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\f' || C == '\v';
}

std::string_view trim(std::string_view S) {
  while (!S.empty() && isSpace(S.front()))
    S.remove_prefix(1);
  while (!S.empty() && isSpace(S.back()))
    S.remove_suffix(1);
  return S;
}

std::vector<std::string_view> lines(std::string_view Text) {
  std::vector<std::string_view> Lines;
  while (!Text.empty()) {
    std::size_t End = Text.find('\n');
    std::string_view Line = Text.substr(0, End);
    if (!Line.empty() && Line.back() == '\r')
      Line.remove_suffix(1);
    Lines.push_back(Line);
    Text.remove_prefix(End == std::string_view::npos ? Text.size() : End + 1);
  }
  return Lines;
}

/// The page's paragraphs of prose, each unwrapped into one line: what is left
/// without code blocks, headings and blank lines.
std::vector<std::string> proseParagraphs(std::string_view Markdown) {
  std::vector<std::string> Paragraphs;
  bool InFence = false, InParagraph = false;
  for (std::string_view Line : lines(Markdown)) {
    std::string_view Text = trim(Line);
    bool Fence = Text.starts_with("```") || Text.starts_with("~~~");
    if (Fence)
      InFence = !InFence;
    if (Fence || InFence || Text.empty() || Text.starts_with("#")) {
      InParagraph = false;
      continue;
    }
    if (!InParagraph)
      Paragraphs.emplace_back();
    else
      Paragraphs.back() += ' ';
    Paragraphs.back() += Text;
    InParagraph = true;
  }
  return Paragraphs;
}

} // namespace

std::string firstSentence(std::string_view Markdown) {
  std::string Body;
  for (std::string_view Line : lines(Markdown)) {
    if (trim(Line).empty() || Line.starts_with("#"))
      continue;
    if (!Body.empty())
      Body += ' ';
    Body += Line;
  }
  for (std::size_t I = 1; I < Body.size(); ++I)
    if (isSpace(Body[I]) && Body[I - 1] == '.')
      return Body.substr(0, I);
  return Body;
}

std::string checkDescription(const CheckDoc &Doc) {
  std::vector<std::string> Paragraphs = proseParagraphs(Doc.Markdown);
  auto Summary = std::find_if(Paragraphs.begin(), Paragraphs.end(), [&](const std::string &P) {
    return P.starts_with(Doc.Summary);
  });
  if (Summary == Paragraphs.end() || Summary + 1 == Paragraphs.end())
    return Doc.Summary;
  return Doc.Summary + "\n\n" + *(Summary + 1);
}

const std::vector<CheckDoc> &checkDocs() {
  static const std::vector<CheckDoc> Docs = [] {
    std::vector<CheckDoc> Result;
    for (std::size_t I = 0; I < detail::NumEmbeddedDocs; ++I) {
      const detail::EmbeddedDoc &Page = detail::EmbeddedDocs[I];
      Result.push_back({std::string(Page.Name), firstSentence(Page.Markdown),
                        std::string(Page.Markdown)});
    }
    std::sort(Result.begin(), Result.end(),
              [](const CheckDoc &A, const CheckDoc &B) { return A.Name < B.Name; });
    return Result;
  }();
  return Docs;
}

const CheckDoc *findCheckDoc(std::string_view Name) {
  const std::vector<CheckDoc> &Docs = checkDocs();
  auto It = std::find_if(Docs.begin(), Docs.end(),
                         [&](const CheckDoc &Doc) { return Doc.Name == Name; });
  return It == Docs.end() ? nullptr : &*It;
}

} // namespace async_lint::cli
