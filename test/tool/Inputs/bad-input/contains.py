#!/usr/bin/env python3
"""Fails unless a file holds each of the given byte strings.

Usage: contains.py <file> <text>...

A text may hold \\xNN escapes for raw bytes, so that a test can look for a
non-UTF-8 file name byte for byte, which FileCheck patterns cannot say.
"""

import sys


def main():
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    for text in sys.argv[2:]:
        raw = text.encode("latin-1").decode("unicode_escape").encode("latin-1")
        if raw not in data:
            sys.exit("contains.py: %r not found in %s" % (raw, sys.argv[1]))


if __name__ == "__main__":
    main()
