//===--- SourceLanguage.cpp - which compile commands compile C++ ----------===//

#include "SourceLanguage.h"
#include "Paths.h"
#include "clang/Driver/Driver.h"
#include "clang/Driver/Types.h"
#include "llvm/Support/Path.h"

namespace async_lint::cli {
namespace {

namespace types = clang::driver::types;

/// The language that a `-x` (or cl's `/TP`, `/TC`) argument at Args[I] sets, with I moved
/// past its value; nullopt if Args[I] sets none. TY_INVALID is `-x none`: by extension again.
std::optional<types::ID> languageOption(const std::vector<std::string> &Args, size_t &I,
                                        bool ClMode) {
  llvm::StringRef Arg = Args[I];
  std::optional<std::string> Name;
  if ((Arg == "-x" || Arg == "--language") && I + 1 < Args.size())
    Name = Args[++I];
  else if (Arg.consume_front("--language=") || (Arg.size() > 2 && Arg.consume_front("-x")))
    Name = Arg.str();
  else if (ClMode && (Arg == "/TP" || Arg == "-TP"))
    return types::TY_CXX;
  else if (ClMode && (Arg == "/TC" || Arg == "-TC"))
    return types::TY_C;
  if (!Name)
    return std::nullopt;
  if (*Name == "none")
    return types::TY_INVALID;
  types::ID Language = types::lookupTypeForTypeSpecifier(Name->c_str());
  return Language == types::TY_INVALID ? types::TY_Nothing : Language; // unknown: not C++
}

bool isInput(llvm::StringRef Arg, const clang::tooling::CompileCommand &Command) {
  return Arg == Command.Filename || joinedPath(Arg.str(), Command.Directory) ==
                                        joinedPath(Command.Filename, Command.Directory);
}

} // namespace

bool compilesCxx(const clang::tooling::CompileCommand &Command) {
  const std::vector<std::string> &Args = Command.CommandLine;
  std::vector<const char *> Argv;
  for (const std::string &Arg : Args)
    Argv.push_back(Arg.c_str());
  llvm::StringRef Mode =
      clang::driver::getDriverMode(Args.empty() ? "" : Args.front(), Argv);
  bool ClMode = clang::driver::IsClangCL(Mode);

  types::ID Forced = types::TY_INVALID; // the last -x before the file, or the last of all
  for (size_t I = 1; I < Args.size(); ++I) {
    if (isInput(Args[I], Command))
      break;
    if (std::optional<types::ID> Language = languageOption(Args, I, ClMode))
      Forced = *Language;
  }
  if (Forced != types::TY_INVALID)
    return types::isCXX(Forced);

  llvm::StringRef Extension = llvm::sys::path::extension(Command.Filename);
  types::ID ByExtension = types::lookupTypeForExtension(Extension.drop_front());
  if (Mode == "g++") // clang++ and g++ compile C files as C++
    ByExtension = types::lookupCXXTypeForCType(ByExtension);
  return ByExtension != types::TY_INVALID && types::isCXX(ByExtension);
}

} // namespace async_lint::cli
