#!/usr/bin/env bash
# Installs what is missing, builds durcheck against LLVM 19 and 22, and runs
# the whole lit suite against each build. Ends with "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/setup.sh"
versions=(${DURCHECK_LLVM_VERSIONS:-19 22})
durcheck_setup "${versions[@]}" || exit $?
durcheck_install_packages $(durcheck_test_packages) || exit $?

status=0
results=()
for v in "${versions[@]}"; do
  echo "== lit suite against LLVM $v =="
  json="$DURCHECK_ROOT/build/llvm-$v/lit-results.json"
  python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv -o "$json" \
    "$DURCHECK_ROOT/build/llvm-$v/test" || status=1
  results+=("$json")
done
python3 "$DURCHECK_ROOT/scripts/lit_totals.py" "${results[@]}" || status=1
exit $status
