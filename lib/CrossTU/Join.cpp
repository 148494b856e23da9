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

JoinSession::JoinSession(bool Keep)
    : Joiners(durabilityChecks().size()), Keep(Keep) {}
JoinSession::~JoinSession() = default;

bool JoinSession::join(llvm::ArrayRef<UnitSections> Units,
                       const std::vector<bool> &Changed, Verdicts &Out,
                       std::string &Error) {
  if (Units.size() != this->Units)
    for (std::unique_ptr<Joiner> &J : Joiners)
      J.reset();
  this->Units = Units.size();
  std::vector<bool> All(Units.size(), true);
  for (const auto &[Check, J] : llvm::zip(durabilityChecks(), Joiners)) {
    if (!Check.MakeJoiner)
      continue;
    // A joiner made now has seen no unit.
    bool Fresh = !J;
    if (Fresh) {
      J = Check.MakeJoiner();
      if (Keep)
        J->setKept();
    }
    std::vector<UnitView> Views;
    for (const UnitSections &U : Units)
      Views.push_back({U.Files,
                       U.Sections ? U.Sections->get(Check.Name) : nullptr,
                       U.Sections, U.Typed, U.Origin, U.Found});
    bool Joined = J->join(Views, Fresh ? All : Changed, Out, Error);
    if (!Joined || !Keep)
      J.reset();
    if (!Joined) {
      Error = Check.Name.str() + ": " + Error;
      return false;
    }
  }
  return true;
}

bool joinAll(llvm::ArrayRef<UnitSections> Units, Verdicts &Out,
             std::string &Error) {
  return JoinSession(/*Keep=*/false)
      .join(Units, std::vector<bool>(Units.size(), true), Out, Error);
}

} // namespace durcheck::crosstu
