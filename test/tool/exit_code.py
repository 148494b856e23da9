#!/usr/bin/env python3
"""Runs a command and fails unless it exits with the expected status.

Usage: exit_code.py <status> <command> [args...]

The command's stdout and stderr pass through, so FileCheck can read them.
lit's `not` only tells zero from non-zero; the driver documents four codes.
"""

import subprocess
import sys


def main():
    expected = int(sys.argv[1])
    proc = subprocess.run(sys.argv[2:])
    if proc.returncode != expected:
        sys.stderr.write("exit_code.py: expected exit status %d, got %d\n"
                         % (expected, proc.returncode))
        sys.exit(1)


if __name__ == "__main__":
    main()
