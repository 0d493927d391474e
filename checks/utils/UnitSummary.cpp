//===--- UnitSummary.cpp - what one translation unit tells the others -----===//

#include "UnitSummary.h"
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace clang::tidy::async::utils {
namespace {

using nlohmann::json;

/// Version of the layout below: a reader rejects any other.
constexpr int SummaryVersion = 1;

std::string relative(const std::string &File, const std::string &Root) {
  if (Root == "/" && File.size() > 1 && File[0] == '/')
    return File.substr(1);
  if (!Root.empty() && File.size() > Root.size() && File.compare(0, Root.size(), Root) == 0 &&
      File[Root.size()] == '/')
    return File.substr(Root.size() + 1);
  return File;
}

std::string absolute(const std::string &File, const std::string &Root) {
  if (Root.empty() || File.empty() || File[0] == '/')
    return File;
  return Root == "/" ? "/" + File : Root + "/" + File;
}

std::string text(const json &Object, const char *Key) {
  return Object.at(Key).get<std::string>();
}

/// A place as people write it, "src/storage.cpp:12:5", and its byte offset (and length).
void writePoint(json &Into, const SourcePoint &Point, const std::string &Root) {
  Into["at"] = relative(Point.File, Root) + ":" + std::to_string(Point.Line) + ":" +
               std::to_string(Point.Column);
  Into["offset"] = Point.Offset;
  if (Point.Length)
    Into["length"] = Point.Length;
}

SourcePoint readPoint(const json &From, const std::string &Root) {
  std::string At = text(From, "at");
  size_t ColumnColon = At.rfind(':');
  size_t LineColon = ColumnColon == std::string::npos || ColumnColon == 0
                         ? std::string::npos
                         : At.rfind(':', ColumnColon - 1);
  if (LineColon == std::string::npos)
    throw std::runtime_error("'" + At + "' is not FILE:LINE:COLUMN");
  SourcePoint Point;
  Point.File = absolute(At.substr(0, LineColon), Root);
  try {
    Point.Line = std::stoul(At.substr(LineColon + 1, ColumnColon - LineColon - 1));
    Point.Column = std::stoul(At.substr(ColumnColon + 1));
  } catch (const std::logic_error &) {
    throw std::runtime_error("'" + At + "' is not FILE:LINE:COLUMN");
  }
  Point.Offset = From.at("offset").get<unsigned>();
  Point.Length = From.value("length", 0u);
  return Point;
}

json helperJson(const HelperFacts &Helper, const std::string &Root) {
  json Entry = {{"name", Helper.Name.Described},
                {"qualified", Helper.Name.Qualified},
                {"identifier", Helper.Name.Identifier}};
  if (!Helper.Calls.empty()) {
    json &Calls = Entry["calls"] = json::array();
    for (const SummaryCall &Call : Helper.Calls) {
      json Item = {{"callee", Call.Callee}, {"name", Call.Name}};
      writePoint(Item, Call.At, Root);
      Calls.push_back(std::move(Item));
    }
  }
  if (Helper.Blocks) {
    json Block = {{"function", Helper.Blocks->Function},
                  {"reason", Helper.Blocks->Reason},
                  {"io", Helper.Blocks->IO}};
    writePoint(Block, Helper.Blocks->At, Root);
    Entry["blocks"] = std::move(Block);
  }
  return Entry;
}

HelperFacts helperFrom(const json &Entry, const std::string &Root) {
  HelperFacts Helper;
  Helper.Name = {text(Entry, "name"), text(Entry, "qualified"), text(Entry, "identifier")};
  for (const json &Item : Entry.value("calls", json::array()))
    Helper.Calls.push_back({text(Item, "callee"), Item.value("name", ""), readPoint(Item, Root)});
  if (Entry.contains("blocks")) {
    const json &Block = Entry["blocks"];
    Helper.Blocks = DirectBlock{text(Block, "function"), text(Block, "reason"),
                                Block.value("io", false), readPoint(Block, Root)};
  }
  return Helper;
}

} // namespace

void UnitSummary::add(const UnitSummary &Other) {
  for (const auto &[Key, Helper] : Other.Helpers)
    Helpers.try_emplace(Key, Helper);
  OpenCalls.insert(OpenCalls.end(), Other.OpenCalls.begin(), Other.OpenCalls.end());
  LimitedCoroutines.insert(Other.LimitedCoroutines.begin(), Other.LimitedCoroutines.end());
  Starts.insert(Starts.end(), Other.Starts.begin(), Other.Starts.end());
}

json toJson(const UnitSummary &Summary, const std::string &Root) {
  json Helpers = json::object();
  for (const auto &[Key, Helper] : Summary.Helpers)
    Helpers[Key] = helperJson(Helper, Root);
  json Result = {{"version", SummaryVersion}, {"helpers", std::move(Helpers)}};
  Result["limitedCoroutines"] = Summary.LimitedCoroutines;
  if (!Summary.OpenCalls.empty()) {
    json &Calls = Result["openCalls"] = json::array();
    for (const CoroutineCall &Call : Summary.OpenCalls) {
      json Item = {{"callee", Call.Callee},
                   {"coroutine", Call.Coroutine},
                   {"function", Call.Function},
                   {"awaitsReadiness", Call.AwaitsReadiness},
                   {"asError", Call.AsError}};
      writePoint(Item, Call.At, Root);
      Calls.push_back(std::move(Item));
    }
  }
  if (!Summary.Starts.empty()) {
    json &Starts = Result["conditionalStarts"] = json::array();
    for (const ConditionalStart &Start : Summary.Starts) {
      json Item = {{"started", Start.Started}};
      writePoint(Item, Start.At, Root);
      Starts.push_back(std::move(Item));
    }
  }
  return Result;
}

UnitSummary unitSummaryFromJson(const json &Json, const std::string &Root) {
  if (!Json.is_object() || Json.value("version", json()) != SummaryVersion)
    throw std::runtime_error("not an async-lint summary of version " +
                             std::to_string(SummaryVersion));
  try {
    UnitSummary Summary;
    for (const auto &[Key, Entry] : Json.at("helpers").items())
      Summary.Helpers.emplace(Key, helperFrom(Entry, Root));
    for (const json &Key : Json.value("limitedCoroutines", json::array()))
      Summary.LimitedCoroutines.insert(Key.get<std::string>());
    for (const json &Item : Json.value("openCalls", json::array()))
      Summary.OpenCalls.push_back({readPoint(Item, Root), text(Item, "callee"),
                                   text(Item, "coroutine"), Item.value("function", ""),
                                   Item.value("awaitsReadiness", false),
                                   Item.value("asError", false)});
    for (const json &Item : Json.value("conditionalStarts", json::array()))
      Summary.Starts.push_back({readPoint(Item, Root), text(Item, "started")});
    return Summary;
  } catch (const json::exception &Error) {
    throw std::runtime_error(std::string("malformed async-lint summary: ") + Error.what());
  }
}

} // namespace clang::tidy::async::utils
