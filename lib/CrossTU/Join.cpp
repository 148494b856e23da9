//===- Join.cpp - Findings that need more than one translation unit -------===//

#include "durcheck/CrossTU/Join.h"
#include "durcheck/Checks.h"

namespace durcheck::crosstu {

Message UnitView::message(const UnitMessage &M) const {
  Message Out{file(M.At.File), M.At.Offset, M.Text, {}};
  for (const UnitEdit &E : M.Fix)
    Out.Fix.push_back({file(E.File), E.Offset, E.Length, E.Text});
  return Out;
}

std::string signature(const Message &Warning, llvm::ArrayRef<Message> Notes) {
  std::string S;
  auto Add = [&](const Message &M) {
    S += M.File + ":" + std::to_string(M.Offset) + ":" + M.Text + "\n";
  };
  Add(Warning);
  for (const Message &N : Notes)
    Add(N);
  return S;
}

bool joinAll(llvm::ArrayRef<UnitSections> Units, Verdicts &Out,
             std::string &Error) {
  for (const CheckEntry &Check : durabilityChecks()) {
    if (!Check.Join)
      continue;
    std::vector<UnitView> Views;
    for (const UnitSections &U : Units)
      Views.push_back({U.Files,
                       U.Sections ? U.Sections->get(Check.Name) : nullptr,
                       U.Sections, U.Origin, U.Found});
    if (!Check.Join(Views, Out, Error)) {
      Error = Check.Name.str() + ": " + Error;
      return false;
    }
  }
  return true;
}

} // namespace durcheck::crosstu
