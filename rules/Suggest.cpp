//===- Suggest.cpp - "did you mean" for unknown names in rule packs -------===//

#include "Suggest.h"

#include <algorithm>

namespace async_lint::rules {
namespace {

std::size_t editDistance(std::string_view A, std::string_view B) {
  std::vector<std::size_t> Row(B.size() + 1);
  for (std::size_t J = 0; J <= B.size(); ++J)
    Row[J] = J;
  for (std::size_t I = 1; I <= A.size(); ++I) {
    std::size_t Diagonal = Row[0];
    Row[0] = I;
    for (std::size_t J = 1; J <= B.size(); ++J) {
      std::size_t Above = Row[J];
      Row[J] = std::min({Row[J] + 1, Row[J - 1] + 1, Diagonal + (A[I - 1] != B[J - 1])});
      Diagonal = Above;
    }
  }
  return Row[B.size()];
}

} // namespace

std::string unknownName(std::string_view What, std::string_view Value,
                        const std::vector<std::string_view> &Candidates, bool AlwaysList) {
  std::string Out = "unknown " + std::string(What) + " \"" + std::string(Value) + "\"";
  if (!AlwaysList) {
    // Close means at most 2 edits, and fewer than half the name.
    std::string_view Best;
    std::size_t BestDistance = 3;
    for (std::string_view C : Candidates) {
      std::size_t D = editDistance(Value, C);
      if (D < BestDistance && D * 2 < std::max(Value.size(), C.size())) {
        Best = C;
        BestDistance = D;
      }
    }
    if (!Best.empty())
      return Out + "; did you mean \"" + std::string(Best) + "\"?";
  }
  Out += "; expected one of: ";
  for (std::size_t I = 0; I < Candidates.size(); ++I)
    Out += (I ? ", " : "") + std::string(Candidates[I]);
  return Out;
}

} // namespace async_lint::rules
