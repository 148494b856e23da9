#!/usr/bin/env python3
"""Prints each SARIF result's rule, fingerprints and start line, one a line.

Usage: fingerprints.py FILE.sarif [--no-lines]

Two runs diff equal when their fingerprints are stable; --no-lines leaves
the line numbers out, to compare runs over files whose lines moved.
"""

import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        log = json.load(f)
    lines = "--no-lines" not in sys.argv
    for run in log["runs"]:
        for result in run["results"]:
            region = result["locations"][0]["physicalLocation"]["region"]
            print(result["ruleId"],
                  json.dumps(result["partialFingerprints"], sort_keys=True),
                  region["startLine"] if lines else "")


if __name__ == "__main__":
    main()
