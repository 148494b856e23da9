#!/usr/bin/env python3
"""Measures what the function summaries and the result files cost.

Usage:
  bench/summaries.py --baseline DURCHECK [--runs N] [--build DIR]
                     [--db-root DIR] [--results FILE] [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, as
bench/corpora.sh makes them) it runs, in alternation, N times each:

  baseline   the --baseline durcheck -j1, a build from before the summaries
             (the commit the summaries landed on: see bench/README.md)
  durcheck   this build's durcheck -j1
  facts      this build's durcheck -j1 --facts-dir, writing the result files
  join       durcheck --join over those files, which parses nothing

and prints the medians and the ratios the wrapper issue sets targets for:
the summaries' cost over the baseline run, the join's time, and the size of
the result files against the units' preprocessed sources (clang -E, once).
It prints numbers, never asserts them: the machine is noisy, so it reports
medians of runs made side by side, in CPU seconds (every run is one
thread), which the machine's other load disturbs less than wall time.
"""

import argparse
import datetime
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import OUTPUT_FLAGS, OUTPUT_FLAGS_WITH_VALUE, arguments, load_units  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd):
    """The CPU seconds (user and system) cmd takes. Every run here is one
    thread, so this is its wall time on an idle machine, and what other
    load on a busy one disturbs least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    status = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode
    if status not in (0, 1):
        sys.exit("bench/summaries.py: %s exited %d" % (" ".join(cmd), status))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime -
                                                 before.ru_stime)


def preprocessed_bytes(units, clang):
    """The size of every unit's preprocessed source, as clang -E prints it."""
    total = 0
    for unit in units:
        cmd, skip = [clang, "-E", "-o", "-"], False
        for arg in arguments(unit)[1:]:
            if skip:
                skip = False
            elif arg in OUTPUT_FLAGS_WITH_VALUE:
                skip = True
            elif arg not in OUTPUT_FLAGS and not arg.startswith("-o"):
                cmd.append(arg)
        out = subprocess.run(cmd, cwd=unit["directory"], capture_output=True)
        total += len(out.stdout)
    return total


def directory_bytes(path):
    return sum(os.path.getsize(os.path.join(path, name))
               for name in os.listdir(path))


def bench(name, db_dir, tools, runs, scratch):
    facts = os.path.join(scratch, name + "-facts")
    samples = {k: [] for k in ("baseline", "durcheck", "facts", "join")}
    for _ in range(runs):
        base = [tools.baseline, "-p", db_dir, "-j1", "--quiet",
                "--format=json", "--output=/dev/null"]
        ours = [tools.durcheck, "-p", db_dir, "-j1", "--quiet",
                "--format=json", "--output=/dev/null"]
        samples["baseline"].append(timed(base))
        samples["durcheck"].append(timed(ours))
        shutil.rmtree(facts, ignore_errors=True)
        samples["facts"].append(timed(ours + ["--facts-dir=" + facts]))
        samples["join"].append(timed(
            [tools.durcheck, "--join", facts, "--quiet", "--format=json",
             "--output=/dev/null"]))
    medians = {k: statistics.median(v) for k, v in samples.items()}
    units = load_units(db_dir)
    pre = preprocessed_bytes(units, tools.clang)
    size = directory_bytes(facts)
    return {
        "corpus": name,
        "units": len(units),
        **medians,
        "cost": medians["durcheck"] / medians["baseline"] - 1,
        "facts_cost": medians["facts"] / medians["baseline"] - 1,
        "facts_mib": size / 2**20,
        "pre_mib": pre / 2**20,
        "size_ratio": size / pre,
    }


def table(rows):
    head = ("| corpus | units | baseline -j1 CPU s | durcheck -j1 CPU s | "
            "summaries' cost | with --facts-dir CPU s | cost with files | "
            "--join CPU s | result files MiB | preprocessed MiB | "
            "files / preprocessed |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        lines.append(
            "| {corpus} | {units} | {baseline:.2f} | {durcheck:.2f} | "
            "{cost:+.1%} | {facts:.2f} | {facts_cost:+.1%} | {join:.2f} | "
            "{facts_mib:.2f} | {pre_mib:.1f} | {size_ratio:.2%} |".format(**r))
    return "\n".join(lines)


class Tools:
    def __init__(self, build, baseline):
        self.clang = "/usr/lib/llvm-19/bin/clang"
        self.durcheck = os.path.join(build, "tools", "durcheck", "durcheck")
        self.baseline = baseline
        for path in (self.clang, self.durcheck, self.baseline):
            if not os.path.exists(path):
                sys.exit("bench/summaries.py: missing %s" % path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--baseline", required=True,
                        help="a durcheck built before the summaries")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", default=os.path.join(ROOT, "build",
                                                        "llvm-19"))
    parser.add_argument("--db-root", default=os.path.join(ROOT, "build",
                                                          "bench", "db"))
    parser.add_argument("--results",
                        help="also write the table, with the date, here")
    args = parser.parse_args()
    tools = Tools(args.build, args.baseline)
    names = args.corpora or sorted(os.listdir(args.db_root))
    rows = []
    with tempfile.TemporaryDirectory(prefix="durcheck-summaries-") as scratch:
        for name in names:
            print("%s: %d runs of each..." % (name, args.runs), flush=True)
            rows.append(bench(name, os.path.join(args.db_root, name), tools,
                              args.runs, scratch))
            print(table(rows[-1:]), flush=True)
    stamp = "%s, %s, %d cores, LLVM 19, medians of %d runs" % (
        datetime.date.today().isoformat(), platform.node(), os.cpu_count(),
        args.runs)
    text = table(rows)
    print("\n" + stamp + "\n" + text)
    if args.results:
        with open(args.results, "w") as f:
            f.write(stamp + "\n\n" + text + "\n")


if __name__ == "__main__":
    main()
