//===- FactJoin.cpp - Findings that need more than one TU -----------------===//

#include "durcheck/Analysis/FactJoin.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include <tuple>

namespace durcheck {
namespace {

// Which functions sync a directory once the calls between TUs are followed.
llvm::StringMap<bool>
directorySyncers(llvm::ArrayRef<TranslationUnitFacts> Units) {
  llvm::StringMap<bool> Syncs;
  std::vector<const DirSyncFact *> All;
  for (const TranslationUnitFacts &U : Units)
    for (const DirSyncFact &F : U.DirSyncs) {
      All.push_back(&F);
      Syncs[F.Function] |= F.SyncsDirectory;
    }
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const DirSyncFact *F : All) {
      bool &Mine = Syncs[F->Function];
      if (Mine)
        continue;
      if (llvm::any_of(F->Callees, [&](const std::string &Callee) {
            auto It = Syncs.find(Callee);
            return It != Syncs.end() && It->second;
          }))
        Changed = Mine = true;
    }
  }
  return Syncs;
}

void dropDischargedRenames(llvm::ArrayRef<TranslationUnitFacts> Units,
                           JoinResult &Result) {
  llvm::StringMap<bool> Syncs = directorySyncers(Units);
  for (const TranslationUnitFacts &U : Units)
    for (const ConditionalRename &R : U.Renames)
      if (llvm::any_of(R.DischargedBy, [&](const std::string &Callee) {
            auto It = Syncs.find(Callee);
            return It != Syncs.end() && It->second;
          }))
        Result.Dropped.insert(R.Finding);
}

void dropSafeChildCalls(llvm::ArrayRef<TranslationUnitFacts> Units,
                        JoinResult &Result) {
  llvm::StringMap<bool> Safe;
  for (const TranslationUnitFacts &U : Units)
    for (const ChildSafetyFact &F : U.ChildSafety)
      Safe[F.Function] |= F.SafeInChild;
  for (const TranslationUnitFacts &U : Units)
    for (const ConditionalChildCall &C : U.ChildCalls)
      if (Safe.lookup(C.Callee))
        Result.Dropped.insert(C.Finding);
}

void confirmMixedCandidates(llvm::ArrayRef<TranslationUnitFacts> Units,
                            JoinResult &Result) {
  // A site in a header is seen by every TU that includes it; keep the first.
  std::set<std::tuple<std::string, unsigned, CacheMode>> Seen;
  std::vector<const OpenSiteFact *> Sites;
  std::vector<OpenFact> Opens;
  for (const TranslationUnitFacts &U : Units)
    for (const OpenSiteFact &S : U.Opens)
      if (Seen.insert({S.Site.File, S.Site.Offset, S.Fact.Mode}).second) {
        Sites.push_back(&S);
        Opens.push_back(S.Fact);
      }
  // Candidates already passed their own TU's IgnoreWriteOnlyOpens.
  for (const MixedOpen &M : findMixedOpens(Opens, /*IgnoreWriteOnly=*/false)) {
    const OpenSiteFact &Buffered = *Sites[M.Buffered];
    const OpenSiteFact &Direct = *Sites[M.Direct];
    if (!Buffered.Candidate)
      continue;
    Result.Confirmed.try_emplace(
        Buffered.Site, JoinedNote{Direct.Site.File, Direct.Site.Offset,
                                  directPartnerNote(Direct.Spelling, Direct.How,
                                                    Buffered.FdOpen),
                                  Buffered.AddDirect});
  }
}

} // namespace

JoinResult joinFacts(llvm::ArrayRef<TranslationUnitFacts> Units) {
  JoinResult Result;
  dropDischargedRenames(Units, Result);
  dropSafeChildCalls(Units, Result);
  confirmMixedCandidates(Units, Result);
  return Result;
}

} // namespace durcheck
