#!/usr/bin/env python3
"""Fails unless a directory holds exactly the named entries.

Usage:
  check_dir.py <dir> [<name>...]   <dir> holds these names and no others
                                   (hidden ones included; none: it is empty)
  check_dir.py --absent <path>     <path> does not exist

The bad-input tests use it to show that a failed run left nothing behind:
no report, no half-written temporary (.<name>.durcheck-XXXXXX).
"""

import os
import sys


def main():
    if sys.argv[1] == "--absent":
        if os.path.lexists(sys.argv[2]):
            sys.exit("check_dir.py: %s exists" % sys.argv[2])
        return
    found = sorted(os.listdir(sys.argv[1]))
    expected = sorted(sys.argv[2:])
    if found != expected:
        sys.exit("check_dir.py: %s holds %r, expected %r"
                 % (sys.argv[1], found, expected))


if __name__ == "__main__":
    main()
