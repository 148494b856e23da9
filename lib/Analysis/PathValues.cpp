//===- PathValues.cpp - The path a variable holds at each read ------------===//
//
// In the order of UninitializedValues: the index map of the tracked
// variables, the per-block state, the transfer function, the worklist to a
// fixpoint, and a last pass that records the value at each read; then the
// keys of those values.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/PathValues.h"
#include "Analysis/ForwardWorklist.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace durcheck {
namespace {

// char *, const char * and char[N]: what holds a path.
bool isPathType(QualType T) {
  if (const ArrayType *A = T->getAsArrayTypeUnsafe())
    return A->getElementType()->isCharType();
  return T->isPointerType() && T->getPointeeType()->isCharType();
}

// The variable a reference names, one declaration for all its
// redeclarations.
const VarDecl *varOfRef(const DeclRefExpr &Ref) {
  const auto *VD = dyn_cast<VarDecl>(Ref.getDecl());
  return VD ? VD->getCanonicalDecl() : nullptr;
}

const VarDecl *varOf(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
  return Ref ? varOfRef(*Ref) : nullptr;
}

// The variable an argument passes as such: its value, the array it decays
// from, or the object a reference binds to.
const VarDecl *passedVar(const Expr *Arg) {
  Arg = Arg->IgnoreParens();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(Arg)) {
    CastKind K = Cast->getCastKind();
    if (K != CK_LValueToRValue && K != CK_ArrayToPointerDecay && K != CK_NoOp)
      break;
    Arg = Cast->getSubExpr()->IgnoreParens();
  }
  return varOf(Arg);
}

// A call that cannot change the unit's globals but through its arguments.
bool isLibraryCall(const CallExpr &Call, const SourceManager &SM) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee &&
         (Callee->getBuiltinID() ||
          SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())));
}

// The variable whose array or pointee an lvalue such as buf[i] or *p
// writes into.
const VarDecl *writtenInto(const Expr *LHS) {
  LHS = LHS->IgnoreParens();
  if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(LHS))
    return passedVar(Sub->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(LHS);
      UO && UO->getOpcode() == UO_Deref)
    return passedVar(UO->getSubExpr());
  return nullptr;
}

//===-- Index map ---------------------------------------------------------===//

// How a body uses its variables: which it reads, declares, assigns or
// writes through, and which escape -- reached other than by such a use, so
// that a pointer could change them unseen.
class VarUses {
public:
  explicit VarUses(const Stmt *Body) { walk(Body, /*Captured=*/false); }

  llvm::SetVector<const VarDecl *> Seen;
  llvm::SmallPtrSet<const VarDecl *, 8> Escaped, Written, Declared;

private:
  void use(const VarDecl *VD) { Seen.insert(VD); }
  void write(const VarDecl *VD) {
    Seen.insert(VD);
    Written.insert(VD);
  }

  void walkArgs(llvm::ArrayRef<const Expr *> Args, const CallExpr *Call,
                bool Captured) {
    for (unsigned I = 0; I < Args.size(); ++I) {
      const VarDecl *VD = Captured ? nullptr : passedVar(Args[I]);
      if (!VD) {
        walk(Args[I], Captured);
        continue;
      }
      if (!Call || model::mayWriteThrough(Call, I))
        write(VD);
      else
        use(VD);
    }
  }

  // Whether S is a safe use of a variable, recorded as such; false to walk
  // it like any other statement.
  bool safeUse(const Stmt *S, bool Captured) {
    if (Captured)
      return false;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S)) {
      const VarDecl *VD = Cast->getCastKind() == CK_LValueToRValue
                              ? varOf(Cast->getSubExpr())
                              : nullptr;
      if (VD)
        use(VD);
      return VD;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      const VarDecl *VD = BO->isAssignmentOp() ? varOf(BO->getLHS()) : nullptr;
      if (VD) {
        write(VD);
        walk(BO->getRHS(), Captured);
      }
      return VD;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      const VarDecl *VD =
          UO->isIncrementDecrementOp() ? varOf(UO->getSubExpr()) : nullptr;
      if (VD)
        write(VD);
      return VD;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      const VarDecl *VD = passedVar(Member->getBase());
      if (VD)
        use(VD);
      return VD;
    }
    if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(S)) {
      const VarDecl *VD = passedVar(Sub->getBase());
      if (VD) {
        use(VD);
        walk(Sub->getIdx(), Captured);
      }
      return VD;
    }
    return false;
  }

  void walk(const Stmt *S, bool Captured) {
    if (!S || isa<UnaryExprOrTypeTraitExpr>(S))
      return;
    Captured = Captured || isa<LambdaExpr>(S) || isa<BlockExpr>(S);
    if (safeUse(S, Captured))
      return;
    if (const VarDecl *VD =
            isa<DeclRefExpr>(S) ? varOf(cast<Expr>(S)) : nullptr) {
      // Reached other than through a safe use: its address escapes.
      Seen.insert(VD);
      Escaped.insert(VD);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D)) {
          use(VD->getCanonicalDecl());
          Declared.insert(VD->getCanonicalDecl());
        }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      walk(Call->getCallee(), Captured);
      walkArgs({Call->getArgs(), Call->getNumArgs()}, Call, Captured);
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
        walkObject(*Member, Captured);
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      walkArgs({Construct->getArgs(), Construct->getNumArgs()}, nullptr,
               Captured);
      return;
    }
    for (const Stmt *Child : S->children())
      walk(Child, Captured);
  }

  // The object of a method call is written unless the method is const.
  void walkObject(const CXXMemberCallExpr &Call, bool Captured) {
    const VarDecl *VD = passedVar(Call.getImplicitObjectArgument());
    const CXXMethodDecl *MD = Call.getMethodDecl();
    if (!VD || Captured)
      return;
    if (MD && MD->isConst())
      use(VD);
    else
      write(VD);
  }
};

// The variables the dataflow follows: the parameters, whose reads at entry
// name what the caller passed, and the path variables; none that escapes.
class TrackedVars {
public:
  TrackedVars(const FunctionDecl &FD, const ScratchBuffers &Scratch) {
    VarUses Uses(FD.getBody());
    auto Add = [&](const VarDecl *VD) {
      if (Uses.Escaped.count(VD) || !Index.try_emplace(VD, Vars.size()).second)
        return;
      Vars.push_back(VD);
    };
    for (const ParmVarDecl *P : FD.parameters())
      Add(P->getCanonicalDecl());
    for (const VarDecl *VD : Uses.Seen) {
      if (isa<ParmVarDecl>(VD) || !isPathType(VD->getType()))
        continue;
      if (VD->hasLocalStorage() || Uses.Written.count(VD) ||
          Scratch.contains(VD))
        Add(VD);
    }
  }

  std::optional<unsigned> indexOf(const VarDecl *VD) const {
    auto It = VD ? Index.find(VD) : Index.end();
    if (It == Index.end())
      return std::nullopt;
    return It->second;
  }
  const VarDecl *var(unsigned I) const { return Vars[I]; }
  unsigned size() const { return Vars.size(); }

private:
  std::vector<const VarDecl *> Vars;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
};

//===-- Per-block state ---------------------------------------------------===//

// The value a tracked variable holds: the one it had on entry, the one a
// definition gave it, or the merge of several at the start of a block.
struct Value {
  enum KindType : uint8_t { Entry, Def, Phi, Merged };
  KindType Kind = Entry;
  unsigned Index = 0;
  bool operator==(const Value &O) const {
    return Kind == O.Kind && Index == O.Index;
  }
  bool operator!=(const Value &O) const { return !(*this == O); }
};

using State = std::vector<Value>;

// Values that differ merge; the block that receives them names the merge.
void joinInto(State &Into, const State &From) {
  for (unsigned I = 0; I < Into.size(); ++I)
    if (Into[I] != From[I])
      Into[I] = {Value::Merged, 0};
}

//===-- Transfer ----------------------------------------------------------===//

// A place where a tracked variable gets a new value, and what tells it.
struct Definition {
  const Stmt *At = nullptr;
  unsigned Var = 0;
  /// The value assigned or initialised with.
  const Expr *Assigned = nullptr;
  std::optional<model::PathFill> Fill;
  /// The reads among its operands, whose keys its own depends on.
  std::vector<const DeclRefExpr *> Reads;
};

class Transfer {
public:
  Transfer(const TrackedVars &Vars, const ScratchBuffers &Scratch,
           const ASTContext &Ctx)
      : Vars(Vars), Scratch(Scratch), Ctx(Ctx) {}

  void apply(const CFGBlock &B, State &S) {
    for (Value &V : S)
      if (V.Kind == Value::Merged)
        V = {Value::Phi, B.getBlockID()};
    for (const CFGElement &E : B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
        applyStmt(*CS->getStmt(), S);
  }
  void applyEdge(const CFGBlock &, unsigned, State &) const {}

  /// Start recording the value at each read.
  void record() { Recording = true; }

  std::vector<Definition> Defs;
  llvm::MapVector<const DeclRefExpr *, std::pair<unsigned, Value>> Reads;

private:
  void applyStmt(const Stmt &St, State &S) {
    if (const auto *DS = dyn_cast<DeclStmt>(&St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->hasLocalStorage())
          if (std::optional<unsigned> I = Vars.indexOf(VD->getCanonicalDecl()))
            S[*I] = VD->getInit() ? define(St, *I, S, VD->getInit())
                                  : Value{Value::Entry, 0};
    } else if (const auto *BO = dyn_cast<BinaryOperator>(&St);
               BO && BO->isAssignmentOp()) {
      assign(*BO, S);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(&St);
               UO && UO->isIncrementDecrementOp()) {
      redefine(St, varOf(UO->getSubExpr()), S);
      redefine(St, writtenInto(UO->getSubExpr()), S);
    } else if (const auto *Call = dyn_cast<CallExpr>(&St)) {
      call(*Call, S);
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&St)) {
      for (const Expr *Arg : Construct->arguments())
        noteRead(Arg, S);
    }
  }

  void assign(const BinaryOperator &BO, State &S) {
    if (std::optional<unsigned> I = Vars.indexOf(varOf(BO.getLHS()))) {
      const Expr *Assigned =
          BO.getOpcode() == BO_Assign ? BO.getRHS() : nullptr;
      S[*I] = define(BO, *I, S, Assigned);
      return;
    }
    redefine(BO, writtenInto(BO.getLHS()), S);
  }

  void call(const CallExpr &Call, State &S) {
    for (const Expr *Arg : Call.arguments())
      noteRead(Arg, S);
    std::optional<model::PathFill> Fill = model::matchPathFill(&Call);
    std::optional<unsigned> Dest =
        Fill ? Vars.indexOf(passedVar(Fill->Dest)) : std::nullopt;
    // Each write makes a new value; the fill's is the one it describes.
    llvm::SmallVector<std::pair<unsigned, Value>, 2> Writes;
    if (Dest)
      Writes.push_back({*Dest, define(Call, *Dest, S, nullptr, Fill)});
    for (unsigned A = 0; A < Call.getNumArgs(); ++A) {
      std::optional<unsigned> I = Vars.indexOf(passedVar(Call.getArg(A)));
      if (I && I != Dest && isPathType(Vars.var(*I)->getType()) &&
          model::mayWriteThrough(&Call, A))
        Writes.push_back({*I, define(Call, *I, S)});
    }
    // A function of the project may refill any scratch buffer.
    if (!isLibraryCall(Call, Ctx.getSourceManager()))
      for (unsigned I = 0; I < Vars.size(); ++I)
        if (Scratch.contains(Vars.var(I)) && I != Dest)
          Writes.push_back({I, define(Call, I, S)});
    for (const auto &[I, V] : Writes)
      S[I] = V;
  }

  // A write into what a path variable holds, such as buf[n] = '\0'.
  void redefine(const Stmt &At, const VarDecl *VD, State &S) {
    if (std::optional<unsigned> I = Vars.indexOf(VD);
        I && isPathType(Vars.var(*I)->getType()))
      S[*I] = define(At, *I, S);
  }

  Value define(const Stmt &At, unsigned Var, State &S,
               const Expr *Assigned = nullptr,
               std::optional<model::PathFill> Fill = std::nullopt) {
    if (Assigned)
      noteRead(Assigned, S);
    auto [It, New] = DefIndex.try_emplace({&At, Var}, Defs.size());
    if (New)
      Defs.push_back({&At, Var, Assigned, Fill, {}});
    Definition &D = Defs[It->second];
    if (Recording) {
      auto NoteOperand = [&](const Expr *E) {
        if (const auto *Ref = rootRead(E))
          D.Reads.push_back(Ref);
      };
      if (Assigned)
        NoteOperand(Assigned);
      if (Fill) {
        NoteOperand(Fill->Dest);
        NoteOperand(Fill->Source);
        for (const Expr *Arg : Fill->Args)
          NoteOperand(Arg);
      }
    }
    return {Value::Def, It->second};
  }

  // The read of a tracked variable that a path expression starts from:
  // buf, p, f->name or names[i].
  const DeclRefExpr *rootRead(const Expr *E) const {
    const DeclRefExpr *Ref = model::pathRootRead(E);
    return Ref && Vars.indexOf(varOfRef(*Ref)) ? Ref : nullptr;
  }

  void noteRead(const Expr *E, const State &S) {
    if (!Recording)
      return;
    if (const DeclRefExpr *Ref = rootRead(E)) {
      unsigned I = *Vars.indexOf(varOfRef(*Ref));
      Reads.insert({Ref, {I, S[I]}});
    }
  }

  const TrackedVars &Vars;
  const ScratchBuffers &Scratch;
  const ASTContext &Ctx;
  bool Recording = false;
  std::map<std::pair<const Stmt *, unsigned>, unsigned> DefIndex;
};

//===-- Keys of the values ------------------------------------------------===//

// What each recorded read names: what its value was filled, copied or
// assigned with when that can be told, else the value itself.
class ValueKeys {
public:
  ValueKeys(const FunctionDecl &FD, const TrackedVars &Vars,
            const ScratchBuffers &Scratch, const Transfer &T,
            const ASTContext &Ctx)
      : FD(FD), Vars(Vars), Scratch(Scratch), T(T), Ctx(Ctx),
        Contents(T.Defs.size()), Pending(T.Defs.size()) {}

  std::optional<model::PathKey> keyOfRead(const DeclRefExpr *Ref) {
    auto Done = Keys.find(Ref);
    if (Done != Keys.end())
      return Done->second;
    auto [Var, V] = T.Reads.lookup(Ref);
    std::optional<model::PathKey> Key = keyOfValue(Ref, Var, V);
    Keys[Ref] = Key;
    return Key;
  }

  model::ReadKeys take() { return std::move(Keys); }

private:
  // A name for the value that only this function's reads share.
  model::PathKey own(unsigned Var, llvm::StringRef What) const {
    return {model::PathKey::Local,
            "v" +
                std::to_string(Vars.var(Var)->getLocation().getRawEncoding()) +
                "#" + What.str()};
  }

  std::optional<model::PathKey> keyOfValue(const DeclRefExpr *Ref, unsigned Var,
                                           Value V) {
    std::string Function = std::to_string(FD.getLocation().getRawEncoding());
    switch (V.Kind) {
    case Value::Entry:
      // A scratch buffer holds whatever the last caller left there.
      if (Scratch.contains(Vars.var(Var)))
        return own(Var, "e" + Function);
      return model::pathKeyOf(Ref, Ctx);
    case Value::Def:
      if (std::optional<model::PathKey> Content = contentOf(V.Index))
        return Content;
      return own(Var,
                 "d" + std::to_string(
                           T.Defs[V.Index].At->getBeginLoc().getRawEncoding()));
    case Value::Phi:
    case Value::Merged:
      return own(Var, "p" + Function + "." + std::to_string(V.Index));
    }
    return std::nullopt;
  }

  std::optional<model::PathKey> contentOf(unsigned D) {
    if (Contents[D] || Pending[D])
      return Contents[D];
    Pending[D] = true;
    const Definition &Def = T.Defs[D];
    for (const DeclRefExpr *Read : Def.Reads)
      keyOfRead(Read);
    if (Def.Assigned)
      Contents[D] = model::pathKeyOf(Def.Assigned, Ctx, &Keys);
    else if (Def.Fill)
      Contents[D] = filled(*Def.Fill);
    return Contents[D];
  }

  std::optional<model::PathKey> operandKey(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (E->getType()->isIntegerType() && !E->isValueDependent()) {
      Expr::EvalResult R;
      if (E->EvaluateAsInt(R, Ctx))
        return model::PathKey{model::PathKey::Literal,
                              std::to_string(R.Val.getInt().getExtValue())};
      // A variable's count may change between two fills.
      return std::nullopt;
    }
    return model::pathKeyOf(E, Ctx, &Keys);
  }

  std::optional<model::PathKey> filled(const model::PathFill &F) const {
    std::optional<model::PathKey> Source = operandKey(F.Source);
    switch (F.Kind) {
    case model::PathFill::Copy:
      return Source;
    case model::PathFill::Append: {
      std::optional<model::PathKey> Before = operandKey(F.Dest);
      if (!Before || !Source)
        return std::nullopt;
      return model::formattedKey("%s%s", {*Before, *Source});
    }
    case model::PathFill::Format: {
      const auto *Format =
          dyn_cast<StringLiteral>(model::stripPathWrappers(F.Source));
      if (!Format || !Format->isOrdinary())
        return std::nullopt;
      std::vector<model::PathKey> Args;
      for (const Expr *Arg : F.Args) {
        std::optional<model::PathKey> K = operandKey(Arg);
        if (!K)
          return std::nullopt;
        Args.push_back(std::move(*K));
      }
      return model::formattedKey(Format->getString(), Args);
    }
    }
    return std::nullopt;
  }

  const FunctionDecl &FD;
  const TrackedVars &Vars;
  const ScratchBuffers &Scratch;
  const Transfer &T;
  const ASTContext &Ctx;
  model::ReadKeys Keys;
  std::vector<std::optional<model::PathKey>> Contents;
  std::vector<bool> Pending;
};

} // namespace

//===-- Variables that need no dataflow -----------------------------------===//

ChangedVars::ChangedVars(const FunctionDecl &FD) {
  VarUses Uses(FD.getBody());
  for (const llvm::SmallPtrSet<const VarDecl *, 8> *Set :
       {&Uses.Escaped, &Uses.Written, &Uses.Declared})
    Changed.insert(Set->begin(), Set->end());
}

//===-- The unit's scratch buffers ----------------------------------------===//

bool ScratchBuffers::contains(const VarDecl *VD) const {
  // Only a global array is counted.
  if (!VD->hasGlobalStorage() || !VD->getType()->isArrayType())
    return false;
  if (!Writes) {
    Writes.emplace();
    for (const FunctionDecl *FD : Functions)
      count(*FD);
  }
  auto It = Writes->find(VD->getCanonicalDecl());
  return It != Writes->end() && It->second > 1;
}

void ScratchBuffers::count(const FunctionDecl &FD) const {
  llvm::SmallVector<const Stmt *, 32> Work{FD.getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        const VarDecl *VD = passedVar(Call->getArg(I));
        if (VD && VD->hasGlobalStorage() && VD->getType()->isArrayType() &&
            isPathType(VD->getType()) && model::mayWriteThrough(Call, I))
          ++(*Writes)[VD->getCanonicalDecl()];
      }
    llvm::append_range(Work, S->children());
  }
}

//===-- Worklist to a fixpoint, and the record ----------------------------===//

PathValues runPathValueAnalysis(const FunctionDecl &FD, const CFG &G,
                                ASTContext &Ctx,
                                const ScratchBuffers &Scratch) {
  PathValues Result;
  TrackedVars Vars(FD, Scratch);
  if (!Vars.size())
    return Result;
  Transfer T(Vars, Scratch, Ctx);
  std::vector<std::optional<State>> In =
      solveForward(G, State(Vars.size()), joinInto, T,
                   [](const CFGBlock &, const CFGBlock &) { return true; });
  T.record();
  for (const CFGBlock *B : G)
    if (const std::optional<State> &S = In[B->getBlockID()]) {
      State Copy = *S;
      T.apply(*B, Copy);
    }
  ValueKeys Keys(FD, Vars, Scratch, T, Ctx);
  for (const auto &[Ref, Read] : T.Reads) {
    Keys.keyOfRead(Ref);
    if (Read.second.Kind == Value::Entry &&
        isa<ParmVarDecl>(Vars.var(Read.first)))
      Result.AtEntry.insert(Ref);
  }
  Result.Keys = Keys.take();
  return Result;
}

} // namespace durcheck
