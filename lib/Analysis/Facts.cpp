//===- Facts.cpp - What checks hand the driver for the join ---------------===//

#include "durcheck/Facts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Mangle.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <mutex>
#include <tuple>

using namespace clang;

namespace durcheck {

bool FindingKey::operator<(const FindingKey &O) const {
  return std::tie(File, Offset, Check) < std::tie(O.File, O.Offset, O.Check);
}

bool FindingKey::operator==(const FindingKey &O) const {
  return std::tie(File, Offset, Check) == std::tie(O.File, O.Offset, O.Check);
}

FindingKey findingKey(llvm::StringRef Check, const SourceManager &SM,
                      SourceLocation Loc) {
  // clang-tidy records a diagnostic at the file location of its macro
  // expansion, named as the source manager names the file.
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  return {Check.str(), SM.getFilename(FileLoc).str(),
          SM.getFileOffset(FileLoc)};
}

CrossTUNames::CrossTUNames(ASTContext &Ctx)
    : Mangler(Ctx.createMangleContext()) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    MainFile = Main->getName().str();
}

CrossTUNames::~CrossTUNames() = default;

std::string CrossTUNames::operator()(const FunctionDecl &FD) const {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  if (FD.isDependentContext())
    OS << FD.getQualifiedNameAsString();
  else if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    Mangler->mangleName(GlobalDecl(Ctor, Ctor_Complete), OS);
  else if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(&FD))
    Mangler->mangleName(GlobalDecl(Dtor, Dtor_Complete), OS);
  else if (!FD.getIdentifier() || Mangler->shouldMangleDeclName(&FD))
    Mangler->mangleName(GlobalDecl(&FD), OS);
  else
    OS << FD.getName();
  OS.flush();
  // Another TU's function of the same name is another function.
  if (!FD.isExternallyVisible())
    return MainFile + ":" + Name;
  return Name;
}

namespace {

struct Registry {
  std::mutex Lock;
  llvm::DenseMap<const tidy::ClangTidyContext *, TranslationUnitFacts *> Sinks;
};

Registry &registry() {
  static Registry R;
  return R;
}

} // namespace

TranslationUnitFacts *FactSink::of(const tidy::ClangTidyContext *Ctx) {
  Registry &R = registry();
  std::lock_guard<std::mutex> Guard(R.Lock);
  return R.Sinks.lookup(Ctx);
}

FactSink::FactSink(const tidy::ClangTidyContext &Ctx,
                   TranslationUnitFacts &Facts)
    : Ctx(Ctx) {
  Registry &R = registry();
  std::lock_guard<std::mutex> Guard(R.Lock);
  R.Sinks[&Ctx] = &Facts;
}

FactSink::~FactSink() {
  Registry &R = registry();
  std::lock_guard<std::mutex> Guard(R.Lock);
  R.Sinks.erase(&Ctx);
}

} // namespace durcheck
