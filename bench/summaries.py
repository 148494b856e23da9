#!/usr/bin/env python3
"""Measures what the function summaries and the result files cost.

Usage:
  bench/summaries.py --baseline DURCHECK [--runs N] [--build DIR]
                     [--db-root DIR] [--results FILE] [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, as
bench/corpora.sh makes them) it runs, in alternation, N times each, all
with the baseline's three checks (rename-without-dir-fsync,
mixed-direct-buffered-io, vfork-misuse), so that the newer checks' cost is
not counted as the summaries':

  baseline   the --baseline durcheck -j1, a build from before the summaries
             (the commit the summaries landed on: see bench/README.md)
  durcheck   this build's durcheck -j1
  facts      this build's durcheck -j1 --facts-dir, writing the result files
  join       durcheck --join over those files, which parses nothing

and prints the medians and the ratios the wrapper issue sets targets for:
the summaries' cost over the baseline run, the join's time, and the size of
the result files -- written once more with all of this build's checks, as
a user's run writes them -- against the units' preprocessed sources
(clang -E, once).
It prints numbers, never asserts them: the machine is noisy, so it reports
medians of runs made side by side, in CPU seconds (every run is one
thread), which the machine's other load disturbs less than wall time.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import THREE  # noqa: E402
from run import (add_location_arguments, compiler_flags, cpu_seconds,  # noqa: E402
                 load_units, print_results)

CHECKS = "--checks=-*," + ",".join(THREE)

def preprocessed_bytes(units, clang):
    """The size of every unit's preprocessed source, as clang -E prints it."""
    return sum(len(subprocess.run([clang, "-E", "-o", "-"] + compiler_flags(u),
                                  cwd=u["directory"],
                                  capture_output=True).stdout)
               for u in units)


def directory_bytes(path):
    return sum(os.path.getsize(os.path.join(path, name))
               for name in os.listdir(path))


def bench(name, db_dir, tools, runs, scratch):
    facts = os.path.join(scratch, name + "-facts")
    samples = {k: [] for k in ("baseline", "durcheck", "facts", "join")}
    for _ in range(runs):
        base = [tools.baseline, "-p", db_dir, "-j1", "--quiet",
                "--format=json", "--output=/dev/null", CHECKS]
        ours = [tools.durcheck, "-p", db_dir, "-j1", "--quiet",
                "--format=json", "--output=/dev/null", CHECKS]
        samples["baseline"].append(cpu_seconds(base)[0])
        samples["durcheck"].append(cpu_seconds(ours)[0])
        shutil.rmtree(facts, ignore_errors=True)
        samples["facts"].append(
            cpu_seconds(ours + ["--facts-dir=" + facts])[0])
        samples["join"].append(cpu_seconds(
            [tools.durcheck, "--join", facts, "--quiet", "--format=json",
             "--output=/dev/null"])[0])
    medians = {k: statistics.median(v) for k, v in samples.items()}
    units = load_units(db_dir)
    pre = preprocessed_bytes(units, tools.clang)
    shutil.rmtree(facts, ignore_errors=True)
    cpu_seconds([tools.durcheck, "-p", db_dir, "--quiet", "--format=json",
                 "--output=/dev/null", "--checks=-*,durability-*",
                 "--facts-dir=" + facts])
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
    add_location_arguments(parser)
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
    print_results(rows, table, args.runs, args.results)


if __name__ == "__main__":
    main()
