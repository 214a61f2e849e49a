// A minimal language client for the tests: starts a real `journey lsp`, frames JSON-RPC over
// its standard input and output, answers the server's own requests with `null`, and waits for
// answers with a timeout (so a broken server fails a test instead of hanging it).
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository's root, from out/test/. */
export const REPO = path.resolve(__dirname, '..', '..', '..', '..');

/** A `journey` binary with `subcommand` (JOURNEY_BIN, or one built in the repository), if any. */
export function realBinary(subcommand: string): string | undefined {
  const candidates = [process.env.JOURNEY_BIN, path.join(REPO, 'target', 'debug', 'journey'), path.join(REPO, 'target', 'release', 'journey')];
  return candidates.find((c) => c && existsSync(c) && spawnSync(c, [subcommand, '--help'], { encoding: 'utf8' }).status === 0);
}

export function fileUri(file: string): string {
  return `file://${file.split(path.sep).map(encodeURIComponent).join('/')}`;
}

interface Waiting {
  resolve: (message: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Wire {
  private readonly child: ChildProcessWithoutNullStreams;
  private received = Buffer.alloc(0);
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private stderr = '';

  constructor(binary: string, cwd: string) {
    this.child = spawn(binary, ['lsp'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    this.child.on('exit', (code, signal) => {
      for (const [, w] of this.waiting) w.reject(new Error(`journey lsp exited (${signal ?? code}): ${this.stderr.trim()}`));
      this.waiting.clear();
    });
  }

  private read(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    for (;;) {
      const end = this.received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.received.subarray(0, end).toString('latin1'))?.[1]);
      if (this.received.length < end + 4 + length) return;
      const message = JSON.parse(this.received.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.received = this.received.subarray(end + 4 + length);
      if (message.method !== undefined && message.id !== undefined) {
        this.send({ id: message.id, result: null });
      } else if (message.id !== undefined && this.waiting.has(message.id)) {
        const w = this.waiting.get(message.id)!;
        this.waiting.delete(message.id);
        clearTimeout(w.timer);
        w.resolve(message);
      }
    }
  }

  private send(message: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The whole response to a request (`result` or `error`). */
  request(method: string, params: unknown, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      this.send({ id, method, params });
    });
  }

  async close(): Promise<void> {
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit', null);
    } finally {
      setTimeout(() => this.child.kill(), 2000).unref();
    }
  }
}
