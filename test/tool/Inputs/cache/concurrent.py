#!/usr/bin/env python3
"""Runs one command twice at once and fails unless both exit alike with
the same stdout, which it then prints.

Usage: concurrent.py <command> [args...]
"""

import subprocess
import sys


def main():
    procs = [subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.communicate(), p.returncode) for p in procs]
    (out0, err0), code0 = results[0]
    (out1, err1), code1 = results[1]
    if code0 != code1 or out0 != out1 or code0 not in (0, 1):
        sys.stderr.write("concurrent.py: the runs differ: exit %d and %d\n"
                         % (code0, code1))
        sys.stderr.buffer.write(err0 + err1)
        sys.exit(1)
    sys.stdout.buffer.write(out0)


if __name__ == "__main__":
    main()
