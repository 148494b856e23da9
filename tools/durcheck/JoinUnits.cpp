//===- JoinUnits.cpp - The cross-TU join over units' results --------------===//

#include "JoinUnits.h"
#include "durcheck/CrossTU/Join.h"
#include "llvm/Support/BuryPointer.h"
#include <numeric>

using namespace clang::tidy;
using namespace llvm;

namespace durcheck {
namespace {

bool sameFinding(const ClangTidyError &A, const ClangTidyError &B) {
  return A.DiagnosticName == B.DiagnosticName &&
         A.Message.FilePath == B.Message.FilePath &&
         A.Message.FileOffset == B.Message.FileOffset &&
         A.Message.Message == B.Message.Message;
}

bool findingBefore(const ClangTidyError &A, const ClangTidyError &B) {
  return std::tie(A.Message.FilePath, A.Message.FileOffset, A.DiagnosticName,
                  A.Message.Message) <
         std::tie(B.Message.FilePath, B.Message.FileOffset, B.DiagnosticName,
                  B.Message.Message);
}

clang::tooling::DiagnosticMessage toMessage(const crosstu::Message &M) {
  clang::tooling::DiagnosticMessage Out(M.Text);
  Out.FilePath = M.File;
  Out.FileOffset = M.Offset;
  for (const crosstu::Edit &E : M.Fix)
    // A check's edits never conflict; should two, the fix is dropped whole
    // rather than applied in part.
    if (llvm::Error Err = Out.Fix[E.File].add(
            clang::tooling::Replacement(E.File, E.Offset, E.Length, E.Text))) {
      llvm::consumeError(std::move(Err));
      Out.Fix.clear();
      break;
    }
  return Out;
}

// A finding the join adds, as clang-tidy would have recorded it in its unit.
ClangTidyError toError(const crosstu::Finding &F, const UnitResult &Unit) {
  ClangTidyError E(F.Check, ClangTidyError::Warning, Unit.BuildDirectory,
                   llvm::is_contained(Unit.ErrorChecks, F.Check));
  E.Message = toMessage(F.Warning);
  for (const crosstu::Message &N : F.Notes)
    E.Notes.push_back(toMessage(N));
  return E;
}

// A unit's finding as a join compares it: places and texts.
crosstu::Finding toFound(const ClangTidyError &E) {
  auto ToMessage = [](const clang::tooling::DiagnosticMessage &M) {
    return crosstu::Message{M.FilePath, M.FileOffset, M.Message, {}};
  };
  crosstu::Finding F;
  F.Check = E.DiagnosticName;
  F.Warning = ToMessage(E.Message);
  for (const clang::tooling::DiagnosticMessage &N : E.Notes)
    F.Notes.push_back(ToMessage(N));
  return F;
}

} // namespace

std::optional<UnitFindings> UnitJoin::findings(ArrayRef<UnitResult> Results,
                                               const std::vector<bool> &Changed,
                                               std::string &Error) {
  bool Fresh = Found.size() != Results.size();
  Found.resize(Results.size());
  std::vector<crosstu::UnitSections> Units;
  for (size_t I = 0; I < Results.size(); ++I) {
    const UnitResult &R = Results[I];
    bool Takes = R.Failure.empty() && R.ChecksEnabled;
    if (Fresh || Changed[I]) {
      Found[I].clear();
      if (Takes)
        for (const ClangTidyError &E : R.Findings)
          Found[I].push_back(toFound(E));
    }
    Units.push_back({R.Files, Takes ? &R.Sections : nullptr, &R.Typed,
                     R.ResultFile.empty() ? R.File : R.ResultFile, Found[I]});
  }
  crosstu::Verdicts V;
  if (!Session.join(Units,
                    Fresh ? std::vector<bool>(Results.size(), true) : Changed,
                    V, Error))
    return std::nullopt;
  UnitFindings After;
  for (const UnitResult &U : Results) {
    After.emplace_back();
    for (const ClangTidyError &E : U.Findings)
      if (!V.Dropped.count(
              {E.DiagnosticName, E.Message.FilePath, E.Message.FileOffset}))
        After.back().push_back(E);
  }
  for (const crosstu::Finding &F : V.Added)
    After[F.Unit].push_back(toError(F, Results[F.Unit]));
  return After;
}

std::optional<UnitFindings> joinedFindings(ArrayRef<UnitResult> Results,
                                           std::string &Error) {
  auto Join = std::make_unique<UnitJoin>(/*Keep=*/false);
  std::optional<UnitFindings> Out =
      Join->findings(Results, std::vector<bool>(Results.size(), true), Error);
  llvm::BuryPointer(std::move(Join));
  return Out;
}

bool applyJoin(std::vector<UnitResult> &Results, std::string &Error) {
  auto After = joinedFindings(Results, Error);
  if (!After)
    return false;
  for (size_t I = 0; I < Results.size(); ++I)
    Results[I].Findings = std::move((*After)[I]);
  return true;
}

void sortFindings(std::vector<ClangTidyError> &Findings) {
  std::vector<size_t> Order(Findings.size());
  std::iota(Order.begin(), Order.end(), 0);
  llvm::sort(Order, [&](size_t A, size_t B) {
    if (findingBefore(Findings[A], Findings[B]))
      return true;
    return !findingBefore(Findings[B], Findings[A]) && A < B;
  });
  std::vector<ClangTidyError> Sorted;
  for (size_t I : Order)
    Sorted.push_back(std::move(Findings[I]));
  Findings = std::move(Sorted);
  Findings.erase(std::unique(Findings.begin(), Findings.end(), sameFinding),
                 Findings.end());
}

} // namespace durcheck
