//===- AccessPath.cpp - Values in terms a caller can map ------------------===//

#include "durcheck/Analysis/AccessPath.h"
#include "durcheck/CrossTU/Encoding.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <cstdio>
#include <tuple>

namespace json = llvm::json;

namespace durcheck {

llvm::StringRef FieldStep::name() const {
  llvm::StringRef Full(Id);
  size_t Colons = Full.rfind("::");
  return Colons == llvm::StringRef::npos ? Full : Full.drop_front(Colons + 2);
}

bool AccessPath::sameFileOrHandle(const AccessPath &O) const {
  if (!known() || !O.known())
    return false;
  if (*this == O)
    return true;
  return sameRoot(O) && (!Fields.empty() || !O.Fields.empty());
}

bool AccessPath::operator<(const AccessPath &O) const {
  auto Ids = [](const AccessPath &P) {
    std::vector<llvm::StringRef> Out;
    for (const FieldStep &F : P.Fields)
      Out.push_back(F.Id);
    return Out;
  };
  return std::make_tuple(Root, Index, llvm::StringRef(Name), Ids(*this)) <
         std::make_tuple(O.Root, O.Index, llvm::StringRef(O.Name), Ids(O));
}

//===-- JSON: compact arrays, since result files hold many of them --------===//

static constexpr char RootCodes[] = "uptlgsm";

json::Value toJSON(const AccessPath &P) {
  // An element at a variable index is a local named by its array and index.
  if (P.Root == AccessPath::Local && !P.Name.empty())
    return json::Array{"e", json::fixUTF8(P.Name)};
  json::Array A{std::string(1, RootCodes[P.Root])};
  switch (P.Root) {
  case AccessPath::Param:
  case AccessPath::Local:
    A.push_back(int64_t(P.Index));
    break;
  case AccessPath::Global:
  case AccessPath::Literal:
  case AccessPath::Macro:
    A.push_back(json::fixUTF8(P.Name));
    break;
  case AccessPath::Unknown:
  case AccessPath::This:
    break;
  }
  for (const FieldStep &F : P.Fields)
    A.push_back((F.Arrow ? ">" : ".") + F.Id);
  return A;
}

bool fromJSON(const json::Value &V, AccessPath &P, json::Path Path) {
  const json::Array *A = V.getAsArray();
  std::optional<llvm::StringRef> Code =
      A && !A->empty() ? (*A)[0].getAsString() : std::nullopt;
  if (Code == llvm::StringRef("e") && A->size() == 2 && (*A)[1].getAsString()) {
    P = AccessPath();
    P.Root = AccessPath::Local;
    P.Name = (*A)[1].getAsString()->str();
    return true;
  }
  size_t Kind = Code && Code->size() == 1
                    ? llvm::StringRef(RootCodes).find(Code->front())
                    : llvm::StringRef::npos;
  if (Kind == llvm::StringRef::npos) {
    Path.report("expected an access path");
    return false;
  }
  P = AccessPath();
  P.Root = static_cast<AccessPath::RootKind>(Kind);
  size_t Next = 1;
  if (P.Root == AccessPath::Param || P.Root == AccessPath::Local) {
    std::optional<int64_t> Index =
        A->size() > 1 ? (*A)[1].getAsInteger() : std::nullopt;
    if (!Index || *Index < 0) {
      Path.report("expected an index");
      return false;
    }
    P.Index = unsigned(*Index);
    Next = 2;
  } else if (P.Root == AccessPath::Global || P.Root == AccessPath::Literal ||
             P.Root == AccessPath::Macro) {
    std::optional<llvm::StringRef> Name =
        A->size() > 1 ? (*A)[1].getAsString() : std::nullopt;
    if (!Name) {
      Path.report("expected a name");
      return false;
    }
    P.Name = Name->str();
    Next = 2;
  }
  for (size_t I = Next; I < A->size(); ++I) {
    std::optional<llvm::StringRef> Step = (*A)[I].getAsString();
    if (!Step || Step->size() < 2 ||
        !llvm::is_contained({'>', '.'}, (*Step)[0])) {
      Path.report("expected a field");
      return false;
    }
    P.Fields.push_back({Step->drop_front().str(), Step->front() == '>'});
  }
  return true;
}

// What a message calls a value, when the code and the literal tell it.
static std::string derivedMessage(const Spelling &S) {
  return S.Literal ? quoteC(*S.Literal) : quoteForMessage(S.Code);
}

json::Value toJSON(const Spelling &S) {
  crosstu::Record O;
  // A literal written plainly is its own code.
  if (!S.Code.empty() && !(S.Literal && S.Code == quoteC(*S.Literal)))
    O.add("c", json::fixUTF8(S.Code));
  std::string Flags =
      std::string(S.Pure ? "p" : "") + (S.CharPointer ? "c" : "");
  if (!Flags.empty())
    O.add("f", Flags);
  if (S.Literal)
    O.add("l", json::fixUTF8(*S.Literal));
  if (S.Message != derivedMessage(S))
    O.add("m", json::fixUTF8(S.Message));
  return O.take();
}

bool fromJSON(const json::Value &V, Spelling &S, json::Path Path) {
  std::optional<crosstu::RecordView> O = crosstu::RecordView::of(V);
  if (!O) {
    Path.report("expected a spelling");
    return false;
  }
  S = Spelling();
  llvm::StringRef Flags = O->getString("f").value_or("");
  S.Pure = Flags.contains('p');
  S.CharPointer = Flags.contains('c');
  if (auto L = O->getString("l"))
    S.Literal = L->str();
  if (auto C = O->getString("c"))
    S.Code = C->str();
  else if (S.Literal)
    S.Code = quoteC(*S.Literal);
  if (auto M = O->getString("m"))
    S.Message = M->str();
  else
    S.Message = derivedMessage(S);
  return true;
}

// Most arguments name nothing a summary can use: those are null.
static bool isEmpty(const SpelledValue &V) {
  return !V.Value.known() && V.Spelled.Code.empty() &&
         V.Spelled.Message.empty() && !V.Spelled.Literal;
}

json::Value toJSON(const SpelledValue &V) {
  if (isEmpty(V))
    return nullptr;
  return json::Array{toJSON(V.Value), toJSON(V.Spelled)};
}

bool fromJSON(const json::Value &V, SpelledValue &Out, json::Path Path) {
  if (V.getAsNull()) {
    Out = SpelledValue();
    return true;
  }
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 2) {
    Path.report("expected a spelled value");
    return false;
  }
  return fromJSON((*A)[0], Out.Value, Path.index(0)) &&
         fromJSON((*A)[1], Out.Spelled, Path.index(1));
}

//===-- Spelling ----------------------------------------------------------===//

std::string quoteForMessage(llvm::StringRef Code) {
  if (Code.empty() || Code.size() > 40 || Code.contains('\n'))
    return {};
  return "'" + Code.str() + "'";
}

std::string quoteC(llvm::StringRef Bytes) {
  std::string Out = "\"";
  for (unsigned char C : Bytes) {
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (C < 0x20 || C >= 0x7f) {
      char Buf[5];
      snprintf(Buf, sizeof Buf, "\\%03o", C);
      Out += Buf;
    } else {
      Out += C;
    }
  }
  return Out + "\"";
}

// An identifier followed by member accesses: it takes another one as is.
static bool isPostfixChain(llvm::StringRef Code) {
  if (Code.empty())
    return false;
  for (size_t I = 0; I < Code.size();) {
    if (!llvm::isAlpha(Code[I]) && Code[I] != '_')
      return false;
    while (I < Code.size() && (llvm::isAlnum(Code[I]) || Code[I] == '_'))
      ++I;
    if (I == Code.size())
      return true;
    if (Code.substr(I).starts_with("->"))
      I += 2;
    else if (Code[I] == '.')
      ++I;
    else
      return false;
  }
  return false;
}

// The caller's spelling of Base with the callee's fields appended: &lk
// with ->path becomes lk.path.
static std::string appendFields(llvm::StringRef Base,
                                llvm::ArrayRef<FieldStep> Fields) {
  if (Base.empty())
    return {};
  std::string Code;
  bool FirstArrow = Fields.front().Arrow;
  if (FirstArrow && Base.starts_with("&") &&
      isPostfixChain(Base.drop_front().trim())) {
    Code = Base.drop_front().trim().str();
    FirstArrow = false;
  } else if (isPostfixChain(Base)) {
    Code = Base.str();
  } else {
    Code = "(" + Base.str() + ")";
  }
  for (size_t I = 0; I < Fields.size(); ++I) {
    bool Arrow = I == 0 ? FirstArrow : Fields[I].Arrow;
    Code += (Arrow ? "->" : ".") + Fields[I].name().str();
  }
  return Code;
}

// The argument or object a parameter or `this` of the callee stands for
// at the call; null for other roots.
static const SpelledValue *
baseAtCall(const AccessPath &P, llvm::ArrayRef<SpelledValue> Args,
           const std::optional<SpelledValue> &Object) {
  if (P.Root == AccessPath::Param && P.Index < Args.size())
    return &Args[P.Index];
  if (P.Root == AccessPath::This && Object)
    return &*Object;
  return nullptr;
}

static bool keptAtCall(const AccessPath &P) {
  return P.Root == AccessPath::Global || P.Root == AccessPath::Literal ||
         P.Root == AccessPath::Macro;
}

AccessPath mapPathToCaller(const AccessPath &P,
                           llvm::ArrayRef<SpelledValue> Args,
                           const std::optional<SpelledValue> &Object) {
  if (const SpelledValue *Base = baseAtCall(P, Args, Object)) {
    AccessPath Out = Base->Value;
    if (Out.known())
      llvm::append_range(Out.Fields, P.Fields);
    return Out;
  }
  return keptAtCall(P) ? P : AccessPath();
}

SpelledValue mapToCaller(const SpelledValue &CalleeValue,
                         llvm::ArrayRef<SpelledValue> Args,
                         const std::optional<SpelledValue> &Object) {
  const AccessPath &P = CalleeValue.Value;
  SpelledValue Out;
  if (const SpelledValue *Base = baseAtCall(P, Args, Object)) {
    Out.Value = mapPathToCaller(P, Args, Object);
    if (P.Fields.empty()) {
      Out.Spelled = Base->Spelled;
      return Out;
    }
    Out.Spelled.Code = appendFields(Base->Spelled.Code, P.Fields);
    Out.Spelled.Message = quoteForMessage(Out.Spelled.Code);
    Out.Spelled.Pure = Base->Spelled.Pure;
    Out.Spelled.CharPointer = CalleeValue.Spelled.CharPointer;
    return Out;
  }
  if (keptAtCall(P)) {
    Out = CalleeValue;
    // The callee's name for it may not be visible at the call.
    if (!P.Fields.empty() || P.Root != AccessPath::Literal)
      Out.Spelled.Code.clear();
  }
  return Out;
}

} // namespace durcheck
