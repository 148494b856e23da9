#!/usr/bin/env python3
"""Copies a test project and writes its compile_commands.json.

Usage:
  make_project.py <source dir> <dest dir> [options]

Every .c and .cpp file of the copy gets an entry, in sorted order, with an
absolute "directory" (the copy) and "file", compiled with -std=gnu11 (C) or
-std=c++17 (C++) and -I<copy>. The database is written to
<dest>/build/compile_commands.json. Options shape the database the way the
driver's bad-input tests need it.
"""

import argparse
import json
import os
import shutil


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("dest")
    parser.add_argument("--relative-directory", action="store_true",
                        help="write 'directory' relative to the database")
    parser.add_argument("--duplicate", action="store_true",
                        help="list every entry twice, with other -o files")
    parser.add_argument("--extra-entry", action="append", default=[],
                        help="also list this file name, which need not exist")
    parser.add_argument("--rename", action="append", default=[],
                        help="OLD=NEW: rename a copied file; NEW may hold "
                             "\\xNN escapes for raw bytes")
    parser.add_argument("--flags", default="",
                        help="more compiler flags, split on spaces")
    parser.add_argument("--entry", action="append", default=[],
                        help="'FILE ARG...': also list FILE, which need not "
                             "exist, with exactly these arguments")
    args = parser.parse_args()

    if os.path.exists(args.dest):
        shutil.rmtree(args.dest)
    shutil.copytree(args.source, args.dest)
    dest = os.fsencode(os.path.abspath(args.dest))
    for pair in args.rename:
        old, new = pair.split("=", 1)
        raw = new.encode("latin-1").decode("unicode_escape").encode("latin-1")
        os.rename(os.path.join(dest, os.fsencode(old)),
                  os.path.join(dest, raw))

    names = sorted(n for n in os.listdir(dest)
                   if n.endswith(b".c") or n.endswith(b".cpp"))
    names += [os.fsencode(n) for n in args.extra_entry]
    build = os.path.join(dest, b"build")
    os.makedirs(build, exist_ok=True)
    entries = []
    for name in names:
        std = b"-std=c++17" if name.endswith(b".cpp") else b"-std=gnu11"
        directory = b".." if args.relative_directory else dest
        flags = [os.fsencode(f) for f in args.flags.split()]
        for copy in range(2 if args.duplicate else 1):
            out = name + (b".%d.o" % copy)
            arguments = [b"clang", std, b"-I" + dest] + flags + [
                b"-c", b"-o", out, name]
            entries.append({
                "directory": os.fsdecode(directory),
                "file": os.fsdecode(name),
                "arguments": [os.fsdecode(a) for a in arguments],
            })
    for entry in args.entry:
        words = entry.split()
        entries.append({"directory": os.fsdecode(dest), "file": words[0],
                        "arguments": words[1:]})
    # Raw bytes of non-UTF-8 names survive as \udcNN escapes; write them
    # back as the bytes they were.
    text = json.dumps(entries, indent=2, ensure_ascii=False)
    with open(os.path.join(build, b"compile_commands.json"), "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape"))


if __name__ == "__main__":
    main()
