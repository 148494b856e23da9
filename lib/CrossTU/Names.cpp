//===- Names.cpp - What to call a function in every unit ------------------===//

#include "durcheck/CrossTU/Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Mangle.h"

using namespace clang;

namespace durcheck::crosstu {

FunctionNames::FunctionNames(ASTContext &Ctx)
    : Mangler(Ctx.createMangleContext()) {}

FunctionNames::~FunctionNames() = default;

std::string FunctionNames::operator()(const FunctionDecl &FD) const {
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
  return FD.isExternallyVisible() ? Name : "@" + Name;
}

std::string displayName(const NamedDecl &D) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&D);
      MD && MD->getParent()->isLambda())
    return "";
  if (!D.getDeclName().isIdentifier())
    return D.getNameAsString();
  std::string Name = D.getName().str();
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Name = NS->getName().str() + "::" + Name;
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Name = RD->getName().str() + "::" + Name;
    }
  }
  return Name;
}

} // namespace durcheck::crosstu
