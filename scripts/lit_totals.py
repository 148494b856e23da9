#!/usr/bin/env python3
"""Adds up lit's JSON results into one closing line: N passed, N failed."""

import json
import sys

PASSED = {"PASS", "XFAIL"}
SKIPPED = {"UNSUPPORTED", "EXCLUDED", "SKIPPED"}


def main(paths):
    passed = failed = skipped = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                tests = json.load(f)["tests"]
        except (OSError, ValueError, KeyError) as e:
            print("lit_totals: %s: %s" % (path, e), file=sys.stderr)
            failed += 1
            continue
        for test in tests:
            code = test["code"]
            if code in PASSED:
                passed += 1
            elif code in SKIPPED:
                skipped += 1
            else:
                failed += 1
    if passed == 0:
        print("lit_totals: no test passed", file=sys.stderr)
        failed += 1
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
