#!/usr/bin/env bash
# The tree-sitter grammar's CI: install the CLI if it is missing, regenerate the parser, run
# the corpus and highlight tests, and parse every example. Exits non-zero on any failure.
#
# Usage: grammar/tree-sitter-journey/run-tests.sh [--check]
#   --check   also fail when the checked-in src/ differs from what grammar.js generates
#             (without it, a stale src/ is reported, regenerated in place, and the run goes on).
#
# Environment: TREE_SITTER_CLI_VERSION (default 0.27.1) is the CLI version installed when none
# is found; the checked-in src/ was generated with it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

check=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    *) echo "run-tests: unknown argument $arg" >&2; exit 2 ;;
  esac
done

want="${TREE_SITTER_CLI_VERSION:-0.27.1}"
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$cargo_bin:"*) ;; *) PATH="$cargo_bin:$PATH" ;; esac
export PATH

if ! command -v tree-sitter >/dev/null 2>&1; then
  echo "run-tests: installing tree-sitter-cli $want (this takes a few minutes)"
  cargo install tree-sitter-cli --locked --version "$want"
fi
have="$(tree-sitter --version | awk '{print $2}')"
echo "run-tests: $(tree-sitter --version)"
if [ "$have" != "$want" ]; then
  echo "run-tests: warning: src/ is generated with tree-sitter $want, this is $have" >&2
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# A private tree-sitter home for this run (check-examples.sh inherits it): no user
# configuration or parser cache from another checkout gets in the way, and the CLI does not
# warn about unconfigured parser directories.
if [ -z "${TREE_SITTER_DIR:-}" ]; then
  mkdir -p "$scratch/home/parsers" "$scratch/home/lib"
  printf '{ "parser-directories": ["%s"] }\n' "$scratch/home/parsers" >"$scratch/home/config.json"
  export TREE_SITTER_DIR="$scratch/home" TREE_SITTER_LIBDIR="$scratch/home/lib"
fi

# 1. Generate. First into a scratch directory, to tell whether the checked-in src/ is current.
mkdir -p "$scratch/gen"
cp grammar.js tree-sitter.json "$scratch/gen/"
(cd "$scratch/gen" && tree-sitter generate)
stale=()
for f in parser.c grammar.json node-types.json; do
  if ! cmp -s "$scratch/gen/src/$f" "src/$f"; then
    stale+=("src/$f")
  fi
done
if [ "${#stale[@]}" -gt 0 ]; then
  echo "run-tests: ${stale[*]} out of date with grammar.js" >&2
  if [ "$check" -eq 1 ]; then
    echo "run-tests: run \`tree-sitter generate\` in $here and commit src/" >&2
    exit 1
  fi
fi
tree-sitter generate
echo "run-tests: generated src/"

# 2. Corpus tests (test/corpus) and highlight tests (test/highlight).
tree-sitter test

# 3. The other queries compile against the grammar (highlights.scm is run by the tests above).
for query in queries/*.scm; do
  tree-sitter query --quiet "$query" ../../examples/garage.journey >/dev/null
done
echo "run-tests: queries compile"

# 4. Every example parses without an ERROR or MISSING node.
./check-examples.sh

echo "run-tests: all passed"
