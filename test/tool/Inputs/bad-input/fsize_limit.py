#!/usr/bin/env python3
"""Runs a command whose files cannot grow past a size, like a full disk.

Usage: fsize_limit.py <bytes> <command> [args...]

Sets RLIMIT_FSIZE in the child only, so a write past <bytes> fails with
EFBIG (or raises SIGXFSZ, which durcheck ignores). Send the command's stdout
and stderr to a pipe, not a file, or they hit the limit too. Exits with the
command's status.
"""

import resource
import subprocess
import sys


def limit():
    size = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def main():
    proc = subprocess.run(sys.argv[2:], preexec_fn=limit)
    sys.exit(proc.returncode if proc.returncode >= 0 else 128 - proc.returncode)


if __name__ == "__main__":
    main()
