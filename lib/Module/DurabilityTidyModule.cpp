//===- DurabilityTidyModule.cpp - The durability-* checks -----------------===//

#include "Checks/MixedDirectBufferedIoCheck.h"
#include "Checks/RenameWithoutDirFsyncCheck.h"
#include "Checks/VforkMisuseCheck.h"
#include "durcheck/Compat.h"

using namespace clang::tidy;

namespace durcheck {
namespace {

class DurabilityModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<MixedDirectBufferedIoCheck>(
        "durability-mixed-direct-buffered-io");
    CheckFactories.registerCheck<RenameWithoutDirFsyncCheck>(
        "durability-rename-without-dir-fsync");
    CheckFactories.registerCheck<VforkMisuseCheck>("durability-vfork-misuse");
  }
};

} // namespace

static ClangTidyModuleRegistry::Add<DurabilityModule>
    X("durability-module", "Checks for syscall durability misuse.");

} // namespace durcheck

// Referenced by the durcheck driver so that a static link keeps the
// registration above.
volatile int DurabilityModuleAnchorSource = 0;
