// How the language server is started: pure functions, no `vscode` import, so that they can be
// tested with node's test runner.
import * as os from 'node:os';
import * as path from 'node:path';

export interface ServerSettings {
  /** `journey.server.path`: the `journey` binary. */
  path?: string;
  /** `journey.server.extraArgs`: passed after `lsp`. */
  extraArgs?: unknown;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

export const DEFAULT_BINARY = 'journey';

/**
 * The binary named by `journey.server.path`: `~` and `${workspaceFolder}` are expanded; a
 * relative path with a folder in it (`./bin/journey`, `target/release/journey`) is taken from the
 * workspace folder; a bare name (`journey`) is left for the operating system to find on `PATH`.
 */
export function resolveBinary(setting: string | undefined, workspaceFolder?: string, home: string = os.homedir()): string {
  let value = (setting ?? '').trim();
  if (value === '') {
    return DEFAULT_BINARY;
  }
  if (workspaceFolder !== undefined) {
    value = value.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) {
    value = path.join(home, value.slice(1));
  }
  const hasFolder = value.includes('/') || value.includes('\\');
  if (hasFolder && !path.isAbsolute(value) && workspaceFolder !== undefined) {
    value = path.resolve(workspaceFolder, value);
  }
  return value;
}

/** `journey.server.extraArgs`, keeping only the strings. */
export function extraArgs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((arg): arg is string => typeof arg === 'string') : [];
}

/**
 * The command line of the language server: `<path> lsp <extraArgs...>`, over standard input and
 * output. (The client is given no `transport`, on purpose: with `TransportKind.stdio`
 * vscode-languageclient would append `--stdio` to these arguments.)
 */
export function serverCommand(settings: ServerSettings, workspaceFolder?: string, home?: string): ServerCommand {
  return {
    command: resolveBinary(settings.path, workspaceFolder, home),
    args: ['lsp', ...extraArgs(settings.extraArgs)],
  };
}

/** A command line as a person would type it, for messages. */
export function showCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(part) ? part : JSON.stringify(part))).join(' ');
}
