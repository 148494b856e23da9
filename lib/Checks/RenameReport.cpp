//===- RenameReport.cpp - What a rename finding says ----------------------===//

#include "Checks/RenameReport.h"
#include "durcheck/Model/PathKey.h"
#include "llvm/Support/FormatVariadic.h"
#include <cassert>

namespace durcheck::rename {
namespace {

std::string warningText(const UnsyncedRename &F) {
  const std::string &Dest = F.Destination.Spelled.Message;
  std::string By = F.Via.empty() ? "" : " by '" + F.Via + "'";
  if (F.Creation)
    return "creation of " + (Dest.empty() ? "a new file" : Dest) + By +
           " is not durable until its parent directory is fsynced; after a "
           "crash the file can be missing, fsynced data and all";
  if (Dest.empty())
    return "rename" + By +
           " is not durable until the parent directory of its destination is "
           "fsynced; a crash can undo it";
  return "rename to " + Dest + By +
         " is not durable until its parent directory is fsynced; a crash can "
         "undo it";
}

// "'commit_lock_to' renames 'lk->tmp' to 'path' here", with what cannot
// be named left out.
std::string hopText(const Program &P, const Hop &H, bool Creation) {
  const std::string &Name = P.functions()[H.Function].Graph->Display;
  const std::string &Src = H.Source.Message, &Dst = H.Destination.Message;
  std::string What = Src.empty() ? "a file" : Src;
  if (!Dst.empty())
    What += " to " + Dst;
  return (Name.empty() ? "the lambda" : "'" + Name + "'") +
         (Creation ? " creates " : " renames ") + What + " here";
}

// "this syncs the directory ".", but "data/f" is in "data"": only two
// literal paths tell a directory from another.
std::string otherDirectoryText(const UnsyncedRename &F) {
  const SyncedDirectory &Dir = F.Other->Directory;
  std::optional<std::string> Parent =
      model::literalDirectory(F.Destination.Value.Name, /*Parent=*/true);
  // The analysis sets Other only where both directories are known.
  assert(Parent && "another directory of a destination with no parent");
  std::string Synced = Dir.Value.Spelled.Message;
  return (Dir.ParentOf ? "this syncs the directory of " + Synced
                       : "this syncs the directory " + Synced) +
         ", but " + F.Destination.Spelled.Message + " is in " + quoteC(*Parent);
}

// Includes that go at one place are one insertion: two insertions at one
// offset are order-dependent, which a fix may not hold.
void addInsertion(std::vector<crosstu::UnitEdit> &Edits,
                  crosstu::UnitEdit Include) {
  for (crosstu::UnitEdit &E : Edits)
    if (E.File == Include.File && E.Offset == Include.Offset && E.Length == 0) {
      E.Text += Include.Text;
      return;
    }
  Edits.push_back(std::move(Include));
}

} // namespace

ReportedRename reportRename(const Program &P, const UnsyncedRename &F,
                            IncludeSource Includes) {
  const Program::Function &Fn = P.functions()[F.Function];
  const UnitGraphs &Unit = P.unit(Fn.Unit);
  const Anchor &At = Fn.Graph->Anchors[F.Anchor];
  ReportedRename R;
  R.Reportable = F.Creation ? At.CreationReportable : At.Reportable;
  R.Warning = {Fn.Unit, At.At, warningText(F), {}};
  // The sync of another directory comes before the function leaves.
  if (F.Other) {
    const Program::Function &SyncFn = P.functions()[F.Other->Function];
    R.Notes.push_back({SyncFn.Unit,
                       SyncFn.Graph->Anchors[F.Other->Anchor].At,
                       otherDirectoryText(F),
                       {}});
  }
  const Leave &Leaves = *Fn.Graph->Blocks[F.LeavesFrom].LeavesHere;
  R.Notes.push_back({Fn.Unit,
                     Leaves.At,
                     Leaves.Kind == LeaveKind::Return
                         ? "the function returns here without fsyncing the "
                           "directory"
                         : "the function ends here without fsyncing the "
                           "directory",
                     {}});
  for (const Hop &H : F.Chain) {
    const Program::Function &HopFn = P.functions()[H.Function];
    R.Notes.push_back({HopFn.Unit,
                       HopFn.Graph->Anchors[H.Anchor].At,
                       hopText(P, H, F.Creation),
                       {}});
  }
  std::optional<ComposedFix> Fix =
      composeFix(At, {F.Destination, F.DirFd, F.DirFdConstant},
                 Unit.DirSyncFunction, Unit.CPlusPlus17);
  std::vector<crosstu::UnitEdit> Edits;
  if (Fix) {
    Edits = Fix->Edits;
    for (const std::string &Header : Fix->Headers)
      if (std::optional<crosstu::UnitEdit> Include =
              Includes(Fn.Unit, At.At.File, Header))
        addInsertion(Edits, std::move(*Include));
  }
  if (Fix && Fix->OnWarning) {
    R.Warning.Fix = std::move(Edits);
    return R;
  }
  std::string Advice = F.Creation
                           ? "fsync the parent directory after the file is "
                             "created"
                           : "fsync the parent directory after the rename "
                             "succeeds";
  R.Notes.push_back({Fn.Unit, At.At,
                     Fix ? Advice
                         : Advice + "; a directory fd opened with O_DIRECTORY, "
                                    "or a helper named in DirSyncFunctions, "
                                    "will do",
                     std::move(Edits)});
  return R;
}

} // namespace durcheck::rename
