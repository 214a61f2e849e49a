import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { buildArgs, escapeHtml, renderPage, runBuild, stripAnsi } from '../preview';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Order &amp; pay</text></svg>';
let dir: string;
let model: string;
let tempRoot: string;

/** A stand-in for the `journey` binary: a node script whose body decides what it does. */
async function fake(name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(
    file,
    `#!/usr/bin/env node
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
const out = args[args.indexOf('-o') + 1];
${body}
`,
    { mode: 0o755 },
  );
  return file;
}

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-preview-test-'));
  tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-preview-out-'));
  model = path.join(dir, 'web shop.journey');
  await fs.writeFile(model, 'lane sales "Sales"\n');
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(tempRoot, { recursive: true, force: true });
});

test('the build command line', () => {
  assert.deepEqual(buildArgs('/m/a.journey', '/tmp/x'), ['build', '/m/a.journey', '--emit', 'svg', '-o', '/tmp/x']);
});

test('reads every SVG the build wrote, in name order, and removes the temporary folder', async () => {
  const binary = await fake(
    'journey-ok',
    `if (args.join(' ') !== ['build', ${JSON.stringify(model)}, '--emit', 'svg', '-o', out].join(' ')) { console.error('bad args: ' + args.join(' ')); process.exit(2); }
if (process.cwd() !== ${JSON.stringify(dir)}) { console.error('bad cwd ' + process.cwd()); process.exit(2); }
fs.writeFileSync(path.join(out, 'order.blueprint.svg'), ${JSON.stringify(SVG)});
fs.writeFileSync(path.join(out, 'returns.blueprint.svg'), ${JSON.stringify(SVG.replace('Order', 'Return'))});
fs.writeFileSync(path.join(out, 'notes.txt'), 'not a diagram');
console.log(out);`,
  );
  const result = await runBuild(binary, model, { tempRoot });
  assert.equal(result.ok, true, JSON.stringify(result));
  if (!result.ok) return;
  assert.deepEqual(
    result.diagrams.map((d) => d.name),
    ['order.blueprint.svg', 'returns.blueprint.svg'],
  );
  assert.equal(result.diagrams[0].svg, SVG);
  assert.match(result.command, /build ".*web shop\.journey" --emit svg -o /);
  assert.deepEqual(await fs.readdir(tempRoot), [], 'the temporary output folder is removed');
});

test('takes an SVG written to standard output when no file was written', async () => {
  const binary = await fake('journey-stdout', `process.stdout.write('<?xml version="1.0"?>\\n' + ${JSON.stringify(SVG)});`);
  const result = await runBuild(binary, model, { tempRoot });
  assert.equal(result.ok, true, JSON.stringify(result));
  if (result.ok) {
    assert.equal(result.diagrams.length, 1);
    assert.match(result.diagrams[0].svg, /<svg/);
  }
});

test('a failing build is a result with its messages, colours removed', async () => {
  const binary = await fake('journey-fail', `console.error('\\u001b[31merror[J0201]\\u001b[0m: unknown reference <web>'); process.exit(1);`);
  const result = await runBuild(binary, model, { tempRoot });
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.title, 'journey build failed (exit status 1)');
    assert.equal(result.detail, 'error[J0201]: unknown reference <web>');
  }
});

test('a build that fails but still drew shows the diagram and the messages', async () => {
  const binary = await fake(
    'journey-partial',
    `fs.writeFileSync(path.join(out, 'order.blueprint.svg'), ${JSON.stringify(SVG)}); console.error('warning: dead end'); process.exit(1);`,
  );
  const result = await runBuild(binary, model, { tempRoot });
  assert.equal(result.ok, true);
  if (result.ok) {
    assert.equal(result.diagrams.length, 1);
    assert.match(result.warnings, /status 1\nwarning: dead end/);
  }
});

test('a build that draws nothing is reported', async () => {
  const binary = await fake('journey-nothing', `console.error('no journey in this file');`);
  const result = await runBuild(binary, model, { tempRoot });
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.title, 'journey build wrote no diagram');
    assert.equal(result.detail, 'no journey in this file');
  }
});

test('a missing binary is reported, not thrown', async () => {
  const result = await runBuild(path.join(dir, 'no-such-journey'), model, { tempRoot });
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.match(result.title, /not found/);
    assert.match(result.detail, /journey\.server\.path/);
  }
});

test('a build that hangs is stopped', async () => {
  const binary = await fake('journey-hang', `setTimeout(() => {}, 60000);`);
  const result = await runBuild(binary, model, { tempRoot, timeoutMs: 500 });
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.title, /too long|stopped/);
});

test('the page escapes what it shows and runs no script', () => {
  const page = renderPage({
    kind: 'result',
    file: '/m/<b>.journey',
    at: new Date(0),
    unsaved: true,
    result: { ok: false, command: 'journey build x', title: 'journey build failed (exit status 1)', detail: '<script>alert(1)</script>' },
  });
  assert.doesNotMatch(page, /<script/);
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page, /&lt;b&gt;\.journey/);
  assert.match(page, /Content-Security-Policy" content="default-src 'none'; img-src data:;/);
  assert.match(page, /unsaved changes/);

  const ok = renderPage({
    kind: 'result',
    file: '/m/a.journey',
    at: new Date(0),
    unsaved: false,
    result: { ok: true, command: 'c', diagrams: [{ name: 'order.blueprint.svg', svg: SVG }], warnings: '' },
  });
  const data = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(ok);
  assert.ok(data, 'the diagram is an image from a data: URI');
  assert.equal(Buffer.from(data[1], 'base64').toString('utf8'), SVG);
  assert.doesNotMatch(ok, /<script|<svg/);
});

test('helpers', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(stripAnsi('\u001b[1;31mred\u001b[0m plain'), 'red plain');
});

// With a real `journey` binary that has the `build` subcommand (JOURNEY_BIN, or one built in the
// repository's target folder), the preview is built from a real example.
function realBinary(subcommand: string): string | undefined {
  const repo = path.resolve(__dirname, '..', '..', '..', '..');
  const candidates = [process.env.JOURNEY_BIN, path.join(repo, 'target', 'debug', 'journey'), path.join(repo, 'target', 'release', 'journey')];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate) && spawnSync(candidate, [subcommand, '--help'], { encoding: 'utf8' }).status === 0) {
      return candidate;
    }
  }
  return undefined;
}

test('a real `journey build` draws the web shop example', async (t) => {
  const binary = realBinary('build');
  const example = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'web-shop.journey');
  if (binary === undefined || !existsSync(example)) {
    t.skip('no journey binary with a `build` subcommand');
    return;
  }
  const result = await runBuild(binary, example, { tempRoot });
  assert.equal(result.ok, true, JSON.stringify(result).slice(0, 2000));
  if (result.ok) {
    assert.ok(result.diagrams.length >= 1);
    assert.match(result.diagrams[0].svg, /<svg[\s>]/);
  }
});
