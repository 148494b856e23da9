//===- SourceText.cpp - Lines and columns of the files findings name ------===//

#include "SourceText.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

namespace durcheck {

const SourceTexts::Text *SourceTexts::load(llvm::StringRef File) {
  auto It = Cache.find(File);
  if (It != Cache.end())
    return &It->second;
  Text T;
  if (auto Buffer =
          llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false))
    T.Contents = (*Buffer)->getBuffer().str();
  T.LineStarts.push_back(0);
  for (size_t I = 0; I < T.Contents.size(); ++I)
    if (T.Contents[I] == '\n')
      T.LineStarts.push_back(I + 1);
  return &Cache.try_emplace(File, std::move(T)).first->second;
}

Position SourceTexts::position(llvm::StringRef File, unsigned Offset) {
  const Text *T = load(File);
  if (Offset > T->Contents.size() || T->Contents.empty())
    return {};
  auto After =
      std::upper_bound(T->LineStarts.begin(), T->LineStarts.end(), Offset);
  unsigned Line = After - T->LineStarts.begin();
  unsigned Start = T->LineStarts[Line - 1];
  Position P{Line, Offset - Start + 1, 1};
  // UTF-8 continuation bytes do not start a code point.
  for (unsigned I = Start; I < Offset; ++I)
    if ((static_cast<unsigned char>(T->Contents[I]) & 0xC0) != 0x80)
      ++P.CodePointColumn;
  return P;
}

llvm::StringRef SourceTexts::line(llvm::StringRef File, unsigned Line) {
  const Text *T = load(File);
  if (Line == 0 || Line > T->LineStarts.size())
    return "";
  llvm::StringRef Rest =
      llvm::StringRef(T->Contents).drop_front(T->LineStarts[Line - 1]);
  return Rest.take_until([](char C) { return C == '\n'; }).rtrim('\r');
}

llvm::StringRef SourceTexts::contents(llvm::StringRef File) {
  return load(File)->Contents;
}

} // namespace durcheck
