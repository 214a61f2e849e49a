#!/usr/bin/env bash
# Parses every `.journey` file under the repository's `examples/` and `tests/realistic/` (the
# clean realistic models) with the tree-sitter grammar and fails when a tree holds an ERROR or
# MISSING node (or the parse itself fails).
#
# Usage: grammar/tree-sitter-journey/check-examples.sh [DIR_OR_FILE...]
# Without arguments it checks ../../examples and ../../tests/realistic, relative to this script.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here" || exit 2

if ! command -v tree-sitter >/dev/null 2>&1; then
  cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if [ -x "$cargo_bin/tree-sitter" ]; then
    PATH="$cargo_bin:$PATH"
  else
    echo "check-examples: the tree-sitter CLI is not installed (cargo install tree-sitter-cli --locked)" >&2
    exit 2
  fi
fi

# A private tree-sitter home for this run: no user configuration or parser cache from another
# checkout gets in the way, and the CLI does not warn about unconfigured parser directories.
if [ -z "${TREE_SITTER_DIR:-}" ]; then
  ts_home="$(mktemp -d)"
  trap 'rm -rf "$ts_home"' EXIT
  mkdir -p "$ts_home/parsers" "$ts_home/lib"
  printf '{ "parser-directories": ["%s"] }\n' "$ts_home/parsers" >"$ts_home/config.json"
  export TREE_SITTER_DIR="$ts_home" TREE_SITTER_LIBDIR="$ts_home/lib"
fi

if [ "$#" -eq 0 ]; then
  set -- ../../examples ../../tests/realistic
fi

files=()
while IFS= read -r -d '' file; do
  files+=("$file")
done < <(find "$@" -type f -name '*.journey' -print0 | sort -z)

if [ "${#files[@]}" -eq 0 ]; then
  echo "check-examples: no .journey files found in $*" >&2
  exit 2
fi

failed=0
for file in "${files[@]}"; do
  if ! tree=$(tree-sitter parse --no-ranges "$file" 2>&1); then
    status="parse failed"
  elif grep -qE '\((ERROR|MISSING)' <<<"$tree"; then
    status="ERROR or MISSING node"
  else
    echo "ok      $file"
    continue
  fi
  failed=$((failed + 1))
  echo "FAILED  $file: $status"
  # Show where: the parse again, with positions, but only the offending lines.
  tree-sitter parse "$file" 2>&1 | grep -E '\((ERROR|MISSING)|rror' | sed 's/^/        /' | head -20
done

echo "check-examples: ${#files[@]} files, $failed failed"
[ "$failed" -eq 0 ]
