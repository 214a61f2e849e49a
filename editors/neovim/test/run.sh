#!/usr/bin/env bash
# Tests editors/neovim in a headless Neovim 0.10 or later: filetype, buffer settings, the
# language server's command line and root, the nvim-treesitter registration, and (with a C
# compiler and a generated grammar/tree-sitter-journey/src/parser.c) the parser and its queries.
# The language server is a stand-in (test/fake-journey, run with node).
#
#   NVIM=/path/to/nvim editors/neovim/test/run.sh
#
# Without a Neovim 0.10+ (NVIM, or nvim on PATH) it says so and exits 0.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
nvim="${NVIM:-$(command -v nvim || true)}"
if [ -z "$nvim" ]; then
  echo "neovim tests skipped: no nvim (set NVIM=/path/to/nvim)"
  exit 0
fi
version="$("$nvim" --version | head -1 | tr -d '\r')"
if ! "$nvim" --headless --clean -l /dev/stdin <<<'os.exit(vim.fn.has("nvim-0.10") == 1 and 0 or 1)' >/dev/null 2>&1; then
  echo "neovim tests skipped: $version is older than 0.10"
  exit 0
fi
if ! command -v node >/dev/null 2>&1; then
  echo "neovim tests need node for the stand-in language server" >&2
  exit 1
fi
echo "neovim tests with $version"
exec "$nvim" --headless --clean -l "$here/spec.lua" </dev/null
