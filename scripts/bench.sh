#!/usr/bin/env bash
# Installs what is missing, builds durcheck against LLVM 19, makes the field
# corpora from Debian source packages (cached under build/bench), runs the
# field test (findings, failures, --fix over a copy) and the benchmark, and
# writes the benchmark's table to bench/RESULTS.md. RUNS=N sets the runs
# per tool (default 3); the arguments, if any, name the corpora.
set -euo pipefail
. "$(dirname "$0")/setup.sh"
durcheck_setup 19

"$DURCHECK_ROOT/bench/corpora.sh" "$@"
python3 "$DURCHECK_ROOT/bench/field.py" "$@"
python3 "$DURCHECK_ROOT/bench/run.py" --runs "${RUNS:-3}" \
  --results "$DURCHECK_ROOT/build/bench/results.md" "$@"
echo "durcheck: the table is in build/bench/results.md; bench/RESULTS.md keeps the one committed"
