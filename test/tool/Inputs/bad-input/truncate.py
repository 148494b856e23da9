#!/usr/bin/env python3
"""Cuts the last bytes off a file, as a crash in the middle of writing it would.

Usage: truncate.py <file> <bytes to drop>
"""

import os
import sys

with open(sys.argv[1], "rb+") as f:
    f.truncate(max(0, os.path.getsize(sys.argv[1]) - int(sys.argv[2])))
