#!/usr/bin/env python3
"""Runs one durability check on a test file, the way check_clang_tidy does.

Usage:
  check_durability.py [options] <source> <check-name> <temp-prefix> \
      [-- <compiler args>]

The source carries FileCheck lines:
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: ... [durability-...]
  // CHECK-NOTES: ...   (when the notes are to be checked too)
  // CHECK-FIXES: ...   (the text after the fixes are applied)

The harness runs the test through each front end it is given: clang-tidy
with the plugin, and the durcheck driver with --durcheck. For each it
  * forces the configuration with --config, so no .clang-tidy can leak in;
  * fails on any warning the file does not expect;
  * applies the fixes (and with -fix-notes those on notes) and checks the
    fixed text, or that nothing changed when no CHECK-FIXES is given;
  * compiles the fixed file, and when it was changed, runs the check again
    and expects it to be silent unless -allow-remaining-warnings is given.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys


def run(cmd, **kwargs):
    print("RUN: " + " ".join(shlex.quote(c) for c in cmd), flush=True)
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, errors="replace", **kwargs)


def fail(message, proc=None):
    print("FAIL: " + message, flush=True)
    if proc is not None:
        sys.stdout.write(proc.stdout)
        sys.stdout.write(proc.stderr)
    sys.exit(1)


def config_text(check, options):
    pairs = []
    for option in options:
        key, _, value = option.partition("=")
        pairs.append("%s.%s: '%s'" % (check, key, value.replace("'", "''")))
    return "{Checks: '-*,%s', CheckOptions: {%s}}" % (check, ", ".join(pairs))


def tidy_command(args, frontend, source, fix):
    cmd = [frontend] if frontend == args.durcheck else [
        frontend, "--load=" + args.plugin]
    cmd += ["--quiet", "--config=" + config_text(args.check, args.check_option)]
    if fix:
        cmd.append("--fix-notes" if args.fix_notes else "--fix")
    return cmd + [source, "--"] + args.compiler_args


def exited_well(args, frontend, proc):
    # durcheck exits 1 when it reports findings; clang-tidy exits 0.
    return proc.returncode == 0 or (frontend == args.durcheck and
                                    proc.returncode == 1)


def filecheck(args, prefix, input_file, extra):
    cmd = [args.filecheck, args.source, "--input-file=" + input_file,
           "--check-prefix=" + prefix] + extra
    proc = run(cmd)
    if proc.returncode != 0:
        fail("FileCheck %s" % prefix, proc)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--durcheck", help="also run through the driver")
    parser.add_argument("-fix-notes", action="store_true")
    parser.add_argument("-check-suffix", default="")
    parser.add_argument("-check-option", action="append", default=[],
                        help="Key=Value, repeatable")
    parser.add_argument("-allow-remaining-warnings", action="store_true")
    parser.add_argument("source")
    parser.add_argument("check")
    parser.add_argument("temp")
    parser.add_argument("compiler_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.compiler_args and args.compiler_args[0] == "--":
        args.compiler_args = args.compiler_args[1:]

    suffix = "-" + args.check_suffix if args.check_suffix else ""
    messages, notes, fixes = ("CHECK-%s%s" % (k, suffix)
                              for k in ("MESSAGES", "NOTES", "FIXES"))
    with open(args.source, encoding="utf-8") as f:
        original = f.read()
    has = {p: re.search(r"\b%s:" % re.escape(p), original) is not None
           for p in (messages, notes, fixes)}
    if has[messages] and has[notes]:
        fail("use either %s or %s, not both" % (messages, notes))

    # The check lines are blanked in the copy so that the fixed text cannot
    # match them; line numbers stay the same.
    stripped = re.sub(r"//\s*CHECK-[A-Z0-9-]*:[^\r\n]*", "//", original)
    frontends = [args.clang_tidy] + ([args.durcheck] if args.durcheck else [])
    for index, frontend in enumerate(frontends):
        temp = args.temp + (".%d" % index if index else "")
        check_frontend(args, frontend, temp, stripped, has,
                       (messages, notes, fixes))


def check_frontend(args, frontend, temp, stripped, has, prefixes):
    messages, notes, fixes = prefixes
    print("FRONT END: " + frontend, flush=True)
    ext = os.path.splitext(args.source)[1]
    temp = temp + ext
    os.makedirs(os.path.dirname(os.path.abspath(temp)), exist_ok=True)
    with open(temp, "w", encoding="utf-8") as f:
        f.write(stripped)

    proc = run([args.clang, "-fsyntax-only"] + args.compiler_args + [temp])
    if proc.returncode != 0:
        fail("the test input does not compile", proc)

    proc = run(tidy_command(args, frontend, temp, fix=True),
               cwd=os.path.dirname(os.path.abspath(temp)))
    if not exited_well(args, frontend, proc):
        fail("%s exited with %d" % (frontend, proc.returncode), proc)
    output = temp + ".msg"
    with open(output, "w", encoding="utf-8") as f:
        f.write(proc.stdout)
    sys.stdout.write(proc.stdout)

    # Any warning or error not spelled out in the test fails it.
    if has[notes]:
        filecheck(args, notes, output,
                  ["--implicit-check-not={{warning|error|note}}:"])
    elif has[messages]:
        filecheck(args, messages, output,
                  ["--implicit-check-not={{warning|error}}:"])
    elif re.search(r"(warning|error):", proc.stdout):
        fail("unexpected diagnostics")

    with open(temp, encoding="utf-8") as f:
        fixed = f.read()
    if has[fixes]:
        filecheck(args, fixes, temp, ["--strict-whitespace"])
    elif fixed != stripped:
        fail("the file was changed, but it has no %s lines" % fixes)

    proc = run([args.clang, "-fsyntax-only"] + args.compiler_args + [temp])
    if proc.returncode != 0:
        fail("the fixed file does not compile", proc)

    if fixed != stripped and not args.allow_remaining_warnings:
        proc = run(tidy_command(args, frontend, temp, fix=False))
        if re.search(r"warning:", proc.stdout):
            fail("the check still warns on the fixed file", proc)


if __name__ == "__main__":
    main()
