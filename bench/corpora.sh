#!/usr/bin/env bash
# Usage: bench/corpora.sh [-h|--help] [--show-deb-src] [NAME...]
#
# Makes the field-test corpora for durcheck from Debian 12 (bookworm) SOURCE
# packages, each with a compile database built with clang 19:
#
#   build/bench/db/<NAME>/compile_commands.json
#
# NAME is one of: leveldb sqlite3 busybox curl postgresql-15 dpkg (default:
# all six, in that order).
#
# On a fresh Debian 12 machine it first makes sure that apt knows a deb-src
# entry for bookworm main and that the build tools are installed (apt-get as
# root, or through sudo). A missing deb-src entry is derived from the
# machine's own 'deb' entry for bookworm main, with the same mirror, and
# written to durcheck-deb-src.list in apt's sources.list.d; with no such
# entry the script stops and says so. --show-deb-src prints the entry it
# would add (nothing when one exists) and exits. apt's configuration, and
# APT_CONFIG, say where the sources are. Then, per corpus, it downloads and unpacks the source package
# into build/bench/src/ (once), configures and builds it with
# CC=clang-19 CXX=clang++-19 under bear (CMake's export for leveldb), and
# writes a validated database with absolute paths, without clang -cc1
# sub-invocations and without non-C/C++ (assembler) entries.
#
# Everything is cached under build/bench/: a corpus whose stamp
# (build/bench/stamps/<NAME>.done) matches its source version and build
# recipe is not rebuilt, so a second run takes seconds. Delete the stamp to
# rebuild one corpus (from a freshly unpacked tree), or build/bench/ to start
# over. Build logs go to build/bench/logs/<NAME>.log.
#
# Environment: JOBS (parallel make jobs, default 2).
# Ends with one line per corpus:
#   <name> <version>: <N> translation units in build/bench/db/<name>/compile_commands.json
set -euo pipefail
set -o errtrace

ALL=(leveldb sqlite3 busybox curl postgresql-15 dpkg)
TOOLS=(bear dpkg-dev make cmake tcl bison flex perl pkg-config clang-19
  python3 xz-utils bzip2 patch libmd-dev)
SUITE=bookworm
JOBS=${JOBS:-2}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/build/bench
SRC=$BENCH/src
WORK=$BENCH/work
DB=$BENCH/db
STAMPS=$BENCH/stamps
LOGS=$BENCH/logs

die() {
  echo "corpora.sh: error: $*" >&2
  exit 1
}
warn() { echo "corpora.sh: warning: $*" >&2; }
note() { echo "== $*"; }
trap 'die "unexpected failure (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

usage() { sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }

rel() { echo "${1#"$ROOT"/}"; }

as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root or sudo to run: $*"
  fi
}

# ---------------------------------------------------------------- apt set-up

# One-line format: "deb-src [options] URI SUITE COMPONENT...".
has_deb_src_oneline() {
  awk -v suite="$SUITE" '
    { sub(/#.*/, ""); gsub(/\[[^]]*\]/, "") }
    $1 == "deb-src" && $3 == suite {
      for (i = 4; i <= NF; i++) if ($i == "main") found = 1
    }
    END { exit !found }' "$@"
}

# deb822 format: stanzas with Types/Suites/Components (and maybe Enabled).
# With want=deb-src: succeeds if a stanza has deb-src for SUITE main.
# With want=deb: prints the first URI of a stanza with deb for SUITE main,
# then its Signed-By keyring, if it names one, after a tab.
deb822_query() {
  local want=$1
  shift
  awk -v suite="$SUITE" -v want="$want" '
    function has(s, w,   n, a, j) {
      n = split(s, a, /[ \t]+/)
      for (j = 1; j <= n; j++) if (a[j] == w) return 1
      return 0
    }
    BEGIN { RS = ""; FS = "\n" }
    {
      split("", f); key = ""
      for (i = 1; i <= NF; i++) {
        line = $i
        if (line ~ /^#/) continue
        if (line ~ /^[ \t]/) { if (key != "") f[key] = f[key] " " line; continue }
        p = index(line, ":")
        if (!p) continue
        key = tolower(substr(line, 1, p - 1))
        f[key] = substr(line, p + 1)
      }
      enabled = tolower(f["enabled"]); gsub(/[ \t]/, "", enabled)
      if (enabled == "no") next
      if (has(f["types"], want) && has(f["suites"], suite) &&
          has(f["components"], "main")) {
        if (want == "deb-src") { found = 1; exit }
        n = split(f["uris"], u, /[ \t]+/)
        key = f["signed-by"]; gsub(/^[ \t]+|[ \t]+$/, "", key)
        if (key !~ /^\/[^ \t]*$/) key = ""
        for (j = 1; j <= n; j++)
          if (u[j] ~ /^https?:\/\//) {
            printf "%s%s\n", u[j], key == "" ? "" : "\t" key
            found = 1; exit
          }
      }
    }
    END { exit !found }' "$@"
}

# Where apt reads its sources: sets SOURCELIST and SOURCEPARTS.
apt_source_paths() {
  eval "$(apt-config shell SOURCELIST Dir::Etc::sourcelist/f \
    SOURCEPARTS Dir::Etc::sourceparts/d)"
  [[ -n ${SOURCELIST:-} && -n ${SOURCEPARTS:-} ]] ||
    die "apt-config names no sources.list or sources.list.d"
}

apt_files() { # $1 = list|sources
  local f
  if [[ $1 == list && -f $SOURCELIST ]]; then
    echo "$SOURCELIST"
  fi
  for f in "${SOURCEPARTS%/}"/*."$1"; do
    if [[ -f $f ]]; then echo "$f"; fi
  done
}

has_deb_src() {
  local -a lists sources
  mapfile -t lists < <(apt_files list)
  mapfile -t sources < <(apt_files sources)
  if ((${#lists[@]})) && has_deb_src_oneline "${lists[@]}"; then return 0; fi
  if ((${#sources[@]})) && deb822_query deb-src "${sources[@]}" >/dev/null; then
    return 0
  fi
  return 1
}

# The mirror the machine already uses for bookworm main, or nothing; after
# a tab, the keyring it is signed by, if one is named.
current_mirror() {
  local -a lists sources
  local uri=""
  mapfile -t lists < <(apt_files list)
  mapfile -t sources < <(apt_files sources)
  if ((${#lists[@]})); then
    uri=$(awk -v suite="$SUITE" '
      { sub(/#.*/, ""); key = "" }
      match($0, /signed-by=[^] \t]+/) { key = substr($0, RSTART + 10, RLENGTH - 10) }
      { gsub(/\[[^]]*\]/, "") }
      $1 == "deb" && $3 == suite && $2 ~ /^https?:\/\// {
        for (i = 4; i <= NF; i++) if ($i == "main") {
          printf "%s%s\n", $2, key == "" ? "" : "\t" key; exit
        }
      }' "${lists[@]}")
  fi
  if [[ -z $uri ]] && ((${#sources[@]})); then
    uri=$(deb822_query deb "${sources[@]}" || true)
  fi
  echo "$uri"
}

# The deb-src entry to add, or nothing when apt has one already.
missing_deb_src() {
  if has_deb_src; then return 0; fi
  local mirror
  mirror=$(current_mirror)
  [[ -n $mirror ]] || die "apt has no 'deb' entry for $SUITE main with an http(s) \
mirror in $SOURCELIST or ${SOURCEPARTS%/}/ to derive a deb-src entry from; \
add 'deb-src <mirror> $SUITE main' there yourself"
  # apt refuses a source whose Signed-By differs from its deb twin's.
  local key=""
  if [[ $mirror == *$'\t'* ]]; then
    key=" [signed-by=${mirror#*$'\t'}]"
    mirror=${mirror%%$'\t'*}
  fi
  printf 'deb-src%s %s %s main\n' "$key" "$mirror" "$SUITE"
}

APT_UPDATED=0
apt_update() {
  if ((APT_UPDATED)); then return 0; fi
  note "apt-get update"
  as_root apt-get update -q >"$LOGS/apt-update.log" 2>&1 ||
    die "apt-get update failed (see $(rel "$LOGS/apt-update.log"))"
  APT_UPDATED=1
}

ensure_deb_src() {
  local entry list=${SOURCEPARTS%/}/durcheck-deb-src.list
  entry=$(missing_deb_src) || exit 1
  if [[ -z $entry ]]; then return 0; fi
  note "adding '$entry' in $list"
  printf '%s\n' "$entry" | as_root tee "$list" >/dev/null ||
    die "cannot write $list"
  apt_update
}

ensure_tools() {
  local p
  local -a missing=()
  for p in "${TOOLS[@]}"; do
    if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true) != installed ]]; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then return 0; fi
  apt_update
  note "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${missing[@]}" >"$LOGS/apt-install.log" 2>&1 ||
    die "apt-get install ${missing[*]} failed (see $(rel "$LOGS/apt-install.log"))"
}

# The Sources index must be there before apt-get source can find anything.
SOURCES_CHECKED=0
ensure_source_index() {
  local name=$1
  if ((SOURCES_CHECKED)); then return 0; fi
  if [[ -z $(apt-cache showsrc --only-source "$name" 2>/dev/null) ]]; then
    apt_update
  fi
  SOURCES_CHECKED=1
}

# ------------------------------------------------------------ source trees

newest_dsc() {
  local -a found
  shopt -s nullglob
  found=("$SRC/$1"_*.dsc)
  shopt -u nullglob
  if ((${#found[@]})); then printf '%s\n' "${found[@]}" | sort -V | tail -n 1; fi
}

# Sets VERSION, DSC and SRCDIR for corpus $1; downloads the source once.
fetch_source() {
  local name=$1 log=$2 up
  DSC=$(newest_dsc "$name")
  if [[ -z $DSC ]]; then
    ensure_source_index "$name"
    note "$name: apt-get source --download-only $name"
    (cd "$SRC" && apt-get source -q --download-only "$name") >>"$log" 2>&1 ||
      die "$name: apt-get source --download-only $name failed (see $(rel "$log"))"
    DSC=$(newest_dsc "$name")
    [[ -n $DSC ]] || die "$name: apt-get source left no ${name}_*.dsc in $(rel "$SRC")"
  fi
  VERSION=$(sed -n 's/^Version: *//p' "$DSC" | head -n 1)
  [[ -n $VERSION ]] || die "$name: no Version field in $(rel "$DSC")"
  up=${VERSION#*:}
  up=${up%-*}
  SRCDIR=$SRC/$name-$up
}

# Unpacks $DSC into $SRCDIR unless it is there. A tree that an earlier build
# touched ($STAMPS/NAME.built) is unpacked anew, so that bear sees every
# compile.
unpack_source() {
  local name=$1 log=$2
  if [[ -e $STAMPS/$name.built && -d $SRCDIR ]]; then
    note "$name: removing the built tree $(rel "$SRCDIR") to start from a clean one"
    rm -rf "$SRCDIR"
  fi
  rm -f "$STAMPS/$name.built"
  if [[ ! -d $SRCDIR ]]; then
    note "$name: unpacking $(basename "$DSC")"
    rm -rf "$SRCDIR.tmp"
    (cd "$SRC" && dpkg-source -x "$DSC" "$SRCDIR.tmp") >>"$log" 2>&1 ||
      die "$name: dpkg-source -x $(basename "$DSC") failed (see $(rel "$log"))"
    mv "$SRCDIR.tmp" "$SRCDIR"
  fi
}

# ------------------------------------------------------------ build recipes
# Each runs in the unpacked tree $SRCDIR, logs to $LOG and leaves the raw
# database in $RAW.

run() { # run DESCRIPTION CMD...: log the command, die with a one-line message
  local what=$1
  shift
  echo "+ $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || die "$NAME: $what failed (see $(rel "$LOG"))"
}

build_leveldb() {
  local bdir=$WORK/leveldb/cmake
  rm -rf "$bdir"
  run "cmake configure" cmake -S "$SRCDIR" -B "$bdir" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DLEVELDB_BUILD_TESTS=OFF -DLEVELDB_BUILD_BENCHMARKS=OFF
  cp "$bdir/compile_commands.json" "$RAW"
}

build_sqlite3() {
  cd "$SRCDIR"
  run configure ./configure --disable-shared --disable-tcl \
    --disable-readline --disable-editline
  # The amalgamation (tclsh) and the generated shell.c, outside bear: the
  # database then holds just the two TUs the sqlite3 shell is built from.
  run "make sqlite3.c shell.c" make -j"$JOBS" sqlite3.c shell.c
  [[ -s sqlite3.c ]] || die "$NAME: make sqlite3.c made no amalgamation"
  run "make sqlite3" bear --output "$RAW" -- make -j"$JOBS" sqlite3
}

build_busybox() {
  cd "$SRCDIR"
  run "make defconfig" make defconfig CC=clang-19 HOSTCC=clang-19
  echo "+ bear --output $RAW -- make -k -j$JOBS CC=clang-19 HOSTCC=clang-19" >>"$LOG"
  if ! bear --output "$RAW" -- make -k -j"$JOBS" CC=clang-19 HOSTCC=clang-19 >>"$LOG" 2>&1; then
    local failed
    failed=$(grep -cE '^make(\[[0-9]+\])?: \*\*\* \[[^]]*\.o\] Error' "$LOG" || true)
    warn "$NAME: make -k failed for $failed object(s) (see $(rel "$LOG")); keeping what compiled"
    [[ -s $RAW ]] || die "$NAME: bear wrote no database (see $(rel "$LOG"))"
  fi
}

build_curl() {
  cd "$SRCDIR"
  run configure ./configure --disable-shared --without-ssl --without-libpsl \
    --disable-ldap --without-zlib --without-brotli --without-zstd \
    --without-libidn2 --without-nghttp2 --without-librtmp
  run "make -C lib" bear --output "$RAW" -- make -j"$JOBS" -C lib
  run "make -C src" bear --append --output "$RAW" -- make -j"$JOBS" -C src
}

build_postgresql_15() {
  cd "$SRCDIR"
  run configure ./configure --without-readline --without-zlib --without-icu \
    --without-openssl --without-lz4 --without-zstd --without-llvm
  run make bear --output "$RAW" -- make -j"$JOBS"
}

# dpkg's library and programs: its atomic_file API (new, sync, commit,
# then dir_sync_path) is the lockfile-style wrapper the summaries follow.
build_dpkg() {
  cd "$SRCDIR"
  run configure ./configure --disable-nls --disable-dselect \
    --without-libselinux --without-libz --without-liblzma --without-libzstd \
    --without-libbz2
  run "make -C lib" bear --output "$RAW" -- make -j"$JOBS" -C lib
  run "make -C src" bear --append --output "$RAW" -- make -j"$JOBS" -C src
}

# ------------------------------------------------------------ the database

# finish_db RAW OUT: absolute paths; drop clang -cc1 sub-invocations and
# entries that are not C/C++ compiles; check that every file exists.
finish_db() {
  python3 - "$1" "$2" <<'EOF'
import json, os, sys, collections
raw, out = sys.argv[1], sys.argv[2]
try:
    with open(raw) as f:
        entries = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"cannot read {raw}: {e}")
if not isinstance(entries, list):
    sys.exit(f"{raw} is not a JSON array")
base = os.path.dirname(os.path.abspath(raw))
C_EXT = {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp"}
kept, internal, missing = [], 0, []
other = collections.Counter()
for e in entries:
    d = os.path.normpath(os.path.join(base, e["directory"]))
    e["directory"] = d
    e["file"] = os.path.normpath(os.path.join(d, e["file"]))
    if "output" in e:
        e["output"] = os.path.normpath(os.path.join(d, e["output"]))
    args = e.get("arguments") or e.get("command", "").split()
    if "-cc1" in args or "-cc1as" in args:
        internal += 1
        continue
    ext = os.path.splitext(e["file"])[1]
    if ext not in C_EXT or "-E" in args or "-M" in args or "-MM" in args:
        other[ext or "(none)"] += 1
        continue
    if not os.path.isfile(e["file"]):
        missing.append(e["file"])
        continue
    kept.append(e)
if missing:
    sys.exit(f"{len(missing)} entr{'y' if len(missing) == 1 else 'ies'} name a file "
             f"that does not exist, e.g. {missing[0]}")
if not kept:
    sys.exit(f"{raw} has no C/C++ compile")
tmp = out + ".tmp"
with open(tmp, "w") as f:
    json.dump(kept, f, indent=1)
    f.write("\n")
os.replace(tmp, out)
with open(out) as f:
    n = len(json.load(f))
removed = sum(other.values())
detail = ", ".join(f"{k}: {v}" for k, v in sorted(other.items()))
print(f"{n} entries ({len({e['file'] for e in kept})} distinct files); "
      f"removed {removed} non-C/C++{' (' + detail + ')' if detail else ''} "
      f"and {internal} clang -cc1 sub-invocation{'' if internal == 1 else 's'}")
EOF
}

count_db() {
  python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$1"
}

# Changes when the recipe (or the database post-processing) changes.
recipe_hash() {
  { declare -f "build_${1//-/_}" finish_db; echo "CC=$CC CXX=$CXX"; } | sha1sum | cut -c1-12
}

# ------------------------------------------------------------ main

make_corpus() {
  NAME=$1
  LOG=$LOGS/$NAME.log
  local stamp=$STAMPS/$NAME.done out=$DB/$NAME/compile_commands.json want summary
  : >"$LOG"
  fetch_source "$NAME" "$LOG"
  want="$VERSION $(recipe_hash "$NAME")"
  VERSIONS[$NAME]=$VERSION
  if [[ -f $stamp && -s $out && -d $SRCDIR && $(cat "$stamp") == "$want" ]]; then
    note "$NAME $VERSION: up to date"
    return 0
  fi
  rm -f "$stamp"
  unpack_source "$NAME" "$LOG"
  note "$NAME $VERSION: building in $(rel "$SRCDIR") (log: $(rel "$LOG"))"
  local start=$SECONDS
  touch "$STAMPS/$NAME.built"
  rm -rf "${WORK:?}/$NAME"
  mkdir -p "$WORK/$NAME" "$DB/$NAME"
  RAW=$WORK/$NAME/raw_compile_commands.json
  "build_${NAME//-/_}"
  cd "$ROOT"
  [[ -s $RAW ]] || die "$NAME: the build left no compile database (see $(rel "$LOG"))"
  summary=$(finish_db "$RAW" "$out" 2>&1) ||
    die "$NAME: invalid compile database: ${summary##*$'\n'}"
  note "$NAME: $summary; built in $((SECONDS - start)) s"
  echo "$want" >"$stamp"
}

main() {
  local -a names=()
  local n show_deb_src=0
  for n in "$@"; do
    case $n in
      -h | --help) usage; exit 0 ;;
      --show-deb-src) show_deb_src=1 ;;
      -*) die "unknown option '$n' (try --help)" ;;
      *)
        [[ " ${ALL[*]} " == *" $n "* ]] || die "unknown corpus '$n' (known: ${ALL[*]})"
        names+=("$n")
        ;;
    esac
  done
  ((${#names[@]})) || names=("${ALL[@]}")
  [[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "JOBS must be a positive integer, not '$JOBS'"

  if ! grep -qs "^VERSION_CODENAME=$SUITE\$" /etc/os-release; then
    warn "this is not Debian 12 ($SUITE); the corpora are still taken from $SUITE"
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script needs Debian 12"
  apt_source_paths
  if ((show_deb_src)); then
    missing_deb_src
    exit 0
  fi

  mkdir -p "$SRC" "$WORK" "$DB" "$STAMPS" "$LOGS"
  exec 9>"$BENCH/.lock"
  flock -n 9 || die "another bench/corpora.sh is running (lock $(rel "$BENCH/.lock"))"

  ensure_deb_src
  ensure_tools
  export CC=clang-19 CXX=clang++-19

  declare -gA VERSIONS=()
  for n in "${names[@]}"; do
    make_corpus "$n"
  done
  echo "== done in $SECONDS s"
  for n in "${names[@]}"; do
    echo "$n ${VERSIONS[$n]}: $(count_db "$DB/$n/compile_commands.json") translation units in $(rel "$DB/$n/compile_commands.json")"
  done
}

main "$@"
