#!/usr/bin/env python3
"""Edits the body of a durcheck unit result file, as damage would.

Usage: edit_unit.py <file> <regex> <replacement> [<times>]

The body follows a one-line JSON header and is zlib-compressed when the
header says "body": "zlib"; it is unpacked, edited with re.sub, and packed
again, with the header's size updated. The replacement is repeated <times>
times, 1 unless given.
"""

import json
import re
import sys
import zlib


def main():
    path, pattern, replacement = sys.argv[1:4]
    replacement *= int(sys.argv[4]) if len(sys.argv) > 4 else 1
    with open(path, "rb") as f:
        header_line, body = f.read().split(b"\n", 1)
    header = json.loads(header_line)
    packed = header.get("body") == "zlib"
    text = zlib.decompress(body).decode() if packed else body.decode()
    text = re.sub(pattern, replacement, text, count=1)
    data = text.encode()
    if packed:
        header["size"] = len(data)
        data = zlib.compress(data, 9)
    with open(path, "wb") as f:
        f.write(json.dumps(header, separators=(",", ":")).encode() + b"\n" +
                data)


if __name__ == "__main__":
    main()
