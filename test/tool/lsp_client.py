#!/usr/bin/env python3
"""A small Language Server Protocol client for durcheck --lsp's tests.

Usage:
  lsp_client.py SCRIPT --root DIR [--prefix P] [--stderr FILE] -- SERVER...

Starts SERVER and runs the lines of SCRIPT that start with "LSP:", or
"P:" (lit tests hold their scripts in the test file itself), printing
what the server answers in a stable, readable form for FileCheck. Paths are relative to
--root, which is also the workspace's rootUri. Positions print 0-based, as
the protocol counts them: LINE:COLUMN.

Commands (arguments split as a shell does, after $ROOT_URI becomes the
root's file: URI):
  initialize [JSON]          initialize with these params merged in; prints
                             the result
  initialized                the initialized notification
  open FILE                  didOpen with the file's text on disk
  replace FILE OLD NEW       edit the buffer (first OLD becomes NEW; \n in
                             either is a newline) and send didChange with
                             the whole text
  save FILE                  write the buffer to disk, send didSave
  store FILE                 write the buffer to disk and send nothing, as
                             another program would
  close FILE                 didClose
  diagnostics FILE           wait for the next publishDiagnostics of FILE
                             and print it
  no-diagnostics SECONDS     fail if any publishDiagnostics arrives within
  code-action FILE LINE COL  request code actions at a 0-based position;
                             prints them and keeps them for apply
  apply N                    apply the edit of action N of the last
                             code-action reply to the buffers
  request ID METHOD [JSON]   send a request; 'response ID' waits for it
  response ID                wait for the response to request ID, print it
  notify METHOD [JSON]       send a notification
  raw TEXT                   send TEXT as is, after Python string escapes
  server-request METHOD      wait for a request of the server, print it
  progress-end               wait for the end of work-done progress, print
                             its message
  sync                       a barrier: returns once the server has handled
                             everything sent before it (but for the initial
                             pass: wait for progress-end), and drops the
                             publishDiagnostics that came before it from
                             what 'diagnostics' waits for
  published                  print every file's latest publishDiagnostics
                             (those left empty are not listed)
  driver ARG...              run the server's program without --lsp, with
                             ARG... and --format=json in the root, and print
                             its findings as 'published' prints them, after
                             the units it could not analyse
  compare ARG...             print 'published == driver', the units the
                             driver could not analyse, and the findings if
                             both agree, else a diff, and fail
  echo TEXT...               nothing but its own line: a label for FileCheck
  exit                       send exit, print the server's exit status
Every wait gives up after 60 seconds, and the client fails if the server
writes anything to stdout that is not a framed JSON-RPC message.

'published' and 'driver' print each finding as FILE:LINE:COLUMN, 1-based
with the column in bytes as the driver counts it, then its level, check and
message, and its notes below it, sorted by place.
"""

import argparse
import difflib
import json
import os
import queue
import shlex
import subprocess
import sys
import threading
import time
import urllib.parse

TIMEOUT = 60


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


class Client:
    def __init__(self, server, root, stderr):
        self.root = os.path.abspath(root)
        # 'driver' runs it from the root: a relative path must still hold.
        self.server = [os.path.abspath(server[0]) if os.sep in server[0]
                       else server[0]] + server[1:]
        self.proc = subprocess.Popen(server, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr)
        self.inbox = queue.Queue()
        self.kept = []
        self.buffers = {}
        self.versions = {}
        self.actions = []
        self.next_id = 1
        # Every file's latest publishDiagnostics, as the server left it.
        self.latest = {}
        self.encoding = "utf-16"
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line == b"\r\n":
                    break
                if not line.endswith(b"\r\n") or b":" not in line:
                    self.inbox.put(("garbage", line))
                    return
                name, value = line[:-2].split(b":", 1)
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers[b"content-length"]))
            self.inbox.put(("message", json.loads(body)))

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def write(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def path(self, name):
        return os.path.join(self.root, name)

    def rel(self, u):
        p = urllib.parse.unquote(u[len("file://"):])
        return os.path.relpath(p, self.root)

    # The next message that Match accepts; the others are kept for later
    # waits, and requests from the server are answered.
    def wait(self, match, seconds=TIMEOUT, what="a message"):
        for i, m in enumerate(self.kept):
            if match(m):
                return self.kept.pop(i)
        deadline = time.time() + seconds
        while True:
            left = deadline - time.time()
            try:
                item = self.inbox.get(timeout=max(left, 0))
            except queue.Empty:
                return None
            if item is None:
                fail("the server closed stdout while waiting for " + what)
            if item[0] == "garbage":
                fail("not a framed message on stdout: %r" % item[1])
            m = item[1]
            if "method" in m and "id" in m:
                self.send({"id": m["id"], "result": None})
            # Recorded as it arrives, whatever waits for it, so that
            # 'published' sees every file's last word.
            if m.get("method") == "textDocument/publishDiagnostics":
                p = m["params"]
                self.latest[self.rel(p["uri"])] = p["diagnostics"]
            if match(m):
                return m
            self.kept.append(m)

    def must(self, match, what):
        m = self.wait(match, what=what)
        if m is None:
            fail("timed out waiting for " + what)
        return m

    def request(self, method, params, rid=None):
        rid = rid if rid is not None else "c%d" % self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        return rid

    def response(self, rid):
        return self.must(lambda m: m.get("id") == rid and "method" not in m,
                         "the response to %r" % rid)

    def doc(self, name):
        return {"uri": uri(self.path(name))}


def fail(why):
    sys.stdout.flush()
    sys.stderr.write("lsp_client.py: " + why + "\n")
    sys.exit(1)


def pos(p):
    return "%d:%d" % (p["line"], p["character"])


def rng(r):
    return pos(r["start"]) + "-" + pos(r["end"])


def show_diagnostics(c, m):
    p = m["params"]
    print("diagnostics %s: %d" % (c.rel(p["uri"]), len(p["diagnostics"])))
    for d in p["diagnostics"]:
        show_diagnostic(c, d, "  ")


def show_diagnostic(c, d, indent):
    sev = {1: "error", 2: "warning", 3: "info", 4: "hint"}[d["severity"]]
    print("%s%s %s [%s] %s" % (indent, rng(d["range"]), sev, d["code"],
                               d["message"]))
    if "codeDescription" in d:
        print("%s  href %s" % (indent, d["codeDescription"]["href"]))
    for r in d.get("relatedInformation", []):
        loc = r["location"]
        print("%s  note %s:%s %s" % (indent, c.rel(loc["uri"]),
                                     rng(loc["range"]), r["message"]))


def byte_column(c, name, p):
    """The 1-based byte column of protocol position P in file NAME."""
    if c.encoding == "utf-8":
        return p["character"] + 1
    if name in c.buffers:
        text = c.buffers[name]
    else:
        with open(c.path(name), encoding="utf-8") as f:
            text = f.read()
    line = text.split("\n")[p["line"]] if text else ""
    units, i = 0, 0
    while i < len(line) and units < p["character"]:
        units += 2 if ord(line[i]) > 0xFFFF else 1
        i += 1
    return len(line[:i].encode("utf-8")) + 1


# A finding as both sides print it: the warning's place, level, check and
# message, and its notes' places and messages, in order.
def published_findings(c):
    found = []
    for name, diagnostics in c.latest.items():
        for d in diagnostics:
            start = d["range"]["start"]
            notes = []
            for r in d.get("relatedInformation", []):
                note_name = c.rel(r["location"]["uri"])
                note_start = r["location"]["range"]["start"]
                notes.append((note_name, note_start["line"] + 1,
                              byte_column(c, note_name, note_start),
                              r["message"]))
            found.append((name, start["line"] + 1,
                          byte_column(c, name, start),
                          {1: "error", 2: "warning"}[d["severity"]],
                          d["code"], d["message"], tuple(notes)))
    return sorted(found)


def driver_findings(c, args):
    """The findings of a whole-program run, and the units it could not
    analyse, as the server also leaves those out of the join."""
    # The server's own program and options, without --lsp.
    argv = [a for a in c.server if a != "--lsp"] + args + [
        "--format=json", "--quiet"]
    run = subprocess.run(argv, cwd=c.root, capture_output=True, text=True,
                         timeout=TIMEOUT)
    if run.returncode not in (0, 1, 3):
        fail("the driver exited with %d: %s" % (run.returncode, run.stderr))
    report = json.loads(run.stdout)
    rel = lambda f: os.path.relpath(f, c.root)
    # A diagnostic's related information needs a place: the server leaves
    # out notes without a file.
    found = sorted(
        (rel(f["file"]), f["line"], f["column"], f["level"], f["check"],
         f["message"], tuple((rel(n["file"]), n["line"], n["column"],
                              n["message"]) for n in f["notes"]
                             if n["file"]))
        for f in report["findings"])
    return found, sorted(rel(f["file"]) for f in report["failures"])


def findings_lines(found):
    lines = []
    for name, line, col, level, check, message, notes in found:
        lines.append("  %s:%d:%d %s [%s] %s" % (name, line, col, level,
                                                 check, message))
        for note in notes:
            lines.append("    note %s:%d:%d %s" % note)
    return lines


def apply_edits(text, edits):
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(p):
        # Columns are UTF-16 code units: no test applies an edit after
        # negotiating UTF-8.
        line = lines[p["line"]]
        units, i = 0, 0
        while i < len(line) and units < p["character"]:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return starts[p["line"]] + i

    for e in sorted(edits, key=lambda e: offset(e["range"]["start"]),
                    reverse=True):
        a, b = offset(e["range"]["start"]), offset(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


def run(c, argv):
    cmd, args = argv[0], argv[1:]
    if cmd == "initialize":
        params = {"processId": os.getpid(), "rootUri": uri(c.root),
                  "capabilities": {}}
        if args:
            params.update(json.loads(args[0]))
        r = c.response(c.request("initialize", params))
        print("initialize: " + json.dumps(r.get("result", r.get("error")),
                                          sort_keys=True))
        c.encoding = (r.get("result") or {}).get("capabilities", {}).get(
            "positionEncoding", "utf-16")
    elif cmd == "initialized":
        c.send({"method": "initialized", "params": {}})
    elif cmd == "open":
        with open(c.path(args[0]), encoding="utf-8") as f:
            c.buffers[args[0]] = f.read()
        c.versions[args[0]] = 1
        c.send({"method": "textDocument/didOpen", "params": {
            "textDocument": dict(c.doc(args[0]), languageId="c", version=1,
                                 text=c.buffers[args[0]])}})
    elif cmd == "replace":
        name, old, new = (a.replace("\\n", "\n") for a in args)
        if old not in c.buffers[name]:
            fail("%r is not in %s" % (old, name))
        c.buffers[name] = c.buffers[name].replace(old, new, 1)
        c.versions[name] += 1
        c.send({"method": "textDocument/didChange", "params": {
            "textDocument": dict(c.doc(args[0]), version=c.versions[name]),
            "contentChanges": [{"text": c.buffers[name]}]}})
    elif cmd in ("save", "store"):
        with open(c.path(args[0]), "w", encoding="utf-8") as f:
            f.write(c.buffers[args[0]])
        if cmd == "save":
            c.send({"method": "textDocument/didSave",
                    "params": {"textDocument": c.doc(args[0])}})
    elif cmd == "close":
        c.send({"method": "textDocument/didClose",
                "params": {"textDocument": c.doc(args[0])}})
    elif cmd == "diagnostics":
        want = uri(c.path(args[0]))
        show_diagnostics(c, c.must(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == want, "diagnostics of " + args[0]))
    elif cmd == "no-diagnostics":
        m = c.wait(lambda m: m.get("method") ==
                   "textDocument/publishDiagnostics", float(args[0]))
        if m is not None:
            show_diagnostics(c, m)
            fail("unexpected diagnostics")
        print("no diagnostics")
    elif cmd == "code-action":
        name, line, col = args[0], int(args[1]), int(args[2])
        p = {"line": line, "character": col}
        r = c.response(c.request("textDocument/codeAction", {
            "textDocument": c.doc(name), "range": {"start": p, "end": p},
            "context": {"diagnostics": []}}))
        c.actions = r["result"]
        print("code actions: %d" % len(c.actions))
        for i, a in enumerate(c.actions):
            print("  %d %s%s: %s" % (i, a["kind"],
                                     " preferred" if a.get("isPreferred")
                                     else "", a["title"]))
            for u, edits in sorted(a["edit"]["changes"].items()):
                for e in edits:
                    print("    %s %s %s" % (c.rel(u), rng(e["range"]),
                                            json.dumps(e["newText"])))
    elif cmd == "apply":
        for u, edits in c.actions[int(args[0])]["edit"]["changes"].items():
            name = c.rel(u)
            c.buffers[name] = apply_edits(c.buffers[name], edits)
            c.versions[name] += 1
            c.send({"method": "textDocument/didChange", "params": {
                "textDocument": dict(c.doc(name), version=c.versions[name]),
                "contentChanges": [{"text": c.buffers[name]}]}})
    elif cmd == "request":
        params = json.loads(args[2]) if len(args) > 2 else {}
        c.request(args[1], params, rid=json.loads(args[0]))
    elif cmd == "response":
        r = c.response(json.loads(args[0]))
        del r["jsonrpc"]
        print("response: " + json.dumps(r, sort_keys=True))
    elif cmd == "notify":
        params = json.loads(args[1]) if len(args) > 1 else {}
        c.send({"method": args[0], "params": params})
    elif cmd == "raw":
        c.write(args[0].encode().decode("unicode_escape").encode("latin-1"))
    elif cmd == "server-request":
        m = c.must(lambda m: m.get("method") == args[0] and "id" in m,
                   "a request " + args[0])
        print("server request %s %s" % (m["method"],
                                        json.dumps(m.get("params"))))
    elif cmd == "progress-end":
        m = c.must(lambda m: m.get("method") == "$/progress" and
                   m["params"]["value"]["kind"] == "end", "the progress's end")
        print("progress end: " + m["params"]["value"].get("message", ""))
    elif cmd == "sync":
        # The server answers a code action in its worker's queue, after
        # every analysis queued before it, including a didChange's that
        # waits for its quiet interval, and publishes before it answers.
        # The initial pass yields to it: wait for progress-end first.
        p = {"line": 0, "character": 0}
        c.response(c.request("textDocument/codeAction", {
            "textDocument": c.doc(".lsp-client-sync"),
            "range": {"start": p, "end": p},
            "context": {"diagnostics": []}}))
        c.kept = [m for m in c.kept if m.get("method") !=
                  "textDocument/publishDiagnostics"]
        print("synced")
    elif cmd == "published":
        found = published_findings(c)
        print("published: %d findings" % len(found))
        for line in findings_lines(found):
            print(line)
    elif cmd == "driver":
        found, failed = driver_findings(c, args)
        print("driver: %d findings" % len(found))
        for name in failed:
            print("  not analysed: " + name)
        for line in findings_lines(found):
            print(line)
    elif cmd == "compare":
        found = published_findings(c)
        published = findings_lines(found)
        driver_found, failed = driver_findings(c, args)
        driver = findings_lines(driver_found)
        if published != driver:
            print("published != driver:")
            for line in difflib.unified_diff(driver, published, "driver",
                                             "published", lineterm=""):
                print(line)
            fail("the server's diagnostics differ from the driver's")
        print("published == driver: %d findings" % len(found))
        for name in failed:
            print("  not analysed: " + name)
        for line in published:
            print(line)
    elif cmd == "echo":
        pass  # Only its "> echo" line: a label for FileCheck.
    elif cmd == "exit":
        c.send({"method": "exit"})
        c.proc.stdin.close()
        print("exit status %d" % c.proc.wait(timeout=TIMEOUT))
    else:
        fail("unknown command " + cmd)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("script")
    parser.add_argument("--root", required=True)
    parser.add_argument("--prefix", default="LSP")
    parser.add_argument("--stderr")
    parser.add_argument("server", nargs="+")
    args = parser.parse_args()
    stderr = open(args.stderr, "w") if args.stderr else None
    c = Client(args.server, args.root, stderr)
    with open(args.script, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith(args.prefix + ":"):
                command = line[len(args.prefix) + 1:].strip()
                print("> " + command)
                sys.stdout.flush()
                run(c, shlex.split(command.replace("$ROOT_URI",
                                                   uri(c.root))))
                sys.stdout.flush()
    if c.proc.poll() is None:
        c.proc.kill()
        fail("the script ended before the server did")


if __name__ == "__main__":
    main()
