//===- Compat.h - Differences between the supported LLVM versions ---------===//
//
// Every difference between the LLVM versions durcheck builds against lives
// here, each shim marked with the version at which it can go.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_COMPAT_H
#define DURCHECK_COMPAT_H

#include "llvm/Config/llvm-config.h"

// Remove when LLVM 21 is the oldest supported version: LLVM 22 moved the
// registry into ClangTidyModule.h and deprecated ClangTidyModuleRegistry.h
// (removed in LLVM 24).
#if LLVM_VERSION_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include <memory>

namespace durcheck::compat {

// Remove when LLVM 21 is the oldest supported version: from LLVM 21 on,
// DiagnosticsEngine and TextDiagnosticPrinter take DiagnosticOptions by
// reference instead of sharing their ownership.
class DiagnosticOptionsHolder {
public:
  clang::DiagnosticOptions &get() { return *Opts; }

  std::unique_ptr<clang::DiagnosticsEngine>
  newEngine(clang::DiagnosticConsumer *Consumer, bool OwnsConsumer) {
#if LLVM_VERSION_MAJOR >= 21
    return std::make_unique<clang::DiagnosticsEngine>(
        clang::DiagnosticIDs::create(), *Opts, Consumer, OwnsConsumer);
#else
    return std::make_unique<clang::DiagnosticsEngine>(
        new clang::DiagnosticIDs(), Opts, Consumer, OwnsConsumer);
#endif
  }

  std::unique_ptr<clang::TextDiagnosticPrinter>
  newTextPrinter(llvm::raw_ostream &OS) {
#if LLVM_VERSION_MAJOR >= 21
    return std::make_unique<clang::TextDiagnosticPrinter>(OS, *Opts);
#else
    return std::make_unique<clang::TextDiagnosticPrinter>(OS, Opts.get());
#endif
  }

  // Remove when LLVM 21 is the oldest supported version: from LLVM 21 on, a
  // DiagnosticRenderer takes DiagnosticOptions by reference too.
#if LLVM_VERSION_MAJOR >= 21
  clang::DiagnosticOptions &forRenderer() { return *Opts; }
#else
  clang::DiagnosticOptions *forRenderer() { return Opts.get(); }
#endif

  // Remove when LLVM 22 is the oldest supported version: from LLVM 22 on,
  // the clang-tidy context owns the options of its diagnostics engine.
  void attachTo(clang::tidy::ClangTidyContext &Context,
                clang::DiagnosticsEngine *Engine) {
#if LLVM_VERSION_MAJOR >= 22
    Context.setDiagnosticsEngine(std::move(Opts), Engine);
#else
    Context.setDiagnosticsEngine(Engine);
#endif
  }

private:
#if LLVM_VERSION_MAJOR >= 21
  std::unique_ptr<clang::DiagnosticOptions> Opts =
      std::make_unique<clang::DiagnosticOptions>();
#else
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Opts =
      new clang::DiagnosticOptions();
#endif
};

} // namespace durcheck::compat

#endif // DURCHECK_COMPAT_H
