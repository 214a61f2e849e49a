// The diagram preview without the editor: run `journey build`, collect the SVGs, render the
// page the webview shows. No `vscode` import, so that it can be tested with node's test runner.
import { execFile, ExecFileException } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { showCommand } from './server';

export interface Diagram {
  /** The file name `journey build` gave it, such as `order.blueprint.svg`. */
  name: string;
  svg: string;
}

export type BuildResult =
  | { ok: true; command: string; diagrams: Diagram[]; warnings: string }
  | { ok: false; command: string; title: string; detail: string };

export interface BuildOptions {
  /** Give up after this long (default two minutes). */
  timeoutMs?: number;
  /** Where the temporary output folder is made (default: the system's). */
  tempRoot?: string;
}

/** The arguments of `journey build` for one file, writing SVGs into `outDir`. */
export function buildArgs(file: string, outDir: string): string[] {
  return ['build', file, '--emit', 'svg', '-o', outDir];
}

/**
 * Runs `<binary> build FILE --emit svg -o <temp dir>` and reads the SVGs it wrote there
 * (`<journey-id>.blueprint.svg`, one a journey, in name order). When it wrote none but printed an
 * SVG on standard output, that one is taken. Never throws: every failure is a result.
 */
export async function runBuild(binary: string, file: string, options: BuildOptions = {}): Promise<BuildResult> {
  let outDir: string;
  try {
    outDir = await fs.mkdtemp(path.join(options.tempRoot ?? os.tmpdir(), 'journey-preview-'));
  } catch (error) {
    return { ok: false, command: binary, title: 'Could not make a temporary folder for the diagrams', detail: String(error) };
  }
  const args = buildArgs(file, outDir);
  const command = showCommand(binary, args);
  try {
    const run = await execute(binary, args, path.dirname(file), options.timeoutMs ?? 120_000);
    const exitStatus = typeof run.error?.code === 'number' ? run.error.code : undefined;
    if (run.error !== undefined && exitStatus === undefined) {
      return { ok: false, command, ...describeFailure(binary, run) };
    }
    const diagrams = await readSvgs(outDir);
    if (exitStatus !== undefined) {
      if (diagrams.length === 0) {
        return { ok: false, command, ...describeFailure(binary, run) };
      }
      // Drawn, but with errors to report (a model with mistakes can still be drawn).
      const output = stripAnsi(run.stderr).trim();
      return { ok: true, command, diagrams, warnings: `journey build exited with status ${exitStatus}` + (output ? `\n${output}` : '') };
    }
    if (diagrams.length === 0 && looksLikeSvg(run.stdout)) {
      diagrams.push({ name: path.basename(file).replace(/\.journey$/, '') + '.svg', svg: run.stdout });
    }
    if (diagrams.length === 0) {
      const output = [stripAnsi(run.stderr).trim(), stripAnsi(run.stdout).trim()].filter((s) => s !== '').join('\n');
      return {
        ok: false,
        command,
        title: 'journey build wrote no diagram',
        detail: output === '' ? 'The file may hold no journey to draw.' : output,
      };
    }
    return { ok: true, command, diagrams, warnings: stripAnsi(run.stderr).trim() };
  } finally {
    await fs.rm(outDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

interface Run {
  stdout: string;
  stderr: string;
  error?: ExecFileException;
}

function execute(binary: string, args: string[], cwd: string, timeout: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      {
        cwd,
        timeout,
        maxBuffer: 256 * 1024 * 1024,
        windowsHide: true,
        env: { ...process.env, NO_COLOR: '1', CLICOLOR: '0' },
      },
      (error, stdout, stderr) => {
        resolve({ stdout: String(stdout), stderr: String(stderr), error: error ?? undefined });
      },
    );
  });
}

function describeFailure(binary: string, run: Run): { title: string; detail: string } {
  const error = run.error!;
  const output = [stripAnsi(run.stderr).trim(), stripAnsi(run.stdout).trim()].filter((s) => s !== '').join('\n');
  if (error.code === 'ENOENT') {
    return {
      title: `The journey binary was not found: ${binary}`,
      detail: 'Install journey (for example `cargo install --path crates/journey-cli`), or set `journey.server.path` to the binary.',
    };
  }
  if (error.code === 'EACCES') {
    return { title: `The journey binary cannot be run: ${binary}`, detail: error.message };
  }
  if (error.killed || error.signal) {
    return {
      title: error.signal === 'SIGTERM' ? 'journey build took too long and was stopped' : `journey build was stopped (${error.signal ?? 'killed'})`,
      detail: output,
    };
  }
  const status = typeof error.code === 'number' ? ` (exit status ${error.code})` : '';
  return { title: `journey build failed${status}`, detail: output === '' ? error.message : output };
}

async function readSvgs(dir: string): Promise<Diagram[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.name.toLowerCase().endsWith('.svg')) {
        found.push(full);
      }
    }
  };
  await walk(dir);
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(found.map(async (full) => ({ name: path.relative(dir, full), svg: await fs.readFile(full, 'utf8') })));
}

function looksLikeSvg(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(text);
}

/** Terminal colour codes out of a tool's output. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g, '');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type PageState =
  | { kind: 'building'; file: string }
  | { kind: 'message'; file: string; title: string; detail?: string }
  | { kind: 'result'; file: string; result: BuildResult; at: Date; unsaved: boolean };

/**
 * The webview's page. It runs no script: each SVG is shown as an image from a `data:` URI, so
 * nothing in a diagram can run, and the content security policy allows nothing else.
 */
export function renderPage(state: PageState): string {
  const name = escapeHtml(path.basename(state.file));
  let body: string;
  switch (state.kind) {
    case 'building':
      body = `<p class="status">Building the diagram of ${name}…</p>`;
      break;
    case 'message':
      body = `<section class="error"><h2>${escapeHtml(state.title)}</h2>${state.detail ? `<pre>${escapeHtml(state.detail)}</pre>` : ''}</section>`;
      break;
    case 'result': {
      const { result } = state;
      const stamp = `<p class="status">${name} · built ${escapeHtml(state.at.toLocaleTimeString())}${
        state.unsaved ? ' · the editor has unsaved changes: the preview shows the file as last saved' : ''
      }</p>`;
      if (!result.ok) {
        body =
          stamp +
          `<section class="error"><h2>${escapeHtml(result.title)}</h2>` +
          (result.detail ? `<pre>${escapeHtml(result.detail)}</pre>` : '') +
          `<p class="command">Command: <code>${escapeHtml(result.command)}</code></p>` +
          `<p class="hint">The binary is set by <code>journey.server.path</code>. The preview is built again when the file is saved.</p></section>`;
      } else {
        const diagrams = result.diagrams
          .map(
            (d) =>
              `<figure><figcaption>${escapeHtml(d.name)}</figcaption>` +
              `<div class="diagram"><img alt="${escapeHtml(d.name)}" src="data:image/svg+xml;base64,${Buffer.from(d.svg, 'utf8').toString('base64')}"></div></figure>`,
          )
          .join('\n');
        const warnings = result.warnings ? `<details class="warnings"><summary>Messages from journey build</summary><pre>${escapeHtml(result.warnings)}</pre></details>` : '';
        body = stamp + warnings + diagrams;
      }
      break;
    }
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Journey preview: ${name}</title>
<style>
  body { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground); padding: 0 1em 2em; }
  .status { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
  figure { margin: 1em 0 2em; }
  figcaption { font-weight: 600; margin-bottom: 0.4em; }
  .diagram { background: #fff; border: 1px solid var(--vscode-panel-border, #ccc); overflow: auto; }
  .diagram img { display: block; max-width: none; }
  .error h2 { color: var(--vscode-errorForeground, #c00); font-size: 1.1em; }
  pre { white-space: pre-wrap; word-break: break-word; padding: 0.6em; background: var(--vscode-textCodeBlock-background, rgba(127,127,127,0.1)); font-family: var(--vscode-editor-font-family, monospace); }
  code { font-family: var(--vscode-editor-font-family, monospace); }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
