//===--- UnitResultCodec.h - a unit's result across the worker boundary ---===//

#ifndef ASYNC_LINT_DRIVER_CLI_UNITRESULTCODEC_H
#define ASYNC_LINT_DRIVER_CLI_UNITRESULTCODEC_H

#include "UnitAnalyzer.h"
#include <string>

namespace async_lint::cli {

/// A UnitResult as bytes, for a worker process to send to the supervisor: every field
/// round-trips exactly.
std::string encodeUnitResult(const UnitResult &Result);

/// The inverse of encodeUnitResult. Throws std::runtime_error on bytes it did not write.
UnitResult decodeUnitResult(const std::string &Bytes);

} // namespace async_lint::cli

#endif
