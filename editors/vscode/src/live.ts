// The live preview without the editor: what the language server's `journey/preview` answers,
// which drawing to keep while the text has errors, and the webview page that shows it. No
// `vscode` import, so that it can be tested with node's test runner.
import { escapeHtml } from './preview';

/** The request the language server answers with a document's preview. */
export const PREVIEW_METHOD = 'journey/preview';

/** One journey's drawings and figures (journey-preview's `JourneyView`). */
export interface JourneyView {
  id: string;
  name: string;
  label: string;
  blueprint: string;
  flow: string;
  figures: { header: string[]; rows: string[][] };
  unmeasured: string | null;
}

/** A diagnostic placed for people and editors (journey-preview's `Problem`). */
export interface Problem {
  severity: 'error' | 'warning';
  code: string;
  name: string;
  message: string;
  file: string;
  line: number;
  column: number;
  notes: string[];
  help: string | null;
}

/** The answer to `journey/preview` (journey-preview's `Preview`, with the document's version). */
export interface LivePreview {
  drawn: boolean;
  stale: boolean;
  files: number;
  errors: number;
  warnings: number;
  summary: string;
  diagnostics: Problem[];
  omitted: number;
  journeys: JourneyView[];
  version: number | null;
}

/**
 * What to show for a new answer: the answer itself when the server drew it; else its
 * diagnostics over the journeys shown last (marked stale), so a mistake typed in the editor
 * never empties the preview.
 */
export function keepLastGood(shown: LivePreview | undefined, next: LivePreview): LivePreview {
  if (next.drawn || shown === undefined || shown.journeys.length === 0) {
    return next;
  }
  return { ...next, journeys: shown.journeys, stale: true };
}

/** Whether an answer looks like a preview (a server of another version may answer otherwise). */
export function isPreview(value: unknown): value is LivePreview {
  const v = value as LivePreview;
  return typeof v === 'object' && v !== null && typeof v.drawn === 'boolean' && Array.isArray(v.journeys) && Array.isArray(v.diagnostics);
}

/** What the extension posts to the webview. */
export type Message = { type: 'preview'; preview: LivePreview } | { type: 'notice'; text: string };

export interface ShellOptions {
  /** The file shown, for the title. */
  file: string;
  /** The webview's `cspSource`: where its script and style may come from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** A fresh random value each time the page is made. */
  nonce: string;
}

/**
 * The webview's page. Its one script (dist/webview.js, with the nonce) draws the previews the
 * extension posts; each SVG is shown as an image from a blob: URL, so nothing in a drawing can
 * run, and the content security policy allows nothing else.
 */
export function renderShell(o: ShellOptions): string {
  const name = escapeHtml(o.file.split(/[\\/]/).pop() ?? o.file);
  const csp = `default-src 'none'; img-src blob:; connect-src blob:; style-src ${o.cspSource}; script-src 'nonce-${o.nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Journey preview: ${name}</title>
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
</head>
<body>
<p id="notice" class="notice" hidden></p>
<div id="preview" class="journey-preview"><p class="jp-status">Waiting for the language server…</p></div>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
