#!/usr/bin/env python3
"""Measures what sharding and the Bazel aspect cost and save.

Usage:
  bench/shards.py [--shards 4] [--runs 1] [--bazel-runs 3] [--build DIR]
                  [--db-root DIR] [--results FILE] [--no-bazel] [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, default
postgresql-15), N times each, in CPU seconds (every run is one thread):

  one run    durcheck -p DB -j1
  shards     durcheck -p DB -j1 --shard K/S --facts-dir DIR, for each K, one
             after another
  join       durcheck --join over the S directories

and prints (shards + join) / one run, which the shards issue wants at most
1.05, and the largest shard against the mean, which says how the shards
balance. The ratio is the median of each run's own: every other run times
the single run after the shards, so that the machine's drift over minutes
weighs on both sides alike; the runs' range is printed beside it.

Then, unless --no-bazel and where bazel is installed, it builds the
workspace of test/tool/Inputs/bazel with Bazel twice, each from a clean
output tree with --profile: first with an empty --disk_cache (cold), then
with the one the first filled (warm), --bazel-runs times. It sums the time
of the durcheck actions (mnemonics Durcheck*) in each profile and prints
the medians' warm / cold, which the issue wants at most 10%. The sources
are small, so the cache's fixed cost per action weighs much here.

It prints numbers and asserts nothing: the machine is noisy.
"""

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (add_location_arguments, cpu_seconds,  # noqa: E402
                 markdown_table, print_results)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median(values):
    return sorted(values)[len(values) // 2]


def bench_shards(name, db_dir, durcheck, shards, runs, scratch):
    report = ["--quiet", "--format=json", "--output=/dev/null"]
    one, split, joined, largest, paired = [], [], [], [], []

    def one_run():
        one.append(cpu_seconds([durcheck, "-p", db_dir, "-j1"] + report)[0])

    for run in range(runs):
        # The machine's speed drifts over minutes: every other run times
        # the single run last, and each run's ratio pairs its own times.
        if run % 2 == 0:
            one_run()
        dirs, times = [], []
        for k in range(1, shards + 1):
            d = os.path.join(scratch, "%s-%d" % (name, k))
            dirs.append(d)
            times.append(cpu_seconds([durcheck, "-p", db_dir, "-j1",
                                      "--quiet", "--shard=%d/%d" % (k, shards),
                                      "--facts-dir=" + d])[0])
        split.append(sum(times))
        largest.append(max(times) / (sum(times) / shards))
        joined.append(cpu_seconds([durcheck, "--join"] + dirs + report)[0])
        if run % 2 == 1:
            one_run()
        paired.append((split[-1] + joined[-1]) / one[-1])
    return {"corpus": name, "shards": shards, "one": median(one),
            "split": median(split), "join": median(joined),
            "ratio": median(paired), "low": min(paired), "high": max(paired),
            "balance": median(largest)}


def shard_table(rows):
    head = ("| corpus | shards | one run -j1 CPU s | shards CPU s | --join "
            "CPU s | (shards + join) / one run | runs' range | "
            "largest shard / mean |")
    return markdown_table(head, "| {corpus} | {shards} | {one:.2f} | "
                          "{split:.2f} | {join:.2f} | {ratio:.3f} | "
                          "{low:.3f} to {high:.3f} | {balance:.2f} |", rows)


def bazel_workspace(scratch, durcheck):
    """The test's workspace, set up as test/tool/bazel-aspect.test does."""
    inputs = os.path.join(ROOT, "test", "tool", "Inputs", "bazel")
    ws = os.path.join(scratch, "ws")
    shutil.copytree(os.path.join(inputs, "ws"), ws)
    shutil.copytree(os.path.join(inputs, "rules_cc"),
                    os.path.join(scratch, "rules_cc"))
    fills = {"@SRC_ROOT@": ROOT, "@DURCHECK_DIR@": os.path.dirname(durcheck),
             "@ROOT@": scratch, "@LLVM_MAJOR@": "19"}
    for template, name in (("WORKSPACE.in", "WORKSPACE"),
                           ("bazelrc.in", ".bazelrc")):
        with open(os.path.join(ws, template)) as f:
            text = f.read()
        for key, value in fills.items():
            text = text.replace(key, value)
        with open(os.path.join(ws, name), "w") as f:
            f.write(text)
    return ws


def durcheck_action_seconds(profile):
    """The summed time of the Durcheck* actions of a JSON trace profile:
    run, or fetched from the cache."""
    opener = gzip.open if profile.endswith(".gz") else open
    with opener(profile, "rt") as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    return sum(e["dur"] for e in events
               if e.get("cat") == "action processing" and
               str(e.get("name", "")).startswith("Durcheck")) / 1e6


def bazel_build(ws, profile):
    subprocess.run(["bazel", "clean"], cwd=ws, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["bazel", "build", "//:report", "--profile=" + profile],
                   cwd=ws, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return durcheck_action_seconds(profile)


def bench_bazel(durcheck, runs, scratch):
    ws = bazel_workspace(scratch, durcheck)
    cache = os.path.join(scratch, "disk-cache")
    cold, warm = [], []
    try:
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(bazel_build(ws, os.path.join(scratch, "cold.json")))
            warm.append(bazel_build(ws, os.path.join(scratch, "warm.json")))
    finally:
        subprocess.run(["bazel", "shutdown"], cwd=ws,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cold, warm = median(cold), median(warm)
    return {"cold": cold, "warm": warm, "ratio": warm / cold}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="*", default=["postgresql-15"])
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--bazel-runs", type=int, default=3)
    add_location_arguments(parser)
    parser.add_argument("--no-bazel", action="store_true",
                        help="leave out the Bazel measurement")
    args = parser.parse_args()
    durcheck = os.path.join(args.build, "tools", "durcheck", "durcheck")
    if not os.path.exists(durcheck):
        sys.exit("bench/shards.py: missing %s" % durcheck)
    rows, bazel = [], ""
    with tempfile.TemporaryDirectory(prefix="durcheck-shards-") as scratch:
        for name in args.corpora:
            print("%s: %d runs of one run, %d shards and the join..."
                  % (name, args.runs, args.shards), flush=True)
            rows.append(bench_shards(name, os.path.join(args.db_root, name),
                                     durcheck, args.shards, args.runs,
                                     scratch))
            print(shard_table(rows[-1:]), flush=True)
        if not args.no_bazel and shutil.which("bazel"):
            print("bazel: %d cold and warm builds..." % args.bazel_runs,
                  flush=True)
            bazel = ("\nBazel, test workspace: durcheck actions {cold:.2f} s "
                     "cold, {warm:.3f} s with a warm --disk_cache: warm / "
                     "cold {ratio:.1%}").format(
                         **bench_bazel(durcheck, args.bazel_runs, scratch))
            print(bazel, flush=True)
    print_results(rows, lambda rows: shard_table(rows) + bazel, args.runs,
                  args.results)

if __name__ == "__main__":
    main()
