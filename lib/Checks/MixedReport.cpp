//===- MixedReport.cpp - What a mixed-I/O finding says --------------------===//

#include "Checks/MixedReport.h"

namespace durcheck::mixed {
namespace {

std::string bufferedWarning(llvm::StringRef Spelling) {
  return (Spelling + " is also opened with O_DIRECT; mixing buffered and "
                     "direct I/O on one file lets reads return stale data")
      .str();
}

/// How a direct open became direct, which its note says.
enum class DirectHow { Opened, MaybeOpened, SetByFcntl };

// The note at the direct partner of a buffered open. FdOpen says whether
// the buffered open is an open() whose flags can take O_DIRECT.
std::string directPartnerNote(llvm::StringRef Spelling, DirectHow How,
                              bool FdOpen) {
  llvm::StringRef Opened =
      How == DirectHow::Opened        ? " is opened with O_DIRECT here"
      : How == DirectHow::MaybeOpened ? " may be opened with O_DIRECT here"
                                      : "";
  std::string Head =
      How == DirectHow::SetByFcntl
          ? ("O_DIRECT is set on a descriptor of " + Spelling + " here").str()
          : (Spelling + Opened).str();
  llvm::StringRef Remedy = FdOpen ? "add O_DIRECT to the buffered open"
                                  : "open the buffered file with open() and "
                                    "O_DIRECT instead";
  return (Head + "; " + Remedy +
          " and align its buffers and offsets, or drop O_DIRECT")
      .str();
}

// A note one level down the way from a call to the open it makes.
ReportedMessage hopNote(const Program &P, const Hop &H, const ResolvedOpen &R) {
  const Program::Function &Fn = P.functions()[H.Step.Function];
  std::string Who = "'" + Fn.F->Display + "'";
  ReportedMessage M;
  M.Unit = Fn.Unit;
  if (H.Step.ViaCall) {
    M.At = Fn.F->Calls[H.Step.Index].At;
    std::optional<unsigned> Callee = P.callee(H.Step.Function, H.Step.Index);
    M.Text = Who + " opens " + H.Spelling + " through '" +
             P.functions()[*Callee].F->Display + "' here";
    return M;
  }
  const OpenSite &Open = Fn.F->Opens[H.Step.Index];
  M.At = Open.At;
  if (R.SetByFcntl && Open.SetDirect) {
    M.At = *Open.SetDirect;
    M.Text = Who + " sets O_DIRECT on a descriptor of " + H.Spelling + " here";
    return M;
  }
  switch (R.Mode) {
  case CacheMode::Buffered:
    M.Text = Who + " opens " + H.Spelling + " through the page cache here";
    break;
  case CacheMode::Direct:
    M.Text = Who + " opens " + H.Spelling + " with O_DIRECT here";
    break;
  case CacheMode::MaybeDirect:
    M.Text = Who + " may open " + H.Spelling + " with O_DIRECT here";
    break;
  }
  return M;
}

} // namespace

ReportedMixed reportMixed(const Program &P, const MixedFinding &F) {
  const ResolvedOpen &Buffered = F.Buffered, &Direct = F.Direct;
  ReportedMixed R;
  R.Warning = {Buffered.Unit, Buffered.At, bufferedWarning(Buffered.Spelling),
               std::nullopt, 0};
  R.Reportable = Buffered.Reportable;
  for (const Hop &H : Buffered.Chain)
    R.Notes.push_back(hopNote(P, H, Buffered));
  // Through wrappers, the last note says how the open became direct.
  bool OwnOpen = Direct.Chain.empty();
  DirectHow How = OwnOpen && Direct.SetByFcntl ? DirectHow::SetByFcntl
                  : Direct.Mode == CacheMode::MaybeDirect
                      ? DirectHow::MaybeOpened
                      : DirectHow::Opened;
  R.Notes.push_back(
      {Direct.Unit, OwnOpen ? Direct.DirectAt : Direct.At,
       directPartnerNote(Direct.Spelling, How, Buffered.TakesFlags),
       Buffered.AddDirect, Buffered.Unit});
  for (const Hop &H : Direct.Chain)
    R.Notes.push_back(hopNote(P, H, Direct));
  return R;
}

} // namespace durcheck::mixed
