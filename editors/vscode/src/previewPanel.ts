// The `Journey: Preview diagram` command: one webview panel a file, built again on save.
import * as vscode from 'vscode';
import { renderPage, runBuild } from './preview';

type BinaryOf = (document: vscode.TextDocument) => string;

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, Preview>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly binaryOf: BinaryOf) {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((document) => this.panels.get(document.uri.toString())?.refresh(document)),
    );
  }

  /** Opens (or brings forward) the preview of the active journey file. */
  async show(uri?: vscode.Uri): Promise<void> {
    const document = await this.documentFor(uri);
    if (document === undefined) {
      void vscode.window.showInformationMessage('Open a .journey file to preview its diagram.');
      return;
    }
    const key = document.uri.toString();
    let preview = this.panels.get(key);
    if (preview === undefined) {
      preview = new Preview(document, this.binaryOf, () => this.panels.delete(key));
      this.panels.set(key, preview);
    } else {
      preview.reveal();
    }
    await preview.refresh(document);
  }

  private async documentFor(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    if (uri instanceof vscode.Uri) {
      return vscode.workspace.openTextDocument(uri).then(
        (document) => document,
        () => undefined,
      );
    }
    const document = vscode.window.activeTextEditor?.document;
    if (document !== undefined && (document.languageId === 'journey' || document.fileName.endsWith('.journey'))) {
      return document;
    }
    return undefined;
  }

  dispose(): void {
    for (const preview of [...this.panels.values()]) {
      preview.dispose();
    }
    this.panels.clear();
    this.subscriptions.forEach((s) => s.dispose());
  }
}

class Preview {
  private readonly panel: vscode.WebviewPanel;
  private generation = 0;
  private disposed = false;

  constructor(
    document: vscode.TextDocument,
    private readonly binaryOf: BinaryOf,
    onDispose: () => void,
  ) {
    const name = document.uri.path.split('/').pop() ?? 'journey';
    this.panel = vscode.window.createWebviewPanel(
      'journey.preview',
      `Preview ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, localResourceRoots: [] },
    );
    this.panel.onDidDispose(() => {
      this.disposed = true;
      onDispose();
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Builds the diagram of the file as saved on disk; a later refresh wins over an earlier one. */
  async refresh(document: vscode.TextDocument): Promise<void> {
    const generation = ++this.generation;
    const file = document.uri.fsPath;
    if (document.isUntitled || document.uri.scheme !== 'file') {
      this.show(renderPage({ kind: 'message', file: document.fileName, title: 'Save the file to preview its diagram', detail: 'journey build reads the file from disk.' }));
      return;
    }
    this.show(renderPage({ kind: 'building', file }));
    const result = await runBuild(this.binaryOf(document), file);
    if (generation !== this.generation) {
      return;
    }
    this.show(renderPage({ kind: 'result', file, result, at: new Date(), unsaved: document.isDirty }));
  }

  private show(html: string): void {
    if (!this.disposed) {
      this.panel.webview.html = html;
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}
