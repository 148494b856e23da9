//===- OptionValues.cpp - Reading the values of check options -------------===//

#include "Checks/OptionValues.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/Basic/CharInfo.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace durcheck {

// Identifiers joined by "::".
static bool isFunctionName(llvm::StringRef Name) {
  for (llvm::StringRef Part : llvm::split(Name, "::"))
    if (Part.empty() || clang::isDigit(Part.front()) ||
        !llvm::all_of(
            Part, [](char C) { return clang::isAsciiIdentifierContinue(C); }))
      return false;
  return !Name.empty();
}

std::vector<std::string>
functionNames(llvm::StringRef Value,
              llvm::function_ref<void(llvm::StringRef Entry)> Invalid) {
  std::vector<std::string> Out;
  for (llvm::StringRef F :
       clang::tidy::utils::options::parseStringList(Value)) {
    if (isFunctionName(F))
      Out.push_back(F.str());
    else
      Invalid(F);
  }
  return Out;
}

} // namespace durcheck
