#!/usr/bin/env python3
"""Runs durcheck over the field corpora: findings, failures, and --fix.

Usage:
  bench/field.py [--build DIR] [--db-root DIR] [--src-root DIR]
                 [--work DIR] [--findings FILE] [CORPUS ...]

For each corpus (<db-root>/<corpus>/compile_commands.json, as
bench/corpora.sh makes them) it

1. runs durcheck with all checks over every unit and lists each finding,
   and each unit durcheck could not analyse with its reason;
2. copies the corpus's source tree, runs durcheck --fix over the copy,
   compiles every unit of the copy with the corpus's own compile commands
   (clang -fsyntax-only) and runs durcheck again, which must no longer
   report any finding whose fix was on its warning.

It prints one line per corpus and writes every finding, as durcheck's JSON
gives it, to --findings (bench/TRIAGE.md triages them by hand). It exits 1
when a unit crashed durcheck, the fixed copy does not compile, or a fixed
finding is still reported.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import load_units, parse_command  # noqa: E402


def durcheck(tool, db, *extra):
    """Runs durcheck over db; returns (exit status, report, stderr)."""
    report = os.path.join(db, "durcheck.json")
    proc = subprocess.run([tool, "-p", db, "-j2", "--format=json",
                           "--output=" + report] + list(extra),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, errors="replace")
    data = None
    if os.path.exists(report):
        with open(report, encoding="utf-8") as f:
            data = json.load(f)
    return proc.returncode, data, proc.stderr


def source_root(units):
    """The unpacked source package the units' files lie in: the nearest
    directory above them with a debian/ directory, since include paths
    reach beyond the units' own directories. A build directory outside it
    (CMake's) is used where it is."""
    root = os.path.commonpath(
        [os.path.dirname(os.path.join(u["directory"], u["file"]))
         for u in units])
    probe = root
    while probe != os.path.dirname(probe):
        if os.path.isdir(os.path.join(probe, "debian")):
            return probe
        probe = os.path.dirname(probe)
    return root


def relocate(units, old, new):
    """The units with every mention of the tree old moved to new."""
    text = json.dumps(units)
    return json.loads(text.replace(json.dumps(old)[1:-1],
                                   json.dumps(new)[1:-1]))


def fixed_key(finding):
    return (finding["check"], finding["file"], finding["message"])


def compile_all(units, clang):
    failed = []
    for unit in units:
        proc = subprocess.run(parse_command(unit, clang), cwd=unit["directory"],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True,
                              errors="replace")
        if proc.returncode != 0:
            failed.append((unit["file"], proc.stderr.strip().splitlines()[:1]))
    return failed


def special_files(directory, names):
    """Named pipes and sockets, which a copy cannot hold (dpkg's tests keep
    fifos in its source tree)."""
    return [n for n in names
            if not any(test(os.path.join(directory, n))
                       for test in (os.path.islink, os.path.isdir,
                                    os.path.isfile))]


def fix_round(name, units, tool, clang, work):
    """Fixes a copy of the corpus; returns the problems found."""
    src = source_root(units)
    copy = os.path.join(work, name)
    if os.path.exists(copy):
        shutil.rmtree(copy)
    shutil.copytree(src, copy, symlinks=True, ignore=special_files)
    moved = relocate(units, src, copy)
    db = os.path.join(work, name + "-db")
    os.makedirs(db, exist_ok=True)
    with open(os.path.join(db, "compile_commands.json"), "w") as f:
        json.dump(moved, f)
    status, before, _ = durcheck(tool, db)
    with_fix = [f for f in before["findings"] if f["fixes"]]
    durcheck(tool, db, "--fix")
    problems = ["%s: the fixed copy does not compile: %s %s" % (name, f, e)
                for f, e in compile_all(moved, clang)]
    _, after, _ = durcheck(tool, db)
    remaining = {fixed_key(f) for f in after["findings"]}
    for f in with_fix:
        if fixed_key(f) in remaining:
            problems.append("%s: still reported after --fix: %s:%d %s"
                            % (name, f["file"], f["line"], f["message"]))
    return len(with_fix), len(after["findings"]), problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="*")
    parser.add_argument("--build", default=os.path.join(ROOT, "build",
                                                        "llvm-19"))
    parser.add_argument("--db-root", default=os.path.join(ROOT, "build",
                                                          "bench", "db"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build",
                                                       "bench", "fix"))
    parser.add_argument("--findings",
                        default=os.path.join(ROOT, "build", "bench",
                                             "findings.json"))
    args = parser.parse_args()
    tool = os.path.join(args.build, "tools", "durcheck", "durcheck")
    clang = "/usr/lib/llvm-19/bin/clang"
    names = args.corpora or sorted(os.listdir(args.db_root))
    everything, problems = {}, []
    for name in names:
        db = os.path.join(args.db_root, name)
        units = load_units(db)
        status, report, stderr = durcheck(tool, db)
        if report is None or status not in (0, 1, 3):
            problems.append("%s: durcheck exited %d: %s"
                            % (name, status, stderr.strip()[-300:]))
            continue
        everything[name] = report
        summary = report["summary"]
        fixable, left, fix_problems = fix_round(name, units, tool, clang,
                                                args.work)
        problems += fix_problems
        print("%s: %d units, %d analysed, %d not analysed, %d findings %s; "
              "--fix: %d fixed on the warning, %d findings left"
              % (name, summary["translation_units"], summary["analysed"],
                 summary["failed"], summary["findings"],
                 json.dumps(summary["findings_per_check"]), fixable, left),
              flush=True)
        for failure in report["failures"]:
            print("  not analysed: %s: %s" % (failure["file"],
                                              failure["reason"]))
    os.makedirs(os.path.dirname(args.findings), exist_ok=True)
    with open(args.findings, "w") as f:
        json.dump(everything, f, indent=1)
    for p in problems:
        print("PROBLEM: " + p)
    print("%d corpora, %d problems" % (len(everything), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
