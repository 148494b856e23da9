//===- DurabilityTidyModule.cpp - The durability-* checks -----------------===//

#include "Checks/MixedDirectBufferedIoCheck.h"
#include "Checks/RenameWithoutDirFsyncCheck.h"
#include "Checks/VforkMisuseCheck.h"
#include "durcheck/Checks.h"
#include "durcheck/Compat.h"

using namespace clang::tidy;

namespace durcheck {
namespace {

template <typename Check>
std::unique_ptr<ClangTidyCheck> make(llvm::StringRef Name,
                                     ClangTidyContext *Context) {
  return std::make_unique<Check>(Name, Context);
}

// One line per check, sorted by name.
const CheckEntry Entries[] = {
    {"durability-mixed-direct-buffered-io", make<MixedDirectBufferedIoCheck>,
     &MixedDirectBufferedIoCheck::join},
    {"durability-rename-without-dir-fsync", make<RenameWithoutDirFsyncCheck>,
     &RenameWithoutDirFsyncCheck::join},
    {"durability-vfork-misuse", make<VforkMisuseCheck>,
     &VforkMisuseCheck::join},
};

class DurabilityModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    for (const CheckEntry &E : Entries)
      CheckFactories.registerCheckFactory(E.Name, E.Make);
  }
};

} // namespace

llvm::ArrayRef<CheckEntry> durabilityChecks() { return Entries; }

static ClangTidyModuleRegistry::Add<DurabilityModule>
    X("durability-module", "Checks for syscall durability misuse.");

} // namespace durcheck

// Referenced by the durcheck driver so that a static link keeps the
// registration above.
volatile int DurabilityModuleAnchorSource = 0;
