#!/usr/bin/env python3
"""Measures durcheck's CI features on the field corpora: the result cache
and diff mode.

Usage:
  bench/ci.py [--runs N] [--build DIR] [--db-root DIR] [--results FILE]
              [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, as
bench/corpora.sh makes them), N times each, in CPU seconds (every run is
`-j1`, one thread):

  cold     durcheck -j1 with an empty --cache-dir
  warm     the same again, nothing changed: every unit from the cache
  edit     after a one-line edit of one unit's main file (undone after)
  unit     that unit alone, no cache: its own cost

and one diff-mode run: a one-line change of a project header, given as a
unified diff (--diff), against the units whose `clang -M` dependencies
name that header. It prints the ratios the CI issue sets targets for (warm
at most 5% of cold; an edit at most 10% of cold plus the unit's own cost;
diff mode analyses exactly the units that include the changed file) and
asserts nothing: the machine is noisy, so it reports medians of runs made
side by side.
"""

import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (bench_arguments, built_durcheck, compiler_flags,  # noqa: E402
                 cpu_seconds, load_units, print_results)

CLANG = "/usr/lib/llvm-19/bin/clang"


def dependencies(unit):
    """The files unit reads, as `clang -M` lists them."""
    cmd = [CLANG, "-M", "-MF", "-", "-o", "/dev/null"] + compiler_flags(unit)
    out = subprocess.run(cmd, cwd=unit["directory"], capture_output=True,
                         text=True).stdout
    words = out.replace("\\\n", " ").split()[1:]
    return {os.path.realpath(os.path.join(unit["directory"], w))
            for w in words}


def median_header(units, src_root):
    """A project header of median reach: included by some units, not all."""
    deps = [dependencies(u) for u in units]
    reach = collections.Counter(
        f for d in deps for f in d
        if f.startswith(src_root + os.sep) and f.endswith(".h"))
    shared = sorted((n, f) for f, n in reach.items() if 1 < n < len(units))
    if not shared:
        return None, 0
    n, header = shared[len(shared) // 2]
    return header, n


def one_line_diff(src_root, header):
    rel = os.path.relpath(header, src_root)
    with open(header, errors="replace") as f:
        first = f.readline().rstrip("\n")
    return ("--- a/{0}\n+++ b/{0}\n@@ -1 +1 @@\n-{1}\n+{1} /* edited */\n"
            .format(rel, first))


def source_root(units):
    return os.path.commonpath([os.path.realpath(u["file"]) for u in units])


def bench(name, db, durcheck, runs, scratch):
    units = load_units(db)
    cache = os.path.join(scratch, name + "-cache")
    base = [durcheck, "-p", db, "-j1", "--quiet", "--format=json",
            "--output=/dev/null"]
    edited = units[0]["file"]
    samples = {k: [] for k in ("cold", "warm", "edit", "unit")}
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        samples["cold"].append(cpu_seconds(base + ["--cache-dir", cache])[0])
        samples["warm"].append(cpu_seconds(base + ["--cache-dir", cache])[0])
        with open(edited, "rb") as f:
            original = f.read()
        try:
            with open(edited, "ab") as f:
                f.write(b"\n/* durcheck bench edit */\n")
            samples["edit"].append(
                cpu_seconds(base + ["--cache-dir", cache])[0])
        finally:
            with open(edited, "wb") as f:
                f.write(original)
        samples["unit"].append(cpu_seconds(base + [edited])[0])
    m = {k: statistics.median(v) for k, v in samples.items()}
    row = {"corpus": name, "units": len(units), **m,
           "warm_ratio": m["warm"] / m["cold"],
           "edit_ratio": (m["edit"] - m["unit"]) / m["cold"]}

    src = source_root(units)
    header, reach = median_header(units, src)
    row.update(header=os.path.relpath(header, src) if header else "-",
               reach=reach, analysed="-", diff_ratio=float("nan"))
    if header:
        patch = os.path.join(scratch, name + ".diff")
        with open(patch, "w") as f:
            f.write(one_line_diff(src, header))
        seconds, out = cpu_seconds(
            [durcheck, "-p", db, "-j1", "--quiet", "--format=json",
             "--source-root", src, "--diff", patch], stdout=subprocess.PIPE)
        summary = json.loads(out)["summary"]
        row["analysed"] = summary["translation_units"] - \
            summary["diff"]["units_unchanged"]
        full, _ = cpu_seconds(base)
        row["diff_ratio"] = seconds / full
    return row


def table(rows):
    head = ("| corpus | units | cold CPU s | warm CPU s | warm / cold | "
            "edited CPU s | unit alone CPU s | (edited - unit) / cold | "
            "changed header | units including it | units analysed | "
            "diff run / full run |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        lines.append(
            "| {corpus} | {units} | {cold:.2f} | {warm:.2f} | "
            "{warm_ratio:.1%} | {edit:.2f} | {unit:.2f} | {edit_ratio:.1%} | "
            "`{header}` | {reach} | {analysed} | {diff_ratio:.1%} |"
            .format(**r))
    return "\n".join(lines)


def main():
    args = bench_arguments(__doc__.split("\n")[0]).parse_args()
    durcheck = built_durcheck(args.build)
    names = args.corpora or sorted(os.listdir(args.db_root))
    rows = []
    with tempfile.TemporaryDirectory(prefix="durcheck-ci-") as scratch:
        for name in names:
            print("%s: %d runs of each..." % (name, args.runs), flush=True)
            rows.append(bench(name, os.path.join(args.db_root, name),
                              durcheck, args.runs, scratch))
            print(table(rows[-1:]), flush=True)
    print_results(rows, table, args.runs, args.results)


if __name__ == "__main__":
    main()
