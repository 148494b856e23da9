#!/usr/bin/env python3
"""Fails unless each numbered line of a text report is the file's line.

Usage: numbered_lines.py <report.txt>

A line "  NN | text" or "  NN - text" shows line NN of the file named by the
last "file:line:col: level:" line above it; tabs are expanded to multiples
of eight, as clang's snippets expand them. Prints how many it checked.
"""

import re
import sys

DIAGNOSTIC = re.compile(r"^(/[^:]+):\d+:\d+: (warning|error|note): ")
NUMBERED = re.compile(r"^ *(\d+) [|-] (.*)$")


def main():
    checked = 0
    lines = None
    with open(sys.argv[1], encoding="utf-8") as report:
        for number, text in enumerate(report.read().splitlines(), 1):
            diagnostic = DIAGNOSTIC.match(text)
            if diagnostic:
                with open(diagnostic.group(1), encoding="utf-8") as f:
                    lines = [l.expandtabs(8) for l in f.read().splitlines()]
                continue
            shown = NUMBERED.match(text)
            if not shown:
                continue
            line = int(shown.group(1))
            if lines[line - 1].rstrip() != shown.group(2).rstrip():
                sys.exit("numbered_lines.py: report line %d shows %r as line "
                         "%d, which is %r" % (number, shown.group(2), line,
                                              lines[line - 1]))
            checked += 1
    if not checked:
        sys.exit("numbered_lines.py: no numbered line in the report")
    print("numbered_lines.py: %d numbered lines match their files" % checked)


if __name__ == "__main__":
    main()
