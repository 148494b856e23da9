#!/usr/bin/env python3
"""Measures durcheck --lsp's latency and memory against the driver's.

Usage:
  bench/lsp.py [--runs 5] [--build DIR] [--db-root DIR] [--results FILE]
               [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, default
leveldb), on its largest unit (the largest source file):

  didSave       the time from didSave to the publishDiagnostics of FILE in
                a server that has made its initial pass over the database:
                each of 2 x --runs toggles edits the open buffer -- it
                appends a function with a rename finding, or removes it
                again, so that the findings change and are published -- and
                sends didSave. The file on disk is never written: the server
                analyses an open buffer, not the file, after a save as after
                any edit.
  single file   the wall time of durcheck -p DB FILE, a process after each
                toggle, so that both see the same load
  join          the join's own time after each save, from the server's
                "joined N units, K changed, in T ms" log message
  moved join    the same after each of 2 x --runs more saves that insert a
                comment line in the middle of the buffer, or remove it:
                every function below it moves, and nothing else changes
  RSS           the server's resident set after the initial pass, against
                the peak of one durcheck -p DB -j1 over the whole database.

and prints the medians and the ratios didSave / single file (the language
server issue wants at most 1.2), the join's time (at most 50 ms for 1,000
units) and RSS / -j1 peak (at most 2). It asserts nothing: the machine is
noisy.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "test", "tool"))
from lsp_client import Client, uri  # noqa: E402
from run import (add_location_arguments, load_units,  # noqa: E402
                 markdown_table, measure, print_results)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A function with a rename finding, from the language server's tests,
# renamed so as not to clash with the unit's own.
with open(os.path.join(ROOT, "test", "tool", "Inputs", "lsp-rename",
                       "save.c")) as f:
    BUG = "\n" + f.read().replace("int save(", "int durcheck_bench_save(")

PASS_TIMEOUT = 3600


def largest_unit(db_dir):
    paths = [os.path.join(e["directory"], e["file"])
             for e in load_units(db_dir)]
    return max(paths, key=os.path.getsize)


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def single_file(durcheck, db_dir, path):
    return measure([durcheck, "-p", db_dir, path, "--quiet", "--format=json",
                    "--output=/dev/null"])[0]


def latencies(durcheck, db_dir, path, runs):
    """Medians of didSave -> publishDiagnostics and of the single-file
    time, measured in turns so that both see the same load; the server's
    RSS after the pass."""
    c = Client([durcheck, "--lsp"], os.path.dirname(path),
               open(os.devnull, "w"))
    c.response(c.request("initialize", {
        "processId": os.getpid(), "rootUri": uri(c.root),
        "capabilities": {"window": {"workDoneProgress": True}},
        "initializationOptions": {"compilationDatabasePath": db_dir}}))
    c.send({"method": "initialized", "params": {}})
    if c.wait(lambda m: m.get("method") == "$/progress" and
              m["params"]["value"]["kind"] == "end", PASS_TIMEOUT) is None:
        sys.exit("bench/lsp.py: the initial pass did not end")
    rss = rss_kib(c.proc.pid)
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        base = f.read()
    doc = {"uri": uri(path)}
    c.send({"method": "textDocument/didOpen", "params": {"textDocument": dict(
        doc, languageId="cpp", version=1, text=base)}})
    version = 1

    def save(text, published):
        """Saves text as the buffer; the seconds to the publication of its
        findings if published, and the join's seconds."""
        nonlocal version
        version += 1
        c.send({"method": "textDocument/didChange", "params": {
            "textDocument": dict(doc, version=version),
            "contentChanges": [{"text": text}]}})
        # The server logs each join before it publishes what it found.
        c.kept = [m for m in c.kept if m.get("method") != "window/logMessage"]
        start = time.perf_counter()
        c.send({"method": "textDocument/didSave",
                "params": {"textDocument": doc}})
        if published:
            c.must(lambda m: m.get("method") ==
                   "textDocument/publishDiagnostics" and
                   m["params"]["uri"] == doc["uri"], "diagnostics")
        log = c.must(lambda m: m.get("method") == "window/logMessage" and
                     m["params"]["message"].startswith("joined "),
                     "the join's log message")
        return (time.perf_counter() - start,
                int(log["params"]["message"].split()[-2]) / 1000)

    times, singles, joins, moved = [], [], [], []
    # The first toggle also waits for the open's analysis: not counted.
    for i in range(2 * runs + 1):
        latency, join = save(base + BUG if i % 2 == 0 else base, True)
        if i:
            times.append(latency)
            joins.append(join)
            singles.append(single_file(durcheck, db_dir, path))
    middle = base.index("\n}\n", len(base) // 2) + 3
    for i in range(2 * runs):
        text = (base[:middle] + "/* moved */\n" + base[middle:]
                if i % 2 == 0 else base)
        moved.append(save(text, False)[1])
    c.response(c.request("shutdown", None))
    c.send({"method": "exit"})
    c.proc.wait()
    return (statistics.median(times), statistics.median(singles),
            statistics.median(joins), statistics.median(moved), rss)


def table(rows):
    return markdown_table(
        "| corpus | units | unit | single file s | didSave to publish s | "
        "ratio | join ms | moved join ms | server RSS after pass MiB | "
        "-j1 peak RSS MiB | ratio |",
        "| {corpus} | {units} | {unit} | {single:.3f} | {save:.3f} | "
        "{latency:.2f} | {join:.0f} | {moved:.0f} | {rss:.0f} | {peak:.0f} | "
        "{memory:.2f} |",
        rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    add_location_arguments(parser)
    parser.add_argument("corpora", nargs="*", default=["leveldb"])
    args = parser.parse_args()
    durcheck = os.path.join(args.build, "tools", "durcheck", "durcheck")
    rows = []
    for name in args.corpora:
        db_dir = os.path.join(args.db_root, name)
        path = largest_unit(db_dir)
        save, single, join, moved, rss = latencies(durcheck, db_dir, path,
                                                   args.runs)
        peak = measure([durcheck, "-p", db_dir, "-j1", "--quiet",
                        "--format=json", "--output=/dev/null"])[1]
        rows.append({"corpus": name, "units": len(load_units(db_dir)),
                     "unit": os.path.basename(path), "join": join * 1000,
                     "moved": moved * 1000,
                     "single": single, "save": save, "latency": save / single,
                     "rss": rss / 1024, "peak": peak / 1024,
                     "memory": rss / peak})
    print_results(rows, table, args.runs, args.results)


if __name__ == "__main__":
    main()
