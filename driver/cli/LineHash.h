//===--- LineHash.h - GitHub's primaryLocationLineHash, computed locally ---===//
//
// GitHub code scanning identifies an alert across commits by
// partialFingerprints.primaryLocationLineHash. github/codeql-action fills it in
// (src/fingerprints.ts) for results that lack it, and only warns when a result
// carries a different value; computing it here keeps alerts stable for uploads
// that do not go through codeql-action, and must give the very same strings.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_LINEHASH_H
#define ASYNC_LINT_DRIVER_CLI_LINEHASH_H

#include <string>
#include <string_view>
#include <vector>

namespace async_lint::cli {

/// The hash of every line of FileText (UTF-8), index 0 = line 1, as
/// "<hex>:<n>" where n counts earlier lines with the same hex. Lines are
/// counted as fingerprints.ts counts them: CR, LF and CRLF each end a line, and
/// a file ending in a newline has one more (empty) line after it.
std::vector<std::string> primaryLocationLineHashes(std::string_view FileText);

} // namespace async_lint::cli

#endif
