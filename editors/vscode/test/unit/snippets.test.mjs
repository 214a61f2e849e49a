// The snippets, expanded with their default values, are journey the grammar reads without an
// `invalid` scope; the top-level ones together make a model `journey check` accepts (when a
// journey binary is at hand).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadGrammar, tokenize } from '../../scripts/tokenize.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const repo = path.join(root, '..', '..');
const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'journey.json'), 'utf8'));

/** A snippet body as VS Code inserts it when every placeholder keeps its default. */
export function expand(body) {
  let text = Array.isArray(body) ? body.join('\n') : body;
  const defaults = new Map();
  // Innermost placeholders first, so that nested ones resolve.
  for (let changed = true; changed; ) {
    changed = false;
    text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_, n, value) => {
      changed = true;
      if (!defaults.has(n)) defaults.set(n, value);
      return value;
    });
    text = text.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n, choices) => {
      changed = true;
      const value = choices.split(',')[0];
      if (!defaults.has(n)) defaults.set(n, value);
      return value;
    });
  }
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a, b) => defaults.get(a ?? b) ?? '');
  return text.replace(/\t/g, '  ');
}

test('expansion', () => {
  assert.equal(expand(['a ${1:x} ${2|p,q|} ${3:k: "${4:v}"} ${1} $0']), 'a x p k: "v" x ');
});

const grammar = await loadGrammar();

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet ${name} (${snippet.prefix}) is read without invalid scopes`, () => {
    assert.ok(snippet.description, 'has a description');
    const text = expand(snippet.body);
    assert.doesNotMatch(text, /\$/, 'every placeholder is expanded');
    const invalid = tokenize(grammar, text).filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
    assert.deepEqual(invalid, [], text);
    if (snippet.prefix !== 'flow') assert.ok(text.trimStart().startsWith(snippet.prefix), `starts with its prefix: ${text}`);
  });
}

function journeyBinary() {
  const candidates = [process.env.JOURNEY_BIN, path.join(repo, 'target', 'debug', 'journey'), path.join(repo, 'target', 'release', 'journey')];
  return candidates.find((c) => c && fs.existsSync(c) && spawnSync(c, ['check', '--help']).status === 0);
}

test('the top-level snippets together make a model journey check accepts', (t) => {
  const binary = journeyBinary();
  if (binary === undefined) {
    t.skip('no journey binary');
    return;
  }
  const order = ['Lane', 'System', 'Procedure', 'Touchpoint', 'Segment', 'Experience', 'Journey', 'Scenario'];
  const model = order.map((name) => expand(snippets[name].body)).join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-snippets-'));
  try {
    const file = path.join(dir, 'snippets.journey');
    fs.writeFileSync(file, model);
    const run = spawnSync(binary, ['check', '--format', 'short', file], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(run.status, 0, `journey check failed:\n${run.stdout}${run.stderr}\n--- model ---\n${model}`);
    // Nested snippets: a step with a risk, a stage and a flow, inside the journey.
    const nested = model.replace(
      '  browse -> place\n',
      '  browse -> place 50%\n' +
        '  ' + expand(snippets.Flow.body).replace(/^browse -> place/, 'browse -> ask') + '\n' +
        '  ask -> place\n' +
        expand(snippets.Step.body).replace('}', expand(snippets.Risk.body) + '\n}').replace(/^/gm, '  ') + '\n' +
        expand(snippets.Stage.body).replace(/^/gm, '  ') + '\n' +
        '  place -> receive\n',
    );
    fs.writeFileSync(file, nested);
    const second = spawnSync(binary, ['check', '--format', 'short', file], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    assert.doesNotMatch(second.stdout + second.stderr, /J000[12]/, `syntax errors:\n${second.stdout}${second.stderr}\n--- model ---\n${nested}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
