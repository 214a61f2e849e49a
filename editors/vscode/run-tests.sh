#!/usr/bin/env bash
# The VS Code extension's tests and package, as CI runs them:
#   npm ci, compile (tsc) and bundle, unit tests (node:test), TextMate grammar tests
#   (vscode-tmgrammar-test), grammar snapshots (vscode-tmgrammar-snap), the live example models
#   read without an invalid scope, then the .vsix (vsce) and a check of what is in it.
# Needs the network only for `npm ci`; reads no standard input. Exits non-zero on any failure.
#
#   editors/vscode/run-tests.sh                     everything
#   editors/vscode/run-tests.sh --update-snapshots  write the grammar snapshots anew
#   JOURNEY_BIN=path/to/journey run-tests.sh        also test against this journey binary
#                                                   (default: the repository's target/ builds)
set -uo pipefail
cd "$(dirname "$0")"
exec </dev/null

update=""
for arg in "$@"; do
  case "$arg" in
    --update-snapshots) update="--updateSnapshot" ;;
    *) echo "run-tests.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 20 ]; then
  echo "run-tests.sh: Node.js 20 or later is needed (found $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

export NO_COLOR=1 FORCE_COLOR=0 npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
bin="$PWD/node_modules/.bin"
passed=0
failed=0
failures=()

step() {
  local name="$1"
  shift
  echo "==> $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "!!! $name failed" >&2
  fi
}

# Without these nothing else can run.
echo "==> npm ci"
npm ci --no-audit --no-fund --loglevel=error || { echo "!!! npm ci failed" >&2; exit 1; }
echo "==> tsc -p ."
"$bin/tsc" -p . || { echo "!!! TypeScript does not compile" >&2; exit 1; }

step "bundle (esbuild)" node scripts/bundle.mjs
step "unit tests (node --test)" node --test out/test/ test/unit/
step "grammar tests (vscode-tmgrammar-test)" "$bin/vscode-tmgrammar-test" -g syntaxes/journey.tmLanguage.json "test/grammar/*.journey"
step "grammar snapshots (vscode-tmgrammar-snap)" "$bin/vscode-tmgrammar-snap" $update -g syntaxes/journey.tmLanguage.json "test/snap/**/*.journey"
if [ -d ../../examples ]; then
  step "example models read without invalid scopes" node scripts/tokenize.mjs --check ../../examples
fi

version="$(node -p 'require("./package.json").version')"
vsix="journey-$version.vsix"
rm -f "$vsix"
step "package (vsce)" "$bin/vsce" package --no-dependencies --out "$vsix"
if [ -f "$vsix" ]; then
  step "check the .vsix" node scripts/check-vsix.mjs "$vsix"
else
  failed=$((failed + 1))
  failures+=("check the .vsix (no $vsix)")
fi

echo
for f in "${failures[@]}"; do echo "failed: $f" >&2; done
echo "vscode extension checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
