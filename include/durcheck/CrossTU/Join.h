//===- Join.h - Findings that need more than one translation unit -*- C++ -*-//
//
// After every unit has run, each check joins the sections its units left:
// it propagates its summaries over the whole program and compares what it
// finds with what each unit found alone. Its verdicts drop findings a unit
// got wrong and add findings no unit could make, rendered from the data the
// unit left at the finding's anchor. The driver applies the verdicts without
// knowing any check's data.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CROSSTU_JOIN_H
#define DURCHECK_CROSSTU_JOIN_H

#include "durcheck/CrossTU/Sink.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Parallel.h"
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace durcheck::crosstu {

/// A finding as clang-tidy records it: its check, and the file name and
/// byte offset of its warning.
struct FindingKey {
  std::string Check;
  std::string File;
  unsigned Offset = 0;
  bool operator<(const FindingKey &O) const {
    return std::tie(File, Offset, Check) < std::tie(O.File, O.Offset, O.Check);
  }
  bool operator==(const FindingKey &O) const {
    return std::tie(File, Offset, Check) == std::tie(O.File, O.Offset, O.Check);
  }
};

/// An edit of a fix-it, in absolute file names.
struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

/// A warning or note: where, what it says, and the fix it carries.
struct Message {
  std::string File;
  unsigned Offset = 0;
  std::string Text;
  std::vector<Edit> Fix;
};

/// A finding a join adds, for the report of the unit it belongs to.
struct Finding {
  std::string Check;
  /// The unit whose configuration (warnings as errors) applies.
  size_t Unit = 0;
  Message Warning;
  std::vector<Message> Notes;
};

/// The finding a join adds for a check's report R, made over the units
/// Present (R's unit numbers index it), with ToMessage converting each of
/// R's warning and notes.
template <typename Report, typename ToMessageFn>
Finding addedFinding(llvm::StringRef Check, const Report &R,
                     llvm::ArrayRef<unsigned> Present, ToMessageFn ToMessage) {
  Finding Added;
  Added.Check = Check.str();
  Added.Unit = Present[R.Warning.Unit];
  Added.Warning = ToMessage(R.Warning);
  for (const auto &Note : R.Notes)
    Added.Notes.push_back(ToMessage(Note));
  return Added;
}

/// What one unit left for the join of one check.
struct UnitView {
  /// The unit's file table, absolute, by index.
  llvm::ArrayRef<std::string> Files;
  /// The check's section, or null when the unit left none (the check was
  /// not enabled, or found nothing worth leaving).
  const llvm::json::Value *Section = nullptr;
  /// Every check's section: one check's may hold data for another.
  const llvm::json::Object *Sections = nullptr;
  /// The sections a unit of this process left typed, which Sections then
  /// does not hold; null when none.
  const TypedSections *Typed = nullptr;
  /// What an error names the unit by: its result file, or its source.
  llvm::StringRef Origin;
  /// What the unit reported on its own, of every check, fixes left out:
  /// what a join compares the whole program's findings with.
  llvm::ArrayRef<Finding> Found;

  const std::string &file(unsigned Index) const { return Files[Index]; }
  /// M, with its places in absolute file names.
  Message message(const UnitMessage &M) const;
};

/// Reads the section of each unit that Changed marks, on the threads of
/// llvm::parallel::strategy: converting a large program's sections is much
/// of its first join. Out gets each such unit with what was read, null
/// where the unit left no section; Read(View, Section, Into, Why) converts
/// one. On failure Error gets the first unit's reason, prefixed by What and
/// the unit's name.
template <typename T, typename SectionFn, typename ReadFn>
bool readSections(llvm::ArrayRef<UnitView> Units,
                  const std::vector<bool> &Changed, SectionFn SectionOf,
                  ReadFn Read, llvm::StringRef What,
                  std::vector<std::pair<unsigned, std::unique_ptr<T>>> &Out,
                  std::string &Error) {
  Out.clear();
  for (unsigned U = 0; U < Units.size(); ++U)
    if (Changed[U])
      Out.emplace_back(U, nullptr);
  std::vector<std::string> Why(Out.size());
  llvm::parallelFor(0, Out.size(), [&](size_t I) {
    const UnitView &View = Units[Out[I].first];
    if (const llvm::json::Value *Section = SectionOf(View)) {
      Out[I].second = std::make_unique<T>();
      if (!Read(View, *Section, *Out[I].second, Why[I]) && Why[I].empty())
        Why[I] = "unreadable";
    }
  });
  for (size_t I = 0; I < Out.size(); ++I)
    if (!Why[I].empty()) {
      Error = What.str() + " in " + Units[Out[I].first].Origin.str() + ": " +
              Why[I];
      return false;
    }
  return true;
}

struct Verdicts {
  /// Findings that do not hold once every unit is known.
  std::set<FindingKey> Dropped;
  /// Findings no unit made alone.
  std::vector<Finding> Added;
};

/// A finding's places and texts, fixes aside: whether a unit's own
/// finding and the whole program's say the same.
std::string signature(const Message &Warning, llvm::ArrayRef<Message> Notes);

/// A check's join, kept while the same units are joined again as some of
/// them change (the language server's): it keeps what it read and derived
/// of the others.
class Joiner {
public:
  virtual ~Joiner() = default;
  /// Joins Units and adds the verdicts to Out. Changed[U] is false for a
  /// unit whose view is that of the last call, which had as many units. A
  /// section it cannot read is an error, given as a message; the join then
  /// returns false, and keeps nothing the next call could trust.
  virtual bool join(llvm::ArrayRef<UnitView> Units,
                    const std::vector<bool> &Changed, Verdicts &Out,
                    std::string &Error) = 0;
  /// Tells the joiner that it is run again as units change.
  void setKept() { Kept = true; }

protected:
  /// Whether it is run again: only then is it worth keeping more of what
  /// it reads than one join needs.
  bool Kept = false;
};

/// What one analysed unit left: its file table, its checks' sections and
/// its own findings. A unit with no sections takes no part.
struct UnitSections {
  llvm::ArrayRef<std::string> Files;
  const llvm::json::Object *Sections = nullptr;
  const TypedSections *Typed = nullptr;
  llvm::StringRef Origin;
  llvm::ArrayRef<Finding> Found;
};

/// Every check's join over the same units, run again as they change.
class JoinSession {
public:
  /// Keep: whether the joins keep what they read for the next run; a
  /// session run once frees each check's as soon as its join is done.
  explicit JoinSession(bool Keep = true);
  ~JoinSession();
  /// Runs the join of every check over the units, in their order; Changed
  /// as for Joiner::join. Returns false, with the reason in Error, when a
  /// section cannot be read.
  bool join(llvm::ArrayRef<UnitSections> Units,
            const std::vector<bool> &Changed, Verdicts &Out,
            std::string &Error);

private:
  /// By check; null until its first join, and after a join that failed.
  std::vector<std::unique_ptr<Joiner>> Joiners;
  const bool Keep;
  size_t Units = 0;
};

/// Runs the join of every check over the units once.
bool joinAll(llvm::ArrayRef<UnitSections> Units, Verdicts &Out,
             std::string &Error);

} // namespace durcheck::crosstu

#endif // DURCHECK_CROSSTU_JOIN_H
