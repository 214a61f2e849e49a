#!/usr/bin/env bash
# Every editor integration's tests: VS Code (npm ci, tsc, unit, grammar and snapshot tests,
# .vsix), Neovim (headless, skipped without nvim 0.10+) and Helix (python unittest).
# Exits non-zero when any of them fails.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec </dev/null
status=0
run() {
  echo "=== $1"
  shift
  if ! "$@"; then
    echo "=== FAILED: $*" >&2
    status=1
  fi
}
run "vscode" "$here/vscode/run-tests.sh"
run "neovim" "$here/neovim/test/run.sh"
run "helix" env PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s "$here/helix" -p 'test_*.py'
exit "$status"
