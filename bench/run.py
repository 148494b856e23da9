#!/usr/bin/env python3
"""Measures durcheck against the parse limit on real compile databases.

Usage:
  bench/run.py [--runs N] [--sample K] [--build DIR] [--db-root DIR]
               [--results FILE] [CORPUS ...]

For each corpus (a directory <db-root>/<corpus> holding a
compile_commands.json, as bench/corpora.sh makes them) it runs, over the
same translation units, serially and in alternation, N times each:

  parse     clang -fsyntax-only, one process per unit: the parse limit
  check     clang-check, the same syntax-only parse of every unit in one
            process, as the other tools parse them
  tidy      clang-tidy --load <plugin> -checks='-*,durability-*', one
            process over all the units
  durcheck  durcheck -j1, then durcheck -j2

and prints the median wall time and peak RSS of each, with the ratios the
field-test issue sets targets for: the checks' overhead over parsing, the
speed-up at -j2, and durcheck's peak RSS against the largest unit's parse.
The parse loop starts one process per unit, which the others do not, so
the overhead is also given against clang-check's one-process parse, the
tighter limit.

It is a script that prints numbers, never a test: the machine is noisy,
so it reports medians, and ratios measured side by side in one run.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Arguments that name what the compiler writes, which a parse does not.
OUTPUT_FLAGS_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
OUTPUT_FLAGS = {"-c", "-MD", "-MMD", "-M", "-MM", "-MP", "-S", "-E"}
# Kbuild's way to write a dependency file (busybox), which would also take
# the output of a -M run.
DEPFILE_PREFIXES = ("-Wp,-MD,", "-Wp,-MMD,")


def measure(cmd, cwd=None, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (wall seconds, peak RSS in KiB, exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode


def arguments(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def compiler_flags(entry):
    """The entry's compile command after the compiler, less what names its
    outputs, for a run that writes none (a parse, -E, -M)."""
    out, skip = [], False
    for arg in arguments(entry)[1:]:
        if skip:
            skip = False
        elif arg in OUTPUT_FLAGS_WITH_VALUE:
            skip = True
        elif (arg not in OUTPUT_FLAGS and not arg.startswith("-o") and
              not arg.startswith(DEPFILE_PREFIXES)):
            out.append(arg)
    return out


def parse_command(entry, clang):
    """The entry's compile command as a clang -fsyntax-only run."""
    return [clang, "-fsyntax-only"] + compiler_flags(entry)


def cpu_seconds(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd, which must exit 0 or 1 (findings); returns its CPU seconds
    (user and system) and what it printed if stdout is PIPE. A one-thread
    run's CPU time is its wall time on an idle machine, and what other load
    on a busy one disturbs least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    if proc.returncode not in (0, 1):
        sys.exit("%s: %s exited %d" % (os.path.basename(sys.argv[0]),
                                       " ".join(cmd), proc.returncode))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) +
            (after.ru_stime - before.ru_stime)), proc.stdout


def print_results(rows, table, runs, results):
    """Prints the dated table of all rows, and writes it to results."""
    stamp = "%s, %s, %d cores, LLVM 19, medians of %d runs" % (
        datetime.date.today().isoformat(), platform.node(), os.cpu_count(),
        runs)
    text = table(rows)
    print("\n" + stamp + "\n" + text)
    if results:
        with open(results, "w") as f:
            f.write(stamp + "\n\n" + text + "\n")


def add_location_arguments(parser):
    """--build, --db-root and --results, as every bench script takes them."""
    parser.add_argument("--build", default=os.path.join(ROOT, "build",
                                                        "llvm-19"))
    parser.add_argument("--db-root", default=os.path.join(ROOT, "build",
                                                          "bench", "db"))
    parser.add_argument("--results",
                        help="also write the table, with the date, here")


def bench_arguments(description, runs=3):
    """A parser of what the bench scripts that time durcheck all take: the
    corpora, --runs, and the locations."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--runs", type=int, default=runs)
    add_location_arguments(parser)
    return parser


def built_durcheck(build):
    """The durcheck of the build directory build; exits when it is missing."""
    path = os.path.join(build, "tools", "durcheck", "durcheck")
    if not os.path.exists(path):
        sys.exit("%s: missing %s" % (os.path.basename(sys.argv[0]), path))
    return path


def load_units(db_dir):
    """The database's entries, one per file, as the tools all see them."""
    with open(os.path.join(db_dir, "compile_commands.json")) as f:
        entries = json.load(f)
    seen, units = set(), []
    for entry in entries:
        path = os.path.join(entry["directory"], entry["file"])
        if path in seen or not os.path.isfile(path):
            continue
        seen.add(path)
        units.append(entry)
    return units


class Corpus:
    def __init__(self, name, db_dir, scratch, sample):
        self.name = name
        # Every sample-th unit, for a corpus too large to time N times whole.
        self.units = load_units(db_dir)[::sample]
        # All four tools read this database: the same units, once each.
        self.db = os.path.join(scratch, name)
        os.makedirs(self.db, exist_ok=True)
        with open(os.path.join(self.db, "compile_commands.json"), "w") as f:
            json.dump(self.units, f)
        self.files = [os.path.join(u["directory"], u["file"])
                      for u in self.units]


def run_parse(corpus, clang):
    wall, peak, failed = 0.0, 0, 0
    for unit in corpus.units:
        w, rss, status = measure(parse_command(unit, clang),
                                 cwd=unit["directory"])
        wall += w
        peak = max(peak, rss)
        failed += status != 0
    return wall, peak, failed


def run_check(corpus, check):
    wall, rss, status = measure([check, "-p", corpus.db] + corpus.files)
    return wall, rss, status < 0


def run_tidy(corpus, tidy, plugin):
    cmd = [tidy, "--load=" + plugin, "--checks=-*,durability-*", "--quiet",
           "-p", corpus.db] + corpus.files
    wall, rss, status = measure(cmd)
    return wall, rss, status < 0


def run_durcheck(corpus, durcheck, jobs, report):
    cmd = [durcheck, "-p", corpus.db, "-j", str(jobs), "--quiet",
           "--format=json", "--output=" + report]
    wall, rss, status = measure(cmd)
    return wall, rss, status == 3


def bench(corpus, tools, runs, scratch):
    samples = {name: [] for name in ("parse", "check", "tidy",
                                     "durcheck-j1", "durcheck-j2")}
    report = os.path.join(scratch, corpus.name + ".json")
    for _ in range(runs):
        samples["parse"].append(run_parse(corpus, tools.clang))
        samples["check"].append(run_check(corpus, tools.check))
        samples["tidy"].append(run_tidy(corpus, tools.tidy, tools.plugin))
        samples["durcheck-j1"].append(
            run_durcheck(corpus, tools.durcheck, 1, report))
        samples["durcheck-j2"].append(
            run_durcheck(corpus, tools.durcheck, 2, report))
    medians = {name: (statistics.median(s[0] for s in runs_),
                      statistics.median(s[1] for s in runs_),
                      max(s[2] for s in runs_))
               for name, runs_ in samples.items()}
    with open(report) as f:
        summary = json.load(f)["summary"]
    return medians, summary


def row(corpus, medians, summary):
    parse_wall, parse_rss, parse_failed = medians["parse"]
    check_wall = medians["check"][0]
    tidy_wall, tidy_rss, _ = medians["tidy"]
    j1_wall, j1_rss, _ = medians["durcheck-j1"]
    j2_wall, j2_rss, _ = medians["durcheck-j2"]
    return {
        "corpus": corpus.name,
        "units": len(corpus.units),
        "analysed": summary["analysed"],
        "findings": summary["findings"],
        "parse_failed": parse_failed,
        "parse": parse_wall,
        "check": check_wall,
        "tidy": tidy_wall,
        "j1": j1_wall,
        "j2": j2_wall,
        "overhead": j1_wall / parse_wall - 1,
        "overhead_check": j1_wall / check_wall - 1,
        "tidy_overhead": tidy_wall / check_wall - 1,
        "speedup": j1_wall / j2_wall,
        "parse_rss": parse_rss,
        "tidy_rss": tidy_rss,
        "j1_rss": j1_rss,
        "j2_rss": j2_rss,
        "rss_ratio": j1_rss / parse_rss,
    }


def markdown_table(head, row_format, rows):
    """A Markdown table: the head, then each row's fields in row_format."""
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    lines += [row_format.format(**r) for r in rows]
    return "\n".join(lines)


def table(rows):
    head = ("| corpus | units | parse s | clang-check s | "
            "clang-tidy s | durcheck -j1 s | durcheck -j2 s | "
            "-j1 vs parse | -j1 vs clang-check | clang-tidy vs clang-check | "
            "speed-up -j2 | largest parse RSS MiB | durcheck -j1 RSS MiB | "
            "-j2 RSS MiB | RSS ratio -j1 |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        lines.append(
            "| {corpus} | {units} | {parse:.2f} | {check:.2f} | "
            "{tidy:.2f} | {j1:.2f} | {j2:.2f} | {overhead:+.1%} | "
            "{overhead_check:+.1%} | {tidy_overhead:+.1%} | {speedup:.2f}x | "
            "{prss:.0f} | {j1rss:.0f} | {j2rss:.0f} | {rss_ratio:.2f}x |"
            .format(prss=r["parse_rss"] / 1024, j1rss=r["j1_rss"] / 1024,
                    j2rss=r["j2_rss"] / 1024, **r))
    return "\n".join(lines)


class Tools:
    def __init__(self, build):
        major = "19"
        self.clang = "/usr/lib/llvm-%s/bin/clang" % major
        self.tidy = "/usr/lib/llvm-%s/bin/clang-tidy" % major
        self.check = "/usr/lib/llvm-%s/bin/clang-check" % major
        self.plugin = os.path.join(build, "lib", "DurcheckTidyModule.so")
        self.durcheck = os.path.join(build, "tools", "durcheck", "durcheck")
        for path in (self.clang, self.check, self.tidy, self.plugin,
                     self.durcheck):
            if not os.path.exists(path):
                sys.exit("bench/run.py: missing %s; build durcheck first "
                         "(scripts/demo.sh)" % path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=1,
                        help="time every N-th unit only")
    add_location_arguments(parser)
    args = parser.parse_args()
    tools = Tools(args.build)
    names = args.corpora or sorted(os.listdir(args.db_root))
    rows = []
    with tempfile.TemporaryDirectory(prefix="durcheck-bench-") as scratch:
        for name in names:
            corpus = Corpus(name, os.path.join(args.db_root, name), scratch,
                            args.sample)
            print("%s: %d units, %d runs of each tool..."
                  % (name, len(corpus.units), args.runs), flush=True)
            medians, summary = bench(corpus, tools, args.runs, scratch)
            rows.append(row(corpus, medians, summary))
            for tool in ("check", "tidy"):
                if medians[tool][2]:
                    print("WARNING: %s: %s died of a signal; its time covers "
                          "only the units before that" % (name, tool),
                          flush=True)
            print(table(rows[-1:]), flush=True)
    print_results(rows, table, args.runs, args.results)


if __name__ == "__main__":
    main()
