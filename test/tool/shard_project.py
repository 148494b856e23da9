#!/usr/bin/env python3
"""Writes a C project whose findings need the cross-TU join, runs shards
and reports for the shard tests, and checks how shards balance.

Usage:
  shard_project.py generate <dest> <units>
  shard_project.py reverse <build dir> <new build dir>
  shard_project.py shards <durcheck> <build dir> <N> <dest>
  shard_project.py report <durcheck> <status> <dest> <durcheck args>...
  shard_project.py balance <dir>...

generate writes <units> units in groups of five, each group's findings
depending on units other than their own: a rename whose directory sync is
in a helper of another unit (dropped by the join), one whose helper only
logs (kept), a wrapper that renames for a caller in another unit (reported
at the caller), and a path opened with O_DIRECT in one unit and buffered in
another. Files are padded to unlike sizes so that balancing has work to do,
and the last unit does not compile. The database is written to
<dest>/build/compile_commands.json, in reverse order of the units.

reverse copies a compile database with its entries in reverse order.

shards runs `durcheck --shard K/N` for each K into <dest>/K, each exiting 0.

report writes <dest>/report.txt, .json (with --export-fixes, .yaml) and
.sarif from durcheck runs with the arguments given, each exiting <status>.

balance reads the manifests of a run's shards and fails unless the bytes of
the sources of any two differ by at most the largest source.
"""

import json
import os
import subprocess
import sys
import zlib

DECLARATIONS = """int persist_%(g)d(const char *path);
void log_%(g)d(const char *path);
int swap_%(g)d(const char *tmp, const char *dst);
"""

UNITS = [
    # The helpers: a directory sync, a logger and a renaming wrapper.
    """#include "gen.h"
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int persist_%(g)d(const char *path) {
  char buf[4096];
  strncpy(buf, path, sizeof(buf) - 1);
  buf[sizeof(buf) - 1] = '\\0';
  int fd = open(dirname(buf), O_RDONLY | O_DIRECTORY);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

void log_%(g)d(const char *path) { fprintf(stderr, "saved %%s\\n", path); }
""",
    """#include "gen.h"
#include <stdio.h>

int swap_%(g)d(const char *tmp, const char *dst) {
  if (rename(tmp, dst) != 0)
    return -1;
  return 0;
}

/* The direct open of this file is in another unit. */
FILE *open_data_stream_%(g)d(void) {
  return fopen("/var/lib/gen/data-%(g)d", "r");
}
""",
    # The callers.
    """#include "gen.h"
#include <stdio.h>
#include <unistd.h>

int save_%(g)d(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  return persist_%(g)d(dst);
}

int save_logged_%(g)d(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  log_%(g)d(dst);
  return 0;
}
""",
    """#include "gen.h"
#include <unistd.h>

int commit_%(g)d(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  return swap_%(g)d(tmp, dst);
}
""",
    """#define _GNU_SOURCE
#include "gen.h"
#include <fcntl.h>

int open_data_direct_%(g)d(void) {
  return open("/var/lib/gen/data-%(g)d", O_RDWR | O_DIRECT);
}
""",
]


def generate(dest, count):
    os.makedirs(os.path.join(dest, "build"), exist_ok=True)
    entries = []
    for i in range(count):
        group, kind = divmod(i, len(UNITS))
        name = "u%03d.c" % i
        text = UNITS[kind] % {"g": group}
        # Unlike sizes: up to 40 comment lines, by a fixed pseudo-random step.
        text += "".join("/* padding line %d of unit %d */\n" % (n, i)
                        for n in range(i * 17 % 41))
        if i == count - 1:
            text = '#include "missing.h"\n' + text
        with open(os.path.join(dest, name), "w") as f:
            f.write(text)
        entries.append({"directory": os.path.abspath(dest), "file": name,
                        "arguments": ["clang", "-std=gnu11",
                                      "-I" + os.path.abspath(dest),
                                      "-c", "-o", name + ".o", name]})
    groups = (count + len(UNITS) - 1) // len(UNITS)
    with open(os.path.join(dest, "gen.h"), "w") as f:
        f.write("".join(DECLARATIONS % {"g": g} for g in range(groups)))
    with open(os.path.join(dest, "build", "compile_commands.json"), "w") as f:
        json.dump(entries[::-1], f, indent=2)


def balance(dirs):
    loads = []
    largest = 0
    for d in dirs:
        with open(os.path.join(d, "manifest.json")) as f:
            manifest = json.loads(f.read().split("\n")[1])
        load = 0
        for index in manifest["indexes"]:
            with open(os.path.join(d, "unit-%06d.json" % index), "rb") as f:
                header, body = f.read().split(b"\n", 1)
                unit = json.loads(zlib.decompress(body))
            size = os.path.getsize(unit["file"])
            largest = max(largest, size)
            load += size
        loads.append(load)
    if max(loads) - min(loads) > largest:
        sys.exit("unbalanced shards: %s bytes, largest source %d"
                 % (loads, largest))


def reverse(build, dest):
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    os.makedirs(dest, exist_ok=True)
    with open(os.path.join(dest, "compile_commands.json"), "w") as f:
        json.dump(entries[::-1], f, indent=2)


def run(command, status, stdout=None):
    code = subprocess.run(command, stdout=stdout).returncode
    if code != status:
        sys.exit("exit status %d, not %d: %s" % (code, status,
                                                 " ".join(command)))


def shards(durcheck, build, count, dest):
    for k in range(1, count + 1):
        run([durcheck, "-p", build, "-j2", "--quiet",
             "--shard=%d/%d" % (k, count),
             "--facts-dir=" + os.path.join(dest, str(k))], 0)


def report(durcheck, status, dest, args):
    os.makedirs(dest, exist_ok=True)
    out = os.path.join(dest, "report.")
    with open(out + "txt", "w") as f:
        run([durcheck, "--quiet"] + args, status, stdout=f)
    run([durcheck, "--quiet", "--format=json", "--output=" + out + "json",
         "--export-fixes=" + out + "yaml"] + args, status)
    run([durcheck, "--quiet", "--format=sarif", "--output=" + out + "sarif"]
        + args, status)


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "generate":
        generate(args[0], int(args[1]))
    elif mode == "reverse":
        reverse(args[0], args[1])
    elif mode == "shards":
        shards(args[0], args[1], int(args[2]), args[3])
    elif mode == "report":
        report(args[0], int(args[1]), args[2], args[3:])
    else:
        balance(args)


if __name__ == "__main__":
    main()
