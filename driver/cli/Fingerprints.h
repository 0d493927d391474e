//===--- Fingerprints.h - finding identities that survive edits -----------===//

#ifndef ASYNC_LINT_DRIVER_CLI_FINGERPRINTS_H
#define ASYNC_LINT_DRIVER_CLI_FINGERPRINTS_H

#include "Finding.h"
#include "Paths.h"
#include "SourceFiles.h"

namespace async_lint::cli {

/// Gives every finding its Fingerprint and LineHash. The fingerprint hashes the check, the
/// file relative to Root, the enclosing function and the flagged line's text without
/// whitespace (never a line number), plus the occurrence among findings that share all
/// four: lines added elsewhere, or the project checked out elsewhere, keep it.
void assignFingerprints(std::vector<Finding> &Findings, const std::string &Root,
                        SourceFiles &Sources);

/// 64-bit FNV-1a as 16 hex digits: stable across platforms and compilers.
std::string stableHash(const std::string &Text);

} // namespace async_lint::cli

#endif
