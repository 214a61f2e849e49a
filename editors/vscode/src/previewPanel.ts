// The `Journey: Preview diagram` command: one webview panel a file. It follows the text as it
// is typed: a short pause after each change, the language server is asked for the document's
// preview (`journey/preview`, from its model of the open documents), and the webview draws it,
// keeping the last drawing under the diagnostics while the text has errors. Without a language
// server that answers `journey/preview` (not started, or an older journey), the preview is
// built with `journey build` each time the file is saved, as before.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isPreview, keepLastGood, LivePreview, Message, PREVIEW_METHOD, renderShell } from './live';
import { renderPage, runBuild } from './preview';

type BinaryOf = (document: vscode.TextDocument) => string;
type ClientOf = () => LanguageClient | undefined;

/** How long typing pauses before the preview is asked for. */
const PAUSE_MS = 150;
/** JSON-RPC's "method not found": the server is a journey without `journey/preview`. */
const METHOD_NOT_FOUND = -32601;

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, Preview>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly binaryOf: BinaryOf,
    private readonly clientOf: ClientOf,
  ) {
    this.subscriptions.push(
      // A change to any journey file may change what a preview draws (it may be imported).
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0 || event.document.languageId !== 'journey') return;
        for (const preview of this.panels.values()) preview.changed();
      }),
      // A save may change what other files import: every preview is drawn again.
      vscode.workspace.onDidSaveTextDocument((saved) => {
        for (const preview of this.panels.values()) preview.saved(saved);
      }),
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
      preview = new Preview(document, this.extensionUri, this.binaryOf, this.clientOf, () => this.panels.delete(key));
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
  private readonly document: vscode.TextDocument;
  private generation = 0;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What the webview shows now, sent again when it is loaded again. */
  private shown: LivePreview | undefined;
  /** Whether the webview holds the live page (else the page `journey build` made, or none). */
  private live = false;
  /** Set when the server turned out not to answer `journey/preview`. */
  private buildOnly = false;
  /** A notice for the page that is being loaded. */
  private pending: Message | undefined;

  constructor(
    document: vscode.TextDocument,
    private readonly extensionUri: vscode.Uri,
    private readonly binaryOf: BinaryOf,
    private readonly clientOf: ClientOf,
    onDispose: () => void,
  ) {
    this.document = document;
    const name = document.uri.path.split('/').pop() ?? 'journey';
    this.panel = vscode.window.createWebviewPanel(
      'journey.preview',
      `Preview ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] },
    );
    this.panel.webview.onDidReceiveMessage((message: { type?: string }) => {
      if (message?.type !== 'ready') return;
      if (this.shown !== undefined) this.post({ type: 'preview', preview: this.shown });
      if (this.pending !== undefined) this.post(this.pending);
      this.pending = undefined;
    });
    this.panel.onDidDispose(() => {
      this.disposed = true;
      clearTimeout(this.timer);
      onDispose();
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** A journey text changed: asks again after a pause (typing on resets it). */
  changed(): void {
    if (this.buildOnly) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(this.document), PAUSE_MS);
  }

  saved(document: vscode.TextDocument): void {
    if (document.uri.toString() === this.document.uri.toString() || !this.buildOnly) {
      void this.refresh(this.document);
    }
  }

  /** Shows the document's preview now; a later refresh wins over an earlier one. */
  async refresh(document: vscode.TextDocument): Promise<void> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    const client = this.clientOf();
    if (!this.buildOnly && client !== undefined && client.isRunning()) {
      let answer: unknown;
      try {
        answer = await client.sendRequest(PREVIEW_METHOD, { textDocument: { uri: document.uri.toString() } });
      } catch (error) {
        if ((error as { code?: number })?.code !== METHOD_NOT_FOUND) {
          this.notice(`The language server could not draw the preview: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        this.buildOnly = true;
      }
      if (generation !== this.generation || this.disposed) return;
      if (!this.buildOnly) {
        if (isPreview(answer)) {
          this.shown = keepLastGood(this.shown, answer);
          this.post({ type: 'preview', preview: this.shown });
        } else {
          this.notice('The language server has not read this file yet: the preview follows once it has.');
        }
        return;
      }
    }
    await this.build(document, generation);
  }

  /** The preview of the file as saved, made by `journey build`. */
  private async build(document: vscode.TextDocument, generation: number): Promise<void> {
    this.live = false;
    const file = document.uri.fsPath;
    if (document.isUntitled || document.uri.scheme !== 'file') {
      this.html(renderPage({ kind: 'message', file: document.fileName, title: 'Save the file to preview its diagram', detail: 'journey build reads the file from disk.' }));
      return;
    }
    this.html(renderPage({ kind: 'building', file }));
    const result = await runBuild(this.binaryOf(document), file);
    if (generation !== this.generation) {
      return;
    }
    this.html(renderPage({ kind: 'result', file, result, at: new Date(), unsaved: document.isDirty }));
  }

  private post(message: Message): void {
    if (this.disposed) return;
    if (!this.live) {
      const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
      this.html(
        renderShell({
          file: this.document.fileName,
          cspSource: this.panel.webview.cspSource,
          scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
          styleUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview-style.css')).toString(),
          nonce: randomBytes(16).toString('base64'),
        }),
      );
      this.live = true;
      // The page asks for what to show ("ready") once its script runs.
      if (message.type === 'notice') this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private notice(text: string): void {
    this.post({ type: 'notice', text });
  }

  private html(html: string): void {
    if (!this.disposed) {
      this.panel.webview.html = html;
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}
