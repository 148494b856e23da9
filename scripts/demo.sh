#!/usr/bin/env bash
# Installs what is missing, builds durcheck against LLVM 19, and runs the
# durability checks over the bundled example project, printing the findings.
set -euo pipefail
. "$(dirname "$0")/setup.sh"
durcheck_setup 19

example="$DURCHECK_ROOT/examples/kvstore"
out="$DURCHECK_ROOT/build/examples/kvstore"
# The example's compile_commands.json comes from its own CMake build.
cmake -S "$example" -B "$out" -DCMAKE_C_COMPILER=clang-19 >/dev/null
cmake --build "$out" >/dev/null

echo "== durcheck -p build/examples/kvstore =="
cd "$example"
# durcheck exits 1 when it reports findings, which the example is for.
status=0
"$DURCHECK_ROOT/build/llvm-19/tools/durcheck/durcheck" -p "$out" || status=$?
[ "$status" -eq 1 ] || { echo "durcheck: expected findings (exit 1), got exit $status" >&2; exit 1; }
