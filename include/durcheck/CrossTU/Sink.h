//===- Sink.h - Where a check leaves what the join needs --------*- C++ -*-===//
//
// A check sees one translation unit. Under the durcheck driver it also
// leaves a section of plain data for the join over all units: summaries of
// the unit's functions, and the anchors where a finding the unit cannot make
// alone would be reported. Under clang-tidy there is no sink and the checks
// behave as they always did.
//
// The driver attaches a sink to the thread that analyses a unit, for the
// time it does: the checks are built and run on that thread, so each finds
// its unit's sink without a registry keyed by context.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CROSSTU_SINK_H
#define DURCHECK_CROSSTU_SINK_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace durcheck::crosstu {

/// A place in a unit's sources: an index into the unit's file table and the
/// byte offset of the location's file location, as clang-tidy records a
/// diagnostic's place.
struct Loc {
  unsigned File = 0;
  unsigned Offset = 0;
  bool operator==(const Loc &O) const {
    return File == O.File && Offset == O.Offset;
  }
  bool operator<(const Loc &O) const {
    return File != O.File ? File < O.File : Offset < O.Offset;
  }
};

/// An edit of a fix-it, in a unit's file table.
struct UnitEdit {
  unsigned File = 0;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

/// A warning or note, in a unit's file table.
struct UnitMessage {
  Loc At;
  std::string Text;
  std::vector<UnitEdit> Fix;
};

/// A check's section as the check built it. The join of the same process
/// reads it as it is; it is written as JSON only where a file needs it --
/// writing and reading sqlite3's rename graphs back cost 5% of its run.
class TypedSection {
public:
  virtual ~TypedSection();
  virtual llvm::json::Value toJSON() const = 0;
};

/// A unit's typed sections, by check name.
using TypedSections = llvm::StringMap<std::shared_ptr<const TypedSection>>;

class UnitSink {
public:
  virtual ~UnitSink();

  /// The sink of the unit this thread analyses, or null under clang-tidy.
  static UnitSink *current();

  /// Attaches a sink to this thread while it analyses one unit.
  class Scope {
  public:
    explicit Scope(UnitSink &Sink);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    UnitSink *Previous;
  };

  /// Where L is, in the unit's file table.
  virtual Loc locate(const clang::SourceManager &SM,
                     clang::SourceLocation L) = 0;

  /// Whether a warning of Check at L would reach the report, as clang-tidy
  /// judges it: not silenced by NOLINT, and in the main file or in a header
  /// the header filter lets through.
  virtual bool reportable(llvm::StringRef Check, const clang::SourceManager &SM,
                          clang::SourceLocation L) = 0;

  /// Leaves Check's section of plain data for the join. A check leaves at
  /// most one per unit.
  virtual void putSection(llvm::StringRef Check, llvm::json::Value Section) = 0;
  /// The same, typed: the sink keeps it so, or writes it as JSON.
  virtual void putSection(llvm::StringRef Check,
                          std::shared_ptr<const TypedSection> Section) = 0;
};

} // namespace durcheck::crosstu

#endif // DURCHECK_CROSSTU_SINK_H
