#!/usr/bin/env bash
# Shared set-up for scripts/demo.sh and scripts/test.sh: installs what is
# missing from Debian's packages, then configures and builds durcheck once
# per LLVM major version given. Sourced, not run.

# The packages one LLVM major version needs, plus the build tools.
durcheck_packages() {
  local v
  # lit comes from llvm-19-tools whatever the LLVM: llvm-22-tools lacks it.
  echo cmake ninja-build python3 llvm-19-tools
  for v in "$@"; do
    echo "llvm-$v-dev libclang-$v-dev clang-tidy-$v llvm-$v-tools clang-$v"
  done
}

# What the test suite needs besides: git, pre-commit for the test of the
# pre-commit hook, Debian's python3 with PyYAML for that of the action,
# Bazel with its Java rules for that of the Bazel aspect, and Neovim and
# Emacs with eglot for the language server's end-to-end tests.
durcheck_test_packages() {
  echo git pre-commit python3-yaml bazel-bootstrap bazel-rules-java neovim \
    emacs-nox elpa-eglot
}

# durcheck_install V...: the packages of LLVM V... and the build tools.
durcheck_install() {
  durcheck_install_packages $(durcheck_packages "$@")
}

durcheck_install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "durcheck: installing ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null ||
      { echo "durcheck: run as root to install ${missing[*]}" >&2; return 2; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
}

# durcheck_build V: configure and build into build/llvm-V.
durcheck_build() {
  local v=$1 dir="$DURCHECK_ROOT/build/llvm-$1"
  cmake -S "$DURCHECK_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DLLVM_DIR="/usr/lib/llvm-$v/lib/cmake/llvm" \
    -DCMAKE_C_COMPILER="clang-$v" -DCMAKE_CXX_COMPILER="clang++-$v" \
    >"$dir.configure.log" 2>&1 ||
    { mkdir -p "$dir"; cat "$dir.configure.log" >&2; return 1; }
  cmake --build "$dir" || return 1
}

durcheck_setup() {
  local v
  durcheck_install "$@" || return 2
  mkdir -p "$DURCHECK_ROOT/build"
  for v in "$@"; do
    durcheck_build "$v" || return 1
  done
}

DURCHECK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
