import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { extraArgs, resolveBinary, serverCommand, showCommand } from '../server';

const ws = path.resolve('/work/space');
const home = path.resolve('/home/me');

test('the default server is `journey lsp`', () => {
  assert.deepEqual(serverCommand({}, ws, home), { command: 'journey', args: ['lsp'] });
  assert.deepEqual(serverCommand({ path: '  ' }, ws, home), { command: 'journey', args: ['lsp'] });
});

test('extra arguments come after `lsp`, strings only', () => {
  assert.deepEqual(serverCommand({ path: 'journey', extraArgs: ['--log', 'debug'] }, ws, home).args, ['lsp', '--log', 'debug']);
  assert.deepEqual(extraArgs(['a', 3, null, 'b']), ['a', 'b']);
  assert.deepEqual(extraArgs('--log debug'), []);
  assert.deepEqual(extraArgs(undefined), []);
});

test('a bare name is left for PATH', () => {
  assert.equal(resolveBinary('journey-nightly', ws, home), 'journey-nightly');
});

test('~ and ${workspaceFolder} are expanded, relative paths are taken from the workspace', () => {
  assert.equal(resolveBinary('~/.cargo/bin/journey', ws, home), path.join(home, '.cargo/bin/journey'));
  assert.equal(resolveBinary('${workspaceFolder}/target/release/journey', ws, home), path.join(ws, 'target/release/journey'));
  assert.equal(resolveBinary('target/debug/journey', ws, home), path.join(ws, 'target/debug/journey'));
  assert.equal(resolveBinary('./bin/journey', ws, home), path.join(ws, 'bin/journey'));
  assert.equal(resolveBinary('/opt/journey/bin/journey', ws, home), '/opt/journey/bin/journey');
  // Without a workspace folder a relative path stays as it is.
  assert.equal(resolveBinary('target/debug/journey', undefined, home), 'target/debug/journey');
});

test('command lines are shown quoted where needed', () => {
  assert.equal(showCommand('journey', ['lsp']), 'journey lsp');
  assert.equal(showCommand('/my tools/journey', ['build', 'a b.journey', '-o', '-']), '"/my tools/journey" build "a b.journey" -o -');
});
