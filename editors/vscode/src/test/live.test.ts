/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The live preview: which drawing is kept while the text has errors, the webview page, and the
// whole way with a real `journey lsp` (skipped without one) answering `journey/preview` as the
// text is typed, its answers drawn by the real webview page in headless Chromium (skipped
// without playwright-core and Chromium, unless JOURNEY_REQUIRE_ORACLES=1).
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { isPreview, JourneyView, keepLastGood, LivePreview, PREVIEW_METHOD, renderShell } from '../live';
import { fileUri, realBinary, REPO, Wire } from './wire';

function journey(id: string, blueprint: string): JourneyView {
  return { id, name: id, label: id, blueprint, flow: '<svg/>', figures: { header: [], rows: [] }, unmeasured: null };
}

function answer(drawn: boolean, journeys: JourneyView[], errors = drawn ? 0 : 1): LivePreview {
  const summary = `${errors} error${errors === 1 ? '' : 's'}, 0 warnings`;
  return { drawn, stale: false, files: 1, errors, warnings: 0, summary, diagnostics: [], omitted: 0, journeys, version: 1 };
}

test('a drawing is kept under the diagnostics while the text has errors', () => {
  const first = answer(false, []);
  assert.equal(keepLastGood(undefined, first), first, 'nothing drawn yet: nothing to keep');
  const good = answer(true, [journey('order', '<svg>1</svg>')]);
  assert.equal(keepLastGood(first, good), good);
  const kept = keepLastGood(good, answer(false, []));
  assert.equal(kept.stale, true);
  assert.equal(kept.errors, 1);
  assert.deepEqual(kept.journeys, good.journeys);
  // Still broken: still the same drawing, not a drawing of nothing.
  assert.deepEqual(keepLastGood(kept, answer(false, [], 2)).journeys, good.journeys);
  const next = answer(true, [journey('order', '<svg>2</svg>')]);
  assert.equal(keepLastGood(kept, next), next, 'fixed: the new drawing');
  // A file with no journey that checks shows no journey (nothing stale to keep).
  assert.deepEqual(keepLastGood(next, answer(true, [])).journeys, []);
});

test('answers that are not previews are recognised', () => {
  assert.equal(isPreview(answer(true, [])), true);
  assert.equal(isPreview(null), false);
  assert.equal(isPreview({ drawn: true }), false);
  assert.equal(isPreview('preview'), false);
});

test('the webview page allows only its own script, by nonce, and escapes the file name', () => {
  const page = renderShell({
    file: '/m/<b>"x".journey',
    cspSource: 'vscode-resource:',
    scriptUri: 'vscode-resource:/dist/webview.js',
    styleUri: 'vscode-resource:/dist/webview-style.css',
    nonce: 'n0nce',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1].replace(/&#39;/g, "'");
  assert.equal(csp, "default-src 'none'; img-src blob:; connect-src blob:; style-src vscode-resource:; script-src 'nonce-n0nce';");
  assert.match(page, /<script nonce="n0nce" src="vscode-resource:\/dist\/webview.js"><\/script>/);
  assert.equal(page.match(/<script/g)?.length, 1);
  assert.match(page, /Journey preview: &lt;b&gt;&quot;x&quot;\.journey/);
});

const CATALOG = 'lane sales "Sales"\nlane service "Service"\nsystem crm "CRM"\ntouchpoint phone "Call centre" { channel: phone  lane: service  uses: crm }\ntouchpoint web "Web shop" { channel: web  lane: sales  uses: crm }\n';
const GOOD = 'import "catalog.journey"\n\njourney order "Order" {\n  step browse "Browse" at web\n  step ask "Ask" at phone\n  step buy "Buy" at web\n}\n';
const BROKEN = GOOD.replace('at phone', 'at phnoe');

/** What the editor shows after each keystroke of the test below, for the page test after it. */
const shownSteps: { what: string; preview: LivePreview }[] = [];

test('typing: a real `journey lsp` answers journey/preview from the text as it is typed', async (t) => {
  const binary = realBinary('lsp');
  if (binary === undefined) {
    t.skip('no journey binary with an `lsp` subcommand');
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-live-'));
  await fs.mkdir(path.join(dir, '.git'));
  await fs.writeFile(path.join(dir, 'catalog.journey'), CATALOG);
  const order = path.join(dir, 'order.journey');
  await fs.writeFile(order, BROKEN);
  const wire = new Wire(binary, dir);
  try {
    const init = await wire.request('initialize', { processId: process.pid, rootUri: fileUri(dir), capabilities: {} });
    assert.ok(init.result, JSON.stringify(init));
    wire.notify('initialized', {});
    const uri = fileUri(order);
    let version = 1;
    wire.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'journey', version, text: BROKEN } });
    // What the editor shows; a holder, as it changes inside `type`.
    const editor: { shown?: LivePreview } = {};
    const type = async (text: string | undefined, what: string): Promise<LivePreview> => {
      if (text !== undefined) {
        version += 1;
        wire.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      }
      const response = await wire.request(PREVIEW_METHOD, { textDocument: { uri } });
      assert.ok(isPreview(response.result), JSON.stringify(response).slice(0, 500));
      const next = response.result as LivePreview;
      assert.equal(next.version, version, 'the answer is about the text just typed');
      editor.shown = keepLastGood(editor.shown, next);
      shownSteps.push({ what, preview: editor.shown });
      return next;
    };

    const broken = await type(undefined, 'a mistake, nothing drawn yet');
    assert.equal(broken.drawn, false);
    assert.equal(broken.diagnostics[0].code, 'J0201');
    assert.match(broken.diagnostics[0].message, /phnoe/);
    assert.equal(editor.shown!.journeys.length, 0);

    const good = await type(GOOD, 'fixed');
    assert.equal(good.drawn, true);
    assert.deepEqual(good.journeys.map((j) => j.id), ['order']);
    assert.match(good.journeys[0].blueprint, /^<svg[\s\S]*>Ask</);

    const again = await type(GOOD.replace('at phone', 'at pho'), 'a mistake while typing');
    assert.equal(again.drawn, false);
    assert.equal(editor.shown!.stale, true, 'the last drawing is kept');
    assert.equal(editor.shown!.journeys[0].blueprint, good.journeys[0].blueprint);
    assert.match(editor.shown!.diagnostics[0].message, /pho/);

    const renamed = await type(GOOD.replace('"Ask"', '"Ask about sizes"'), 'fixed, with a new label');
    assert.equal(renamed.drawn, true);
    assert.equal(editor.shown!.stale, false);
    assert.match(editor.shown!.journeys[0].blueprint, /Ask about sizes/);
  } finally {
    await wire.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('the webview page draws those answers in Chromium and keeps the drawing under the mistake', async (t) => {
  const playwright = path.join(REPO, 'tests', 'oracles', 'node_modules', 'playwright-core');
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  const script = path.resolve(__dirname, '..', '..', 'dist', 'webview.js');
  if (!existsSync(playwright) || !existsSync(chromiumPath) || !existsSync(script) || shownSteps.length === 0) {
    if (process.env.JOURNEY_REQUIRE_ORACLES === '1') assert.fail('playwright-core, Chromium, the webview bundle or a journey binary is missing');
    t.skip('needs playwright-core and Chromium (tests/oracles/install), dist/webview.js and a journey binary');
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require(playwright);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-webview-'));
  const page = path.join(dir, 'preview.html');
  await fs.writeFile(
    page,
    renderShell({
      file: '/ws/order.journey',
      cspSource: 'file:',
      scriptUri: fileUri(script),
      styleUri: fileUri(path.join(path.dirname(script), 'webview-style.css')),
      nonce: 'test-nonce',
    }),
  );
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const problems: string[] = [];
  try {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    tab.on('console', (m: { type(): string; text(): string }) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    tab.on('pageerror', (e: Error) => problems.push(`page error: ${e.message}`));
    // What VS Code gives a webview: a way to post to the extension.
    await tab.addInitScript(() => {
      const sent: unknown[] = [];
      (window as unknown as Record<string, unknown>).sentToExtension = sent;
      (window as unknown as Record<string, unknown>).acquireVsCodeApi = () => ({ postMessage: (m: unknown) => sent.push(m) });
    });
    await tab.goto(fileUri(page));
    await tab.waitForFunction(() => ((window as unknown as Record<string, unknown[]>).sentToExtension ?? []).length > 0);
    assert.deepEqual(await tab.evaluate(() => (window as unknown as Record<string, unknown[]>).sentToExtension), [{ type: 'ready' }]);
    let n = 0;
    for (const { what, preview } of shownSteps) {
      n += 1;
      await tab.evaluate((p: LivePreview) => window.postMessage({ type: 'preview', preview: p }, '*'), preview);
      const state = preview.drawn ? 'ok' : 'error';
      await tab.waitForFunction(
        ([s, stale]: [string, string]) => {
          const root = document.getElementById('preview')!;
          const imgs = [...root.querySelectorAll('img')];
          return root.dataset.state === s && root.dataset.stale === stale && imgs.every((i) => i.complete && i.naturalWidth > 0);
        },
        [state, String(preview.stale)],
      );
      const seen = await tab.evaluate(() => {
        const root = document.getElementById('preview')!;
        return {
          journeys: [...root.querySelectorAll('section.jp-journey')].map((s) => (s as HTMLElement).dataset.journey),
          problems: [...root.querySelectorAll('.jp-problems li')].map((li) => li.textContent ?? ''),
          drawn: [...root.querySelectorAll('img')].map((i) => i.naturalWidth),
          alt: root.querySelector('figure.jp-blueprint img')?.getAttribute('alt') ?? '',
        };
      });
      assert.deepEqual(seen.journeys, preview.journeys.map((j) => j.id), what);
      assert.equal(seen.problems.length, preview.diagnostics.length, what);
      assert.ok(seen.drawn.every((w: number) => w > 100), `${what}: every drawing shows (${seen.drawn})`);
      if (preview.stale) assert.match(seen.problems.join('\n'), /J0201/, what);
      await tab.screenshot({ path: path.join(REPO, 'target', `vscode-preview-${n}.png`) });
    }
  } finally {
    await browser.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(problems, []);
});
