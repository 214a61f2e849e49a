#!/usr/bin/env node
// Tokenizes .journey files with the extension's TextMate grammar, the way VS Code does
// (vscode-textmate on the Oniguruma WebAssembly build).
//
//   node scripts/tokenize.mjs --check FILE|DIR...   fail when any text is scoped `invalid.*`
//   node scripts/tokenize.mjs --dump FILE           print every token with its scopes
//
// `--check` runs over the live example models of the repository from run-tests.sh: the
// examples are all valid journey, so an `invalid` scope there is a grammar bug.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const here = path.dirname(fileURLToPath(import.meta.url));
const grammarPath = path.join(here, '..', 'syntaxes', 'journey.tmLanguage.json');

export async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.journey'
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  return registry.loadGrammar('source.journey');
}

export function tokenize(grammar, text) {
  const out = [];
  let ruleStack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, ruleStack);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, line.length);
      if (end <= token.startIndex) continue;
      out.push({ line: index + 1, column: token.startIndex + 1, text: line.slice(token.startIndex, end), scopes: token.scopes });
    }
    ruleStack = result.ruleStack;
  });
  return out;
}

function journeyFiles(target) {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(target, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : journeyFiles(full);
      return entry.name.endsWith('.journey') ? [full] : [];
    })
    .sort();
}

async function main(argv) {
  const [mode, ...targets] = argv;
  if (!['--check', '--dump'].includes(mode) || targets.length === 0) {
    console.error('usage: tokenize.mjs --check FILE|DIR... | --dump FILE...');
    return 2;
  }
  const grammar = await loadGrammar();
  const files = targets.flatMap(journeyFiles);
  let problems = 0;
  for (const file of files) {
    const tokens = tokenize(grammar, fs.readFileSync(file, 'utf8'));
    for (const token of tokens) {
      if (mode === '--dump') {
        if (token.text.trim() !== '') {
          console.log(`${token.line}:${token.column}\t${JSON.stringify(token.text)}\t${token.scopes.slice(1).join(' ')}`);
        }
      } else if (token.scopes.some((scope) => scope.startsWith('invalid.'))) {
        problems += 1;
        console.error(`${file}:${token.line}:${token.column}: ${JSON.stringify(token.text)} is scoped ${token.scopes.join(' ')}`);
      }
    }
  }
  if (mode === '--check') {
    if (files.length === 0) {
      console.error('no .journey files found in ' + targets.join(', '));
      return 1;
    }
    console.log(`journey files tokenized: ${files.length}, tokens scoped invalid: ${problems}`);
  }
  return problems === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
