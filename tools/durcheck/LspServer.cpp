//===- LspServer.cpp - durcheck --lsp, a language server ------------------===//
//
// Two threads: the main one reads messages and answers what needs no
// analysis; a worker analyses units, one at a time, and runs the join after
// each analysis. Work goes through one queue, in the order it came, so that
// an answer (a code action, a pulled report) waits for the analyses asked
// before it; a didChange waits for a quiet interval, and the initial pass
// over the database runs when nothing else is queued.
//
//===----------------------------------------------------------------------===//

#include "LspServer.h"
#include "CompileDatabase.h"
#include "JoinUnits.h"
#include "LspProtocol.h"
#include "Report.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>
#include <variant>

using namespace clang::tidy;
using namespace llvm;

namespace durcheck {
namespace {

using Clock = std::chrono::steady_clock;

/// How long didChange waits for the next keystroke before analysing.
constexpr auto QuietInterval = std::chrono::milliseconds(400);

enum ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
};

enum MessageType { LogError = 1, LogWarning = 2, LogInfo = 3, LogLog = 4 };

// Writes whole messages to the protocol's stream, one thread at a time.
class Transport {
public:
  explicit Transport(int FD) : FD(FD) {}

  void send(const json::Value &Message) {
    std::string Text = lsp::frame(Message);
    std::lock_guard<std::mutex> Guard(Lock);
    for (size_t Done = 0; Done < Text.size();) {
      ssize_t N = ::write(FD, Text.data() + Done, Text.size() - Done);
      if (N < 0 && errno == EINTR)
        continue;
      if (N < 0)
        return; // The client is gone; its exit ends us.
      Done += N;
    }
  }
  void notify(StringRef Method, json::Value Params) {
    send(json::Object{
        {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
  }
  // A request to the client, whose response nothing waits for; without
  // params when Params is null, as JSON-RPC wants.
  void request(StringRef Method, json::Value Params) {
    json::Object Message{{"jsonrpc", "2.0"},
                         {"id", "durcheck-" + std::to_string(++Requests)},
                         {"method", Method}};
    if (Params.kind() != json::Value::Null)
      Message["params"] = std::move(Params);
    send(std::move(Message));
  }

  void reply(const json::Value &Id, json::Value Result) {
    send(json::Object{
        {"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
  }
  void replyError(const json::Value &Id, int Code, const Twine &Message) {
    send(json::Object{
        {"jsonrpc", "2.0"},
        {"id", Id},
        {"error", json::Object{{"code", Code}, {"message", Message.str()}}}});
  }
  // To stderr, and to the client's log.
  void log(MessageType Type, const Twine &Message) {
    errs() << "durcheck: " << Message << "\n";
    notify("window/logMessage",
           json::Object{{"type", int(Type)}, {"message", Message.str()}});
  }

private:
  const int FD;
  std::mutex Lock;
  std::atomic<unsigned> Requests{0};
};

// What the worker does next: analyse the units that read a file, or answer
// a request once the analyses queued before it are done.
struct Task {
  bool IsAnswer = false;
  std::string File;
  Clock::time_point NotBefore;
  json::Value Id = nullptr;
  std::string Method;
  json::Object Params;
};

// The texts that positions are counted in: an open buffer, else the file.
class Sources {
public:
  Sources(const StringMap<std::string> &Buffers, lsp::Encoding Enc)
      : Buffers(Buffers), Enc(Enc) {}
  const lsp::LineTable &table(StringRef File) {
    std::unique_ptr<Source> &S = Tables[File.str()];
    if (!S) {
      S = std::make_unique<Source>();
      auto It = Buffers.find(File);
      if (It != Buffers.end())
        S->Text = It->second;
      else if (auto Buffer = MemoryBuffer::getFile(File))
        S->Text = (*Buffer)->getBuffer().str();
      S->Table.emplace(S->Text, Enc);
    }
    return *S->Table;
  }

private:
  struct Source {
    std::string Text;
    std::optional<lsp::LineTable> Table;
  };
  const StringMap<std::string> &Buffers;
  const lsp::Encoding Enc;
  std::map<std::string, std::unique_ptr<Source>> Tables;
};

class Server {
public:
  Server(const TidyConfig &Config, std::string BuildPath, Transport &Out)
      : Options(Config), BuildPath(std::move(BuildPath)), Out(Out) {}

  // Reads and dispatches messages until exit, or the end of the input.
  int run() {
    std::string Body, Error;
    while (true) {
      Error.clear();
      switch (lsp::readMessage(stdin, Body, Error)) {
      case lsp::ReadResult::End:
        Out.log(LogError, "the input ended without an exit notification");
        return ShutDown ? 0 : 1;
      case lsp::ReadResult::BadHeader:
        Out.log(LogError, "skipped a message: " + Error);
        continue;
      case lsp::ReadResult::Message:
        if (std::optional<int> Status = handle(Body))
          return *Status;
      }
    }
  }

private:
  //===-- The reader's side -----------------------------------------------===//

  // Handles one message; the exit status once the client says exit.
  std::optional<int> handle(StringRef Body) {
    Expected<json::Value> Parsed = json::parse(Body);
    if (!Parsed) {
      Out.replyError(nullptr, ParseError,
                     "malformed JSON: " + toString(Parsed.takeError()));
      return std::nullopt;
    }
    const json::Object *M = Parsed->getAsObject();
    std::optional<StringRef> Method = M ? M->getString("method") : std::nullopt;
    const json::Value *Id = M ? M->get("id") : nullptr;
    if (!Method) {
      // A response to one of our requests, which need none.
      if (!M || !Id)
        Out.replyError(Id ? *Id : nullptr, InvalidRequest,
                       "not a JSON-RPC request, notification or response");
      return std::nullopt;
    }
    json::Object Params;
    if (const json::Object *P = M->getObject("params"))
      Params = *P;
    if (!Id)
      return notification(*Method, Params);
    request(*Id, *Method, std::move(Params));
    return std::nullopt;
  }

  void request(const json::Value &Id, StringRef Method, json::Object Params) {
    if (Method == "initialize") {
      if (Initialized)
        return Out.replyError(Id, InvalidRequest, "initialize came twice");
      json::Value Result = initialize(Params);
      Initialized = true;
      Out.reply(Id, std::move(Result));
      Worker = std::thread([this] { work(); });
      return;
    }
    if (!Initialized)
      return Out.replyError(Id, ServerNotInitialized,
                            "initialize must come first");
    if (ShutDown)
      return Out.replyError(Id, InvalidRequest,
                            "the server is shut down; only exit may follow");
    if (Method == "shutdown") {
      ShutDown = true;
      return Out.reply(Id, nullptr);
    }
    if (Method == "textDocument/codeAction" ||
        (Pull && Method == "textDocument/diagnostic")) {
      Task T;
      T.IsAnswer = true;
      T.Id = Id;
      T.Method = Method.str();
      T.Params = std::move(Params);
      std::lock_guard<std::mutex> Guard(Lock);
      Queue.push_back(std::move(T));
      Wake.notify_one();
      return;
    }
    Out.replyError(Id, MethodNotFound, "durcheck does not implement " + Method);
  }

  std::optional<int> notification(StringRef Method, const json::Object &P) {
    if (Method == "exit")
      return ShutDown ? 0 : 1;
    if (!Initialized)
      return std::nullopt;
    if (Method == "initialized")
      startPass();
    else if (Method == "textDocument/didSave" && savesOptions(P))
      askReload();
    else if (Method == "textDocument/didOpen" ||
             Method == "textDocument/didChange" ||
             Method == "textDocument/didSave" ||
             Method == "textDocument/didClose")
      documentChanged(Method, P);
    else if (Method == "workspace/didChangeWatchedFiles" && changesOptions(P))
      askReload();
    else if (Method == "$/cancelRequest")
      cancel(P.get("id"));
    else if (Method == "window/workDoneProgress/cancel") {
      std::lock_guard<std::mutex> Guard(Lock);
      Pass.clear();
    }
    return std::nullopt;
  }

  json::Object initialize(const json::Object &Params) {
    const json::Object *Caps = Params.getObject("capabilities");
    auto Capability = [&](std::initializer_list<StringRef> Path) {
      const json::Value *V = nullptr;
      const json::Object *O = Caps;
      for (StringRef Key : Path) {
        V = O ? O->get(Key) : nullptr;
        O = V ? V->getAsObject() : nullptr;
      }
      return V;
    };
    if (const json::Value *E = Capability({"general", "positionEncodings"}))
      if (const json::Array *A = E->getAsArray())
        for (const json::Value &V : *A)
          if (V.getAsString() == StringRef("utf-8"))
            Enc = lsp::Encoding::UTF8;
    Pull = Capability({"textDocument", "diagnostic"}) != nullptr;
    const json::Value *Refresh =
        Capability({"workspace", "diagnostics", "refreshSupport"});
    RefreshSupport = Refresh && Refresh->getAsBoolean().value_or(false);
    const json::Value *Progress = Capability({"window", "workDoneProgress"});
    WorkDoneProgress = Progress && Progress->getAsBoolean().value_or(false);
    loadDatabase(Params);

    json::Object Capabilities{
        {"positionEncoding", Enc == lsp::Encoding::UTF8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", json::Object{{"openClose", true},
                                          {"change", 1},
                                          {"save", json::Object{}}}},
        {"codeActionProvider",
         json::Object{{"codeActionKinds", json::Array{"quickfix"}}}}};
    if (Pull)
      Capabilities["diagnosticProvider"] = json::Object{
          {"interFileDependencies", true}, {"workspaceDiagnostics", false}};
    return json::Object{
        {"capabilities", std::move(Capabilities)},
        {"serverInfo",
         json::Object{{"name", "durcheck"}, {"version", DURCHECK_VERSION}}}};
  }

  // The database that initializationOptions name, else -p's, else one in
  // the workspace root or its build/ directory, as clangd looks.
  void loadDatabase(const json::Object &Params) {
    std::string Root;
    if (std::optional<StringRef> Uri = Params.getString("rootUri"))
      Root = lsp::uriToPath(*Uri).value_or("");
    else if (std::optional<StringRef> Path = Params.getString("rootPath"))
      Root = Path->str();
    std::string Database = BuildPath;
    if (const json::Object *Init = Params.getObject("initializationOptions"))
      if (std::optional<StringRef> P =
              Init->getString("compilationDatabasePath"))
        Database = absolutePath(*P, Root);
    for (StringRef Dir : {"", "build"}) {
      SmallString<256> Candidate(Root);
      sys::path::append(Candidate, Dir, "compile_commands.json");
      if (Database.empty() && !Root.empty() && sys::fs::exists(Candidate))
        Database = std::string(Candidate);
    }
    if (Database.empty()) {
      Out.log(LogError, "no compile database: no compile_commands.json in '" +
                            Root +
                            "' or its build/; pass "
                            "initializationOptions.compilationDatabasePath "
                            "or -p");
      return;
    }
    std::string Error;
    std::optional<WorkList> Loaded =
        selectWork({Database, {}, {}, std::nullopt}, Error);
    if (!Loaded)
      return Out.log(LogError, Error);
    Work = std::move(*Loaded);
    Results.resize(Work.Units.size());
    for (UnitResult &R : Results)
      R.Failure = "not analysed yet";
    Unjoined.assign(Results.size(), true);
    Stale.assign(Results.size(), false);
    Out.log(LogInfo,
            formatv("{0} units in {1}", Work.Units.size(), Work.DatabasePath));
  }

  void startPass() {
    std::lock_guard<std::mutex> Guard(Lock);
    Pass.clear();
    for (size_t I = 0; I < Work.Units.size(); ++I)
      Pass.push_back(I);
    PassAsked = true;
    Wake.notify_one();
  }

  static bool isOptionsFile(StringRef Uri) {
    std::optional<std::string> File = lsp::uriToPath(Uri);
    return File && sys::path::filename(*File) == ".clang-tidy";
  }

  // A .clang-tidy saved in the editor, or changed on disk where the client
  // watches files: every unit's checks and options may be others now.
  static bool savesOptions(const json::Object &P) {
    const json::Object *Doc = P.getObject("textDocument");
    std::optional<StringRef> Uri = Doc ? Doc->getString("uri") : std::nullopt;
    return Uri && isOptionsFile(*Uri);
  }

  static bool changesOptions(const json::Object &P) {
    const json::Array *Changes = P.getArray("changes");
    return Changes && llvm::any_of(*Changes, [](const json::Value &C) {
             const json::Object *O = C.getAsObject();
             std::optional<StringRef> Uri =
                 O ? O->getString("uri") : std::nullopt;
             return Uri && isOptionsFile(*Uri);
           });
  }

  void askReload() {
    std::lock_guard<std::mutex> Guard(Lock);
    ReloadAsked = true;
    Wake.notify_one();
  }

  void documentChanged(StringRef Method, const json::Object &P) {
    const json::Object *Doc = P.getObject("textDocument");
    std::optional<StringRef> Uri = Doc ? Doc->getString("uri") : std::nullopt;
    std::optional<std::string> File = Uri ? lsp::uriToPath(*Uri) : std::nullopt;
    if (!File)
      return Out.log(LogWarning, Method + " without a file: URI; ignored");
    Clock::time_point When = Clock::now();
    std::lock_guard<std::mutex> Guard(Lock);
    if (Method == "textDocument/didOpen") {
      Buffers[*File] = Doc->getString("text").value_or("").str();
    } else if (Method == "textDocument/didChange") {
      // Full synchronisation: the last change holds the whole text.
      const json::Array *Changes = P.getArray("contentChanges");
      if (!Changes || Changes->empty() || !Changes->back().getAsObject())
        return;
      Buffers[*File] =
          Changes->back().getAsObject()->getString("text").value_or("").str();
      When += QuietInterval;
    } else if (Method == "textDocument/didClose") {
      Buffers.erase(*File);
    }
    enqueue(*File, When);
  }

  // Queues an analysis of File, or moves the one queued to When.
  void enqueue(const std::string &File, Clock::time_point When) {
    for (Task &T : Queue)
      if (!T.IsAnswer && T.File == File) {
        T.NotBefore = When;
        Wake.notify_one();
        return;
      }
    Task T;
    T.File = File;
    T.NotBefore = When;
    Queue.push_back(std::move(T));
    Wake.notify_one();
  }

  // A request still queued is answered as cancelled and never worked on.
  void cancel(const json::Value *Id) {
    if (!Id)
      return;
    std::lock_guard<std::mutex> Guard(Lock);
    for (auto It = Queue.begin(); It != Queue.end(); ++It)
      if (It->IsAnswer && It->Id == *Id) {
        Out.replyError(*Id, RequestCancelled, "cancelled");
        Queue.erase(It);
        return;
      }
  }

  //===-- The worker's side -----------------------------------------------===//

  struct PassBegins {};
  struct PassEnds {};
  struct Reload {};

  // The next task, or a step of the initial pass when no task is queued.
  // An analysis is ready at its time; an answer when nothing is before it.
  // A pass cancelled before its first unit still begins and ends.
  std::variant<Task, size_t, PassBegins, PassEnds, Reload> next() {
    std::unique_lock<std::mutex> L(Lock);
    while (true) {
      if (ReloadAsked) {
        ReloadAsked = false;
        return Reload();
      }
      if (PassAsked) {
        PassAsked = false;
        return PassBegins();
      }
      Clock::time_point Now = Clock::now(), Earliest = Clock::time_point::max();
      for (auto It = Queue.begin(); It != Queue.end(); ++It) {
        if ((It->IsAnswer && It == Queue.begin()) ||
            (!It->IsAnswer && It->NotBefore <= Now)) {
          Task T = std::move(*It);
          Queue.erase(It);
          return T;
        }
        if (!It->IsAnswer)
          Earliest = std::min(Earliest, It->NotBefore);
      }
      if (!Pass.empty()) {
        size_t Unit = Pass.front();
        Pass.pop_front();
        return Unit;
      }
      if (PassActive)
        return PassEnds(); // The pass is over, or cancelled.
      if (Earliest == Clock::time_point::max())
        Wake.wait(L);
      else
        Wake.wait_until(L, Earliest);
    }
  }

  void work() {
    while (true) {
      auto Next = next();
      if (Task *T = std::get_if<Task>(&Next)) {
        if (T->IsAnswer)
          answer(*T);
        else if (analyseFile(T->File))
          publish();
      } else if (size_t *Unit = std::get_if<size_t>(&Next)) {
        passUnit(*Unit);
      } else if (std::holds_alternative<PassBegins>(Next)) {
        beginPass();
      } else if (std::holds_alternative<Reload>(Next)) {
        reload();
      } else {
        endPass();
      }
    }
  }

  StringMap<std::string> buffers() {
    std::lock_guard<std::mutex> Guard(Lock);
    return Buffers;
  }

  void analyse(size_t I, const Overlays &Current) {
    Results[I] = analyseUnit(Work.Units[I], Options, &Current);
    Unjoined[I] = true;
    Stale[I] = false;
    if (!Results[I].Failure.empty())
      Out.log(LogWarning,
              Work.Units[I].Filename + ": not analysed: " + Results[I].Failure);
  }

  // Analyses the units whose main file is File, or that read it when
  // last analysed; false when there are none.
  bool analyseFile(StringRef File) {
    Overlays Current = buffers();
    bool Any = false;
    for (size_t I = 0; I < Work.Units.size(); ++I)
      if (Work.Units[I].Filename == File ||
          llvm::is_contained(Results[I].FilesRead, File)) {
        analyse(I, Current);
        Any = true;
      }
    if (!Any)
      Out.log(LogInfo, "no unit of the compile database reads " + File);
    return Any;
  }

  void beginPass() {
    PassActive = true;
    PassDone = 0;
    if (!WorkDoneProgress)
      return;
    Out.request("window/workDoneProgress/create",
                json::Object{{"token", "durcheck-pass"}});
    progress(json::Object{{"kind", "begin"},
                          {"title", "durcheck"},
                          {"cancellable", true},
                          {"percentage", 0}});
  }

  // Reads the .clang-tidy files again, and analyses every unit again in a
  // new pass, which ends a pass under way.
  void reload() {
    Options.reload();
    Stale.assign(Work.Units.size(), true);
    Out.log(LogInfo, "a .clang-tidy file changed: analysing every unit again");
    if (PassActive)
      endPass();
    startPass();
  }

  void passUnit(size_t I) {
    // A unit an open file had analysed already needs no second run.
    if (Results[I].Failure == "not analysed yet" || Stale[I])
      analyse(I, buffers());
    ++PassDone;
    if (WorkDoneProgress)
      progress(json::Object{
          {"kind", "report"},
          {"message", formatv("{0}/{1} units", PassDone, Work.Units.size())},
          {"percentage",
           PassDone * 100 / std::max<size_t>(1, Work.Units.size())}});
  }

  void endPass() {
    PassActive = false;
    if (WorkDoneProgress)
      progress(json::Object{{"kind", "end"},
                            {"message", formatv("{0} of {1} units analysed",
                                                PassDone, Work.Units.size())}});
    publish();
  }

  void progress(json::Object Value) {
    Out.notify("$/progress", json::Object{{"token", "durcheck-pass"},
                                          {"value", std::move(Value)}});
  }

  // Joins every unit's result, and tells the client of every file whose
  // findings changed, including those that have none left.
  void publish() {
    std::string Error;
    auto Start = std::chrono::steady_clock::now();
    auto After = Join.findings(Results, Unjoined, Error);
    if (!After)
      return Out.log(LogError, "the join failed: " + Error);
    Out.log(LogLog,
            formatv("joined {0} units, {1} changed, in {2} ms", Results.size(),
                    llvm::count(Unjoined, true),
                    std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - Start)
                        .count()));
    Unjoined.assign(Results.size(), false);
    std::vector<ClangTidyError> All;
    for (std::vector<ClangTidyError> &Unit : *After)
      for (ClangTidyError &E : Unit)
        All.push_back(std::move(E));
    sortFindings(All);
    std::map<std::string, std::vector<ClangTidyError>> ByFile;
    for (ClangTidyError &E : All)
      ByFile[E.Message.FilePath].push_back(std::move(E));
    std::set<std::string> Files;
    for (const auto &[File, Findings] : ByFile)
      Files.insert(File);
    for (const auto &Entry : Published)
      Files.insert(Entry.first().str());

    StringMap<std::string> Current = buffers();
    Sources Texts(Current, Enc);
    bool Changed = false;
    for (const std::string &File : Files) {
      json::Array Diagnostics;
      for (const ClangTidyError &E : ByFile[File])
        Diagnostics.push_back(diagnostic(E, Texts));
      std::string Text =
          formatv("{0}", json::Value(json::Array(Diagnostics))).str();
      auto It = Published.find(File);
      if (It != Published.end() && It->second == Text)
        continue;
      Changed = true;
      if (Diagnostics.empty())
        Published.erase(File);
      else
        Published[File] = Text;
      if (!Pull)
        Out.notify("textDocument/publishDiagnostics",
                   json::Object{{"uri", lsp::pathToUri(File)},
                                {"diagnostics", std::move(Diagnostics)}});
    }
    Findings = std::move(ByFile);
    if (Pull && Changed && RefreshSupport)
      Out.request("workspace/diagnostic/refresh", nullptr);
  }

  json::Object diagnostic(const ClangTidyError &E, Sources &Texts) {
    json::Object D{
        {"range",
         Texts.table(E.Message.FilePath).tokenRange(E.Message.FileOffset)},
        {"severity", isError(E) ? 1 : 2},
        {"source", "durcheck"},
        {"code", E.DiagnosticName},
        {"message", E.Message.Message}};
    if (StringRef(E.DiagnosticName).starts_with("durability-"))
      D["codeDescription"] = json::Object{
          {"href", DURCHECK_DOCS_URL "/" + E.DiagnosticName + ".rst"}};
    json::Array Related;
    for (const clang::tooling::DiagnosticMessage &N : E.Notes)
      if (!N.FilePath.empty())
        Related.push_back(json::Object{
            {"location",
             json::Object{
                 {"uri", lsp::pathToUri(N.FilePath)},
                 {"range", Texts.table(N.FilePath).tokenRange(N.FileOffset)}}},
            {"message", N.Message}});
    if (!Related.empty())
      D["relatedInformation"] = std::move(Related);
    return D;
  }

  void answer(const Task &T) {
    const json::Object *Doc = T.Params.getObject("textDocument");
    std::optional<StringRef> Uri = Doc ? Doc->getString("uri") : std::nullopt;
    std::optional<std::string> File = Uri ? lsp::uriToPath(*Uri) : std::nullopt;
    if (!File)
      return Out.replyError(T.Id, InvalidParams,
                            T.Method + " needs textDocument.uri, a file: URI");
    StringMap<std::string> Current = buffers();
    Sources Texts(Current, Enc);
    if (T.Method == "textDocument/diagnostic") {
      json::Array Items;
      for (const ClangTidyError &E : Findings[*File])
        Items.push_back(diagnostic(E, Texts));
      return Out.reply(
          T.Id, json::Object{{"kind", "full"}, {"items", std::move(Items)}});
    }
    Out.reply(T.Id, codeActions(*File, T.Params, Texts));
  }

  // A quick fix for each fix-it of the findings in the range: the
  // warning's, preferred, and each note's, titled with the note.
  json::Value codeActions(const std::string &File, const json::Object &P,
                          Sources &Texts) {
    json::Array Actions;
    if (const json::Object *Context = P.getObject("context"))
      if (const json::Array *Only = Context->getArray("only"))
        if (llvm::none_of(*Only, [](const json::Value &K) {
              return K.getAsString().value_or("").starts_with("quickfix");
            }))
          return Actions;
    const lsp::LineTable &Table = Texts.table(File);
    const json::Object *Range = P.getObject("range");
    std::optional<unsigned> Start, End;
    if (Range) {
      Start = Table.offset(Range->get("start"));
      End = Table.offset(Range->get("end"));
    }
    if (!Start || !End)
      return Actions;
    for (const ClangTidyError &E : Findings[File]) {
      unsigned From = E.Message.FileOffset, To = Table.tokenEnd(From);
      if (From > *End || *Start > To)
        continue;
      json::Object D = diagnostic(E, Texts);
      auto Add = [&](std::string Title,
                     const StringMap<clang::tooling::Replacements> &Fix,
                     bool Preferred) {
        if (Fix.empty())
          return;
        json::Object Changes;
        for (const auto &Entry : Fix) {
          json::Array Edits;
          const lsp::LineTable &T = Texts.table(Entry.getKey());
          // json::Value does not own a StringRef's text: copy it.
          for (const clang::tooling::Replacement &R : Entry.getValue())
            Edits.push_back(
                json::Object{{"range", T.range(R.getOffset(), R.getLength())},
                             {"newText", R.getReplacementText().str()}});
          Changes[lsp::pathToUri(Entry.getKey())] = std::move(Edits);
        }
        json::Object Action{
            {"title", std::move(Title)},
            {"kind", "quickfix"},
            {"diagnostics", json::Array{json::Value(json::Object(D))}},
            {"edit", json::Object{{"changes", std::move(Changes)}}}};
        if (Preferred)
          Action["isPreferred"] = true;
        Actions.push_back(std::move(Action));
      };
      Add("Fix: " + E.Message.Message, E.Message.Fix, true);
      for (const clang::tooling::DiagnosticMessage &N : E.Notes)
        Add(N.Message, N.Fix, false);
    }
    return Actions;
  }

  SharedOptions Options;
  const std::string BuildPath;
  Transport &Out;
  std::thread Worker;

  // The reader's alone.
  bool Initialized = false, ShutDown = false;

  // Set by initialize, before the worker starts; read-only after.
  lsp::Encoding Enc = lsp::Encoding::UTF16;
  bool Pull = false, RefreshSupport = false, WorkDoneProgress = false;
  WorkList Work;

  // Shared, under Lock.
  std::mutex Lock;
  std::condition_variable Wake;
  std::deque<Task> Queue;
  std::deque<size_t> Pass;
  bool PassAsked = false, ReloadAsked = false;
  StringMap<std::string> Buffers;

  // The worker's alone.
  std::vector<UnitResult> Results;
  /// The join, kept between runs, and the units analysed since its last.
  UnitJoin Join;
  std::vector<bool> Unjoined;
  /// The units analysed before the .clang-tidy files last changed.
  std::vector<bool> Stale;
  bool PassActive = false;
  size_t PassDone = 0;
  /// The findings after the last join, by file, and what was last
  /// published for each file that had findings.
  std::map<std::string, std::vector<ClangTidyError>> Findings;
  StringMap<std::string> Published;
};

} // namespace

int runLspServer(const TidyConfig &Config, const std::string &BuildPath) {
  // The protocol owns stdout: anything else that writes there, a library
  // included, goes to stderr instead.
  int ProtocolFD = ::dup(STDOUT_FILENO);
  if (ProtocolFD < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    errs() << "durcheck: error: cannot set up stdout for --lsp\n";
    return 2;
  }
  Transport Out(ProtocolFD);
  Server S(Config, BuildPath, Out);
  int Status = S.run();
  errs().flush();
  // The worker may be inside an analysis; nothing it holds needs cleaning.
  ::_exit(Status);
}

} // namespace durcheck
