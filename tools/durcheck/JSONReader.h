//===- JSONReader.h - Reads large JSON documents quickly --------*- C++ -*-===//
//
// llvm::json::parse grows each array one element at a time, and since
// json::Value's move constructor is not noexcept, every reallocation of a
// std::vector<json::Value> deep-copies the elements already read. A result
// file nests arrays six deep, so each value was copied about six times:
// a third of the time `--join` spent on postgresql-15. This reader builds
// the same values, gathering each array's elements first and moving them
// into an array of the right size.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_JSONREADER_H
#define DURCHECK_TOOLS_JSONREADER_H

#include "llvm/Support/JSON.h"
#include <optional>
#include <string>

namespace durcheck {

/// Parses Text, which must be one JSON value, as llvm::json::parse does;
/// nullopt, with why in Error, when it is not valid JSON.
std::optional<llvm::json::Value> readJSON(llvm::StringRef Text,
                                          std::string &Error);

} // namespace durcheck

#endif // DURCHECK_TOOLS_JSONREADER_H
