//===- CreateWithoutDirFsyncCheck.h - durability-create-without-dir-fsync -===//

#ifndef DURCHECK_CHECKS_CREATEWITHOUTDIRFSYNCCHECK_H
#define DURCHECK_CHECKS_CREATEWITHOUTDIRFSYNCCHECK_H

#include "Checks/RenameWithoutDirFsyncCheck.h"

namespace durcheck {

/// Finds new files whose data is fsynced but whose parent directory never
/// is, so that a crash can lose the file.
///
/// For the user-facing documentation see:
/// checks-docs/durability-create-without-dir-fsync.rst
class CreateWithoutDirFsyncCheck : public RenameWithoutDirFsyncCheck {
public:
  CreateWithoutDirFsyncCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context)
      : RenameWithoutDirFsyncCheck(Name, Context, /*Creations=*/true) {}

  /// The join over every unit's graphs with their creations, unless the
  /// rename check's judges them.
  static std::unique_ptr<crosstu::Joiner> makeJoiner();
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_CREATEWITHOUTDIRFSYNCCHECK_H
