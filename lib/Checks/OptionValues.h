//===- OptionValues.h - Reading the values of check options -----*- C++ -*-===//

#ifndef DURCHECK_CHECKS_OPTIONVALUES_H
#define DURCHECK_CHECKS_OPTIONVALUES_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace durcheck {

/// The function names of a ';'-separated option value, plain or qualified.
/// Each entry that is not one is passed to Invalid, for the check to
/// report with the option's name, and left out.
std::vector<std::string>
functionNames(llvm::StringRef Value,
              llvm::function_ref<void(llvm::StringRef Entry)> Invalid);

} // namespace durcheck

#endif // DURCHECK_CHECKS_OPTIONVALUES_H
