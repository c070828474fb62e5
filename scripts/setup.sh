#!/usr/bin/env bash
# Sets up everything bo-graph needs on a fresh machine: the Python environment, and for the tests
# (`setup.sh test`) also Java/Maven (to build the local Neo4j) and Debian's Chromium.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: please install with your package manager: ${missing[*]}" >&2
    return 1
  fi
  echo "setup: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: Python 3.11 or newer is needed" >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev,fast]"
  touch .venv/.installed
fi

# The compiled bulk writer (native/, Rust): optional for `make demo` (the Python writer does the
# imports without it), required for the tests, which hold it to the Python writer row for row.
export PATH="$HOME/.cargo/bin:$PATH"
native_stale() {
  [ ! -f .venv/.native-installed ] ||
    [ -n "$(find native/src native/Cargo.toml native/Cargo.lock native/pyproject.toml native/*.pyi \
      -newer .venv/.native-installed 2>/dev/null)" ]
}
if command -v cargo >/dev/null; then
  if native_stale; then
    echo "setup: building the compiled bulk writer (native/, first build ~1 min)"
    .venv/bin/python -m pip install -q ./native
    touch .venv/.native-installed
  fi
elif [ "$mode" = "test" ]; then
  echo "setup: the tests need a Rust toolchain (cargo) to build native/" >&2; exit 1
else
  echo "setup: no Rust toolchain (cargo): imports use the Python writer"
fi

if [ "$mode" = "test" ]; then
  command -v java >/dev/null && command -v mvn >/dev/null || apt_install openjdk-17-jdk-headless maven
  command -v chromium >/dev/null || apt_install chromium
  # Build the local Neo4j launcher now (first build downloads ~170 MB from Maven Central).
  .venv/bin/python -c 'from bo_graph.store.neo4j_server import build_launcher; print("neo4j launcher:", build_launcher())'
fi
