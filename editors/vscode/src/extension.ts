// The journey extension: the language server (`journey lsp`) and the diagram preview.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { PreviewManager } from './previewPanel';
import { resolveBinary, serverCommand, showCommand } from './server';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** Starts and stops run one after the other. */
let queue: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel('Journey Language Server');
  context.subscriptions.push(output);

  const preview = new PreviewManager(
    context.extensionUri,
    (document) => resolveBinary(settings(document.uri).path, folderOf(document.uri)),
    () => client,
  );
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('journey.previewDiagram', (uri?: vscode.Uri) => preview.show(uri)),
    vscode.commands.registerCommand('journey.restartServer', () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('journey.server')) {
        void restart();
      }
    }),
  );

  void restart();
}

export function deactivate(): Thenable<void> {
  return enqueue(stop);
}

function settings(scope?: vscode.Uri): { path?: string; extraArgs?: unknown } {
  const config = vscode.workspace.getConfiguration('journey', scope);
  return { path: config.get<string>('server.path'), extraArgs: config.get<unknown>('server.extraArgs') };
}

function folderOf(uri?: vscode.Uri): string | undefined {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

function restart(): Promise<void> {
  return enqueue(async () => {
    await stop();
    await start();
  });
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop(5000);
    } catch (error) {
      output?.appendLine(`Stopping the language server: ${String(error)}`);
    }
  }
}

async function start(): Promise<void> {
  const workspaceFolder = folderOf();
  const { command, args } = serverCommand(settings(), workspaceFolder);
  // No `transport`: with TransportKind.stdio the client would add `--stdio` to the arguments.
  const serverOptions: ServerOptions = { command, args, options: { cwd: workspaceFolder } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'journey' },
      { scheme: 'untitled', language: 'journey' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.journey,journey.toml}'),
    },
    outputChannel: output,
  };
  const created = new LanguageClient('journey', 'Journey Language Server', serverOptions, clientOptions);
  client = created;
  output?.appendLine(`Starting ${showCommand(command, args)}`);
  try {
    await created.start();
  } catch (error) {
    if (client === created) {
      client = undefined;
    }
    const message = error instanceof Error ? error.message : String(error);
    output?.appendLine(`Could not start the language server: ${message}`);
    const choice = await vscode.window.showErrorMessage(
      `Journey: could not start the language server with \`${showCommand(command, args)}\` (${message}). Set \`journey.server.path\` to the journey binary.`,
      'Open Settings',
      'Show Output',
    );
    if (choice === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'journey.server');
    } else if (choice === 'Show Output') {
      output?.show(true);
    }
  }
}
