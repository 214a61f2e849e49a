// The language server the extension starts, `journey lsp` over standard input and output,
// answers `initialize`. Skipped when no journey binary with an `lsp` subcommand is at hand.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { serverCommand } from '../server';

function realBinary(): string | undefined {
  const repo = path.resolve(__dirname, '..', '..', '..', '..');
  const candidates = [process.env.JOURNEY_BIN, path.join(repo, 'target', 'debug', 'journey'), path.join(repo, 'target', 'release', 'journey')];
  return candidates.find((c) => c && existsSync(c) && spawnSync(c, ['lsp', '--help'], { encoding: 'utf8' }).status === 0);
}

class ServerExited extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

test('`journey lsp` answers initialize over stdio', async (t) => {
  const binary = realBinary();
  if (binary === undefined) {
    t.skip('no journey binary with an `lsp` subcommand');
    return;
  }
  const { command, args } = serverCommand({ path: binary });
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // A server that exits at once closes its input: say so below instead of failing on EPIPE.
  child.stdin.on('error', () => undefined);
  let received = Buffer.alloc(0);
  const response = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to initialize within 20 s')), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      for (;;) {
        const text = received.toString('latin1');
        const end = text.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: *(\d+)/i.exec(text.slice(0, end))?.[1]);
        if (received.length < end + 4 + length) return;
        const message = JSON.parse(received.subarray(end + 4, end + 4 + length).toString('utf8'));
        received = received.subarray(end + 4 + length);
        if (message.id === 1) {
          clearTimeout(timer);
          resolve(message);
          return;
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new ServerExited(`\`${command} lsp\` exited (${signal ?? code}) before answering initialize: ${stderr.trim()}`, stderr));
    });
  });
  child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }));
  let answer: Record<string, unknown>;
  try {
    answer = await response;
  } catch (error) {
    // While the subcommand is only a placeholder, there is nothing to test yet.
    if (error instanceof ServerExited && /not built yet/i.test(error.stderr)) {
      t.skip(`journey lsp is a placeholder: ${error.stderr.trim()}`);
      return;
    }
    throw error;
  }
  try {
    assert.ok(answer.result && typeof answer.result === 'object' && 'capabilities' in answer.result, JSON.stringify(answer));
    child.stdin.write(frame({ method: 'initialized', params: {} }));
    child.stdin.write(frame({ id: 2, method: 'shutdown' }));
    child.stdin.write(frame({ method: 'exit' }));
  } finally {
    setTimeout(() => child.kill(), 2000).unref();
  }
});
