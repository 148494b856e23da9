//===- Join.cpp - Findings that need more than one translation unit -------===//

#include "durcheck/CrossTU/Join.h"
#include "durcheck/Checks.h"

namespace durcheck::crosstu {

bool joinAll(llvm::ArrayRef<UnitSections> Units, Verdicts &Out,
             std::string &Error) {
  for (const CheckEntry &Check : durabilityChecks()) {
    if (!Check.Join)
      continue;
    std::vector<UnitView> Views;
    for (const UnitSections &U : Units)
      Views.push_back({U.Files,
                       U.Sections ? U.Sections->get(Check.Name) : nullptr,
                       U.Origin});
    if (!Check.Join(Views, Out, Error)) {
      Error = Check.Name.str() + ": " + Error;
      return false;
    }
  }
  return true;
}

} // namespace durcheck::crosstu
