#!/usr/bin/env bash
# The shell steps of action.yml, durcheck's GitHub Action, one subcommand a
# step:
#   action.sh install   put a durcheck on PATH: the one INPUT_DURCHECK names,
#                       or one built from this checkout against LLVM
#                       INPUT_LLVM_VERSION (installing what Debian 12 lacks)
#   action.sh run       durcheck -p INPUT_BUILD_PATH INPUT_ARGS, SARIF to
#                       INPUT_SARIF_FILE; its status goes to the step output
#                       exit-code, and the step fails only on status 2, when
#                       there is no SARIF to upload
#   action.sh verdict   exit with EXIT_CODE, once the SARIF is uploaded
# As in any action, results go to the files $GITHUB_PATH and
# $GITHUB_OUTPUT, and durcheck runs in $GITHUB_WORKSPACE, the SARIF's
# source root.
set -euo pipefail

fail() {
  echo "durcheck action: error: $*" >&2
  exit 2
}

install_durcheck() {
  local dir
  if [[ -n ${INPUT_DURCHECK:-} ]]; then
    "$INPUT_DURCHECK" --version >/dev/null 2>&1 ||
      fail "durcheck '$INPUT_DURCHECK' does not run"
    dir=$(cd "$(dirname "$INPUT_DURCHECK")" && pwd)
  else
    . "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
    durcheck_setup "${INPUT_LLVM_VERSION:?}" || exit $?
    dir=$DURCHECK_ROOT/build/llvm-$INPUT_LLVM_VERSION/tools/durcheck
  fi
  echo "$dir" >>"${GITHUB_PATH:?}"
  "$dir/durcheck" --version
}

run_durcheck() {
  local -a args=()
  local status=0
  read -ra args <<<"${INPUT_ARGS:-}"
  cd "${GITHUB_WORKSPACE:?}"
  mkdir -p "$(dirname "${INPUT_SARIF_FILE:?}")"
  durcheck -p "${INPUT_BUILD_PATH:?}" --format=sarif \
    --output="${INPUT_SARIF_FILE:?}" --source-root="$GITHUB_WORKSPACE" \
    "${args[@]}" || status=$?
  echo "exit-code=$status" >>"${GITHUB_OUTPUT:?}"
  ((status != 2)) || exit 2
  echo "sarif-file=$INPUT_SARIF_FILE" >>"$GITHUB_OUTPUT"
}

verdict() {
  case ${EXIT_CODE:?} in
    0) echo "durcheck: no findings" ;;
    1) echo "::error::durcheck: findings; see code scanning or ${INPUT_SARIF_FILE:-the SARIF log}" ;;
    3) echo "::error::durcheck: some translation units could not be analysed; see the log of the run step" ;;
    *) fail "durcheck exited with $EXIT_CODE" ;;
  esac
  exit "$EXIT_CODE"
}

case ${1:-} in
  install) install_durcheck ;;
  run) run_durcheck ;;
  verdict) verdict ;;
  *) fail "usage: action.sh install|run|verdict" ;;
esac
