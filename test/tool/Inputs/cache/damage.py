#!/usr/bin/env python3
"""Damages every entry of a result cache: the first half of them are cut
in half, in the others one byte of the stored result is changed.

Usage: damage.py <cache dir>
"""

import glob
import os
import sys


def main():
    entries = sorted(glob.glob(os.path.join(sys.argv[1], "*.unit")))
    if not entries:
        sys.exit("damage.py: no entries in %s" % sys.argv[1])
    for i, path in enumerate(entries):
        with open(path, "rb") as f:
            data = f.read()
        if i < len(entries) // 2:
            data = data[:len(data) // 2]
        else:
            at = len(data) - 2
            data = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]
        with open(path, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
