#!/usr/bin/env python3
"""Runs durcheck on a source file that no compile_commands.json covers.

Usage: outside_database.py <source> <durcheck> [args...]

%t lies in the build tree, under the build's own compile_commands.json, so
the file is copied into a fresh directory of the system temporary directory
instead, after checking that neither it nor any parent holds a
compile_commands.json. Prints "directory: <dir>", runs
`durcheck [args...] <dir>/<file>` from <dir>, prints "left: <entries>" (what
the directory then holds), removes it and exits with durcheck's status.
"""

import os
import shutil
import subprocess
import sys
import tempfile


def main():
    source, command = sys.argv[1], sys.argv[2:]
    directory = os.path.realpath(tempfile.mkdtemp(prefix="durcheck-nodb-"))
    try:
        d = directory
        while True:
            if os.path.exists(os.path.join(d, "compile_commands.json")):
                sys.exit("outside_database.py: %s/compile_commands.json "
                         "exists; cannot test auto-detection" % d)
            if os.path.dirname(d) == d:
                break
            d = os.path.dirname(d)
        copy = os.path.join(directory, os.path.basename(source))
        shutil.copy(source, copy)
        print("directory: " + directory, flush=True)
        status = subprocess.run(command + [copy], cwd=directory).returncode
        print("left: " + " ".join(sorted(os.listdir(directory))), flush=True)
    finally:
        shutil.rmtree(directory)
    sys.exit(status)


if __name__ == "__main__":
    main()
