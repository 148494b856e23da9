//===- Names.h - What to call a function in every unit ----------*- C++ -*-===//

#ifndef DURCHECK_CROSSTU_NAMES_H
#define DURCHECK_CROSSTU_NAMES_H

#include <memory>
#include <string>

namespace clang {
class ASTContext;
class FunctionDecl;
class MangleContext;
class NamedDecl;
} // namespace clang

namespace durcheck::crosstu {

/// Names a function the same way in every translation unit: by its mangled
/// name (the plain name in C). A function of internal linkage is another
/// function in every unit; its name begins with '@', and the join keeps
/// such names apart per unit.
class FunctionNames {
public:
  explicit FunctionNames(clang::ASTContext &Ctx);
  ~FunctionNames();
  std::string operator()(const clang::FunctionDecl &FD) const;

private:
  std::unique_ptr<clang::MangleContext> Mangler;
};

/// The name a message gives a declaration: qualified, without inline and
/// anonymous namespaces ("Env::RenameFile", "commit_lock"); empty for a
/// lambda's call operator, which has none.
std::string displayName(const clang::NamedDecl &D);

} // namespace durcheck::crosstu

#endif // DURCHECK_CROSSTU_NAMES_H
