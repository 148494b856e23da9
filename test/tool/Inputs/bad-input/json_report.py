#!/usr/bin/env python3
"""Parses a durcheck JSON report strictly and prints it one fact a line.

Usage: json_report.py <report.json>

The bytes must be valid UTF-8 JSON, or this fails. It then prints
  finding <file> <line>:<column> <check>
  failure <file> <reason>
  summary <key>=<count>...   (the summary's numbers, not its objects)
with strings as JSON literals (non-ASCII as \\uXXXX), for FileCheck.
"""

import json
import sys


def main():
    with open(sys.argv[1], "rb") as f:
        report = json.loads(f.read())  # Strict UTF-8: raw bytes fail.
    for f in report["findings"]:
        print("finding %s %d:%d %s"
              % (json.dumps(f["file"]), f["line"], f["column"], f["check"]))
    for f in report["failures"]:
        print("failure %s %s" % (json.dumps(f["file"]), json.dumps(f["reason"])))
    summary = report["summary"]
    print("summary " + " ".join(
        "%s=%s" % (k, summary[k]) for k in sorted(summary)
        if isinstance(summary[k], int)))


if __name__ == "__main__":
    main()
