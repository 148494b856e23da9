#!/usr/bin/env python3
"""Measures what the checks of the three-checks issue add to a durcheck run.

Usage:
  bench/checks.py [--runs N] [--build DIR] [--db-root DIR]
                  [--results FILE] [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, as
bench/corpora.sh makes them; default sqlite3, the worst case: one 9 MB
unit of over 2,000 functions) it runs this build's durcheck -j1, in
alternation, N times each, with these checks:

  three      the first three: rename-without-dir-fsync,
             mixed-direct-buffered-io, vfork-misuse
  six        all of them, durability-*
  +create    the three and create-without-dir-fsync
  +file      the three and rename-without-file-fsync
  +unchecked the three and unchecked-fsync

and prints the medians, in CPU seconds (each run is one thread), with each
set's cost over the three, which the issue wants at most 5% for the six. It
prints numbers, never asserts them: the machine is noisy.
"""

import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (bench_arguments, built_durcheck, cpu_seconds,  # noqa: E402
                 print_results)

THREE = ["durability-rename-without-dir-fsync",
         "durability-mixed-direct-buffered-io", "durability-vfork-misuse"]
SETS = {
    "three": THREE,
    "six": ["durability-*"],
    "+create": THREE + ["durability-create-without-dir-fsync"],
    "+file": THREE + ["durability-rename-without-file-fsync"],
    "+unchecked": THREE + ["durability-unchecked-fsync"],
}


def bench(name, db_dir, durcheck, runs):
    samples = {k: [] for k in SETS}
    for _ in range(runs):
        for key, checks in SETS.items():
            samples[key].append(cpu_seconds(
                [durcheck, "-p", db_dir, "-j1", "--quiet", "--format=json",
                 "--output=/dev/null", "--checks=-*," + ",".join(checks)])[0])
    medians = {k: statistics.median(v) for k, v in samples.items()}
    row = {"corpus": name, **medians}
    for key in SETS:
        row["cost " + key] = medians[key] / medians["three"] - 1
    return row


def table(rows):
    added = [k for k in SETS if k != "three"]
    head = ("| corpus | three CPU s | " +
            " | ".join("%s CPU s | %s cost" % (k, k) for k in added) + " |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        cells = ["%.2f | %+.1f%%" % (r[k], 100 * r["cost " + k])
                 for k in added]
        lines.append("| %s | %.2f | %s |" % (r["corpus"], r["three"],
                                             " | ".join(cells)))
    return "\n".join(lines)


def main():
    args = bench_arguments(__doc__.split("\n")[0]).parse_args()
    durcheck = built_durcheck(args.build)
    rows = []
    for name in args.corpora or ["sqlite3"]:
        db_dir = os.path.join(args.db_root, name)
        if not os.path.exists(os.path.join(db_dir, "compile_commands.json")):
            sys.exit("bench/checks.py: no database for %s; run "
                     "bench/corpora.sh %s" % (name, name))
        print("%s: %d runs of each..." % (name, args.runs), flush=True)
        rows.append(bench(name, db_dir, durcheck, args.runs))
        print(table(rows[-1:]), flush=True)
    print_results(rows, table, args.runs, args.results)


if __name__ == "__main__":
    main()
