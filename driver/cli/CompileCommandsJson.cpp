//===--- CompileCommandsJson.cpp - why a compile_commands.json is malformed ===//

#include "CompileCommandsJson.h"
#include <cctype>
#include <nlohmann/json.hpp>

namespace async_lint::cli {
namespace {

using nlohmann::json;

/// "LINE:COLUMN" (1-based) of a byte offset.
std::string lineAndColumn(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  llvm::StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  size_t Column = LineStart == llvm::StringRef::npos ? Offset + 1 : Offset - LineStart;
  return std::to_string(Before.count('\n') + 1) + ":" + std::to_string(Column);
}

/// Where each element of the top-level array begins (Text is valid json).
std::vector<size_t> elementOffsets(llvm::StringRef Text) {
  std::vector<size_t> Offsets;
  int Depth = 0;
  bool InString = false, ElementNext = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (ElementNext && !std::isspace(static_cast<unsigned char>(C))) {
      Offsets.push_back(I);
      ElementNext = false;
    }
    if (C == '"')
      InString = true;
    else if (C == '[' || C == '{')
      ElementNext = ++Depth == 1 && C == '[';
    else if (C == ']' || C == '}')
      --Depth;
    else if (C == ',' && Depth == 1)
      ElementNext = true;
  }
  return Offsets;
}

std::string a(const json &Value) {
  std::string Type = Value.type_name();
  return (Type == "object" || Type == "array" ? "an " : "a ") + Type;
}

/// What is wrong with one entry, as clang's reader would refuse it.
std::optional<std::string> entryProblem(const json &Entry) {
  if (!Entry.is_object())
    return "a compile command must be an object, got " + a(Entry);
  for (const auto &[Key, Value] : Entry.items()) {
    if (Key == "arguments") {
      if (!Value.is_array() ||
          !std::all_of(Value.begin(), Value.end(), [](const json &A) { return A.is_string(); }))
        return "\"arguments\" must be an array of strings, got " + a(Value);
    } else if (Key == "directory" || Key == "file" || Key == "command" || Key == "output") {
      if (!Value.is_string())
        return "\"" + Key + "\" must be a string, got " + a(Value);
    } else {
      return "unknown key \"" + Key + "\"; expected directory, file, command, arguments or output";
    }
  }
  if (!Entry.contains("file"))
    return std::string("missing \"file\"");
  if (!Entry.contains("command") && !Entry.contains("arguments"))
    return std::string("missing \"command\" or \"arguments\"");
  if (!Entry.contains("directory"))
    return std::string("missing \"directory\"");
  return std::nullopt;
}

} // namespace

std::optional<std::string> compileCommandsProblem(llvm::StringRef Text) {
  json Database;
  try {
    Database = json::parse(Text.begin(), Text.end());
  } catch (const json::parse_error &Error) {
    // what() is "[json.exception.parse_error.101] parse error at line 1, column 2: PROBLEM".
    std::string Problem = Error.what();
    size_t Colon = Problem.find(": ", Problem.find("parse error"));
    if (Colon != std::string::npos)
      Problem = Problem.substr(Colon + 2);
    return lineAndColumn(Text, Error.byte ? Error.byte - 1 : 0) + ": " + Problem;
  }
  size_t Start = Text.size() - Text.ltrim().size();
  if (!Database.is_array())
    return lineAndColumn(Text, Start) + ": expected an array of compile commands, got " +
           a(Database);
  std::vector<size_t> Offsets = elementOffsets(Text);
  for (size_t I = 0; I < Database.size(); ++I)
    if (std::optional<std::string> Problem = entryProblem(Database[I]))
      return lineAndColumn(Text, I < Offsets.size() ? Offsets[I] : Start) + ": " + *Problem;
  return std::nullopt;
}

} // namespace async_lint::cli
