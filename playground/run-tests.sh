#!/usr/bin/env bash
# The playground's tests, as CI runs them: build it (playground/build installs the wasm32
# target, the wasm-bindgen CLI and the npm packages), check that the WebAssembly stays within
# its size budget, then use it in headless Chromium (tests/oracles/check-playground.mjs, with
# playwright-core from tests/oracles: run tests/oracles/install first). Reads no standard input.
set -euo pipefail
exec </dev/null
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"

"$here/build"

# The budget: the core, gzipped, at most 2 MB.
budget=$((2 * 1024 * 1024))
gzipped="$(gzip -9c "$here/dist/journey_wasm_bg.wasm" | wc -c | tr -d ' ')"
if [ "$gzipped" -gt "$budget" ]; then
  echo "run-tests.sh: journey_wasm_bg.wasm is $gzipped bytes gzipped, over the budget of $budget" >&2
  exit 1
fi
echo "journey_wasm_bg.wasm: $gzipped bytes gzipped (budget $budget)"

if [ ! -d "$repo/tests/oracles/node_modules/playwright-core" ] || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "${JOURNEY_REQUIRE_ORACLES:-}" = 1 ]; then
    echo "run-tests.sh: playwright-core or Chromium is missing: run tests/oracles/install" >&2
    exit 1
  fi
  echo "skipped the browser test: playwright-core or Chromium is not installed (tests/oracles/install)"
  exit 0
fi
node "$repo/tests/oracles/check-playground.mjs" "$here/dist" "$target/playground-screenshot" "${PLAYGROUND_LOADS:-5}"
