#!/usr/bin/env python3
"""Prints the sections of durcheck result files, one unit a line.

Usage: unit_sections.py UNIT-FILE...

Each line names the file and its sections, in order; a section's flags --
the top-level keys whose value is true -- follow its name in braces:
"unit-000000.json: durability-rename-without-dir-fsync{creations}".
"""

import json
import os
import sys
import zlib


def body(path):
    with open(path, "rb") as f:
        header, rest = f.read().split(b"\n", 1)
    if json.loads(header).get("body") == "zlib":
        rest = zlib.decompress(rest)
    return json.loads(rest)


def main():
    for path in sys.argv[1:]:
        names = []
        for name, section in sorted(body(path).get("sections", {}).items()):
            flags = sorted(k for k, v in section.items() if v is True)
            names.append(name + ("{%s}" % ",".join(flags) if flags else ""))
        print(os.path.basename(path) + ":", " ".join(names))


if __name__ == "__main__":
    main()
