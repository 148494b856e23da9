#!/usr/bin/env python3
"""Measures durcheck --join over the result files of a whole corpus.

Usage:
  bench/join.py [--runs N] [--build DIR] [--baseline-build DIR]
                [--db-root DIR] [--results FILE] [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, as
bench/corpora.sh makes them; default postgresql-15, whose join the
summaries issue wants done in at most 2 s) it writes the result files once,
with this build's durcheck -p ... --facts-dir, and then runs
durcheck --join over them N times. With --baseline-build, that build's
join runs in alternation with this one's, over the same files (it must
read their format version), and the two reports must be the same bytes.

It prints the medians of the wall time (the join reads the files on every
core), the CPU time and the peak RSS, and with a baseline the ratio of
this build's wall time to the baseline's. It prints numbers, never asserts
them: the machine is noisy.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import bench_arguments, built_durcheck, print_results  # noqa: E402


def timed(cmd):
    """Runs cmd, which must exit 0 or 1; returns (wall s, CPU s, RSS KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("bench/join.py: %s exited %d" % (" ".join(cmd), code))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def bench(name, db_dir, builds, runs, scratch):
    facts = os.path.join(scratch, name + "-facts")
    subprocess.run([builds["this"], "-p", db_dir, "--quiet",
                    "--facts-dir=" + facts, "--format=json",
                    "--output=/dev/null"], check=False,
                   stderr=subprocess.DEVNULL)
    if not os.path.exists(os.path.join(facts, "manifest.json")):
        sys.exit("bench/join.py: %s wrote no result files" % name)
    samples = {k: [] for k in builds}
    for _ in range(runs):
        for key, durcheck in builds.items():
            report = os.path.join(scratch, "%s-%s.json" % (name, key))
            samples[key].append(timed(
                [durcheck, "--join", facts, "--quiet", "--format=json",
                 "--output=" + report]))
    reports = {k: open(os.path.join(scratch, "%s-%s.json" % (name, k)),
                       "rb").read() for k in builds}
    if len(set(reports.values())) != 1:
        sys.exit("bench/join.py: the joins of %s report differently" % name)
    row = {"corpus": name, "units": len(os.listdir(facts)) - 1}
    for key, values in samples.items():
        for i, what in enumerate(("wall", "cpu", "rss")):
            row[key + " " + what] = statistics.median(v[i] for v in values)
    if "baseline" in builds:
        row["ratio"] = row["this wall"] / row["baseline wall"]
    return row


def table(rows):
    keys = [k for k in ("baseline", "this") if k + " wall" in rows[0]]
    head = "| corpus | units | " + " | ".join(
        "%s wall s | %s CPU s | %s RSS MiB" % (k, k, k) for k in keys)
    if "ratio" in rows[0]:
        head += " | this / baseline wall"
    head += " |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        cells = ["%.2f | %.2f | %.0f" % (r[k + " wall"], r[k + " cpu"],
                                        r[k + " rss"] / 1024) for k in keys]
        if "ratio" in r:
            cells.append("%.2f" % r["ratio"])
        lines.append("| %s | %d | %s |" % (r["corpus"], r["units"],
                                           " | ".join(cells)))
    return "\n".join(lines)


def main():
    parser = bench_arguments(__doc__.split("\n")[0], runs=5)
    parser.add_argument("--baseline-build",
                        help="a build whose join runs beside this one's")
    args = parser.parse_args()
    builds = {}
    if args.baseline_build:
        builds["baseline"] = built_durcheck(args.baseline_build)
    builds["this"] = built_durcheck(args.build)
    rows = []
    with tempfile.TemporaryDirectory(prefix="durcheck-join-") as scratch:
        for name in args.corpora or ["postgresql-15"]:
            db_dir = os.path.join(args.db_root, name)
            if not os.path.exists(os.path.join(db_dir,
                                               "compile_commands.json")):
                sys.exit("bench/join.py: no database for %s; run "
                         "bench/corpora.sh %s" % (name, name))
            print("%s: %d runs of each..." % (name, args.runs), flush=True)
            rows.append(bench(name, db_dir, builds, args.runs, scratch))
            print(table(rows[-1:]), flush=True)
    print_results(rows, table, args.runs, args.results)


if __name__ == "__main__":
    main()
