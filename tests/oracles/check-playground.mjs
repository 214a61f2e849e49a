// The playground (playground/dist, as built by playground/build) in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core), as a visitor uses it:
//   1. the page loads the compiler and draws the example: blueprint, flow diagram, figures;
//   2. typing a mistake → its diagnostic, in the editor and over the drawing, which stays;
//   3. fixing it → the new blueprint;
//   4. the share link, opened in a new page → the same model, drawn;
//   5. a damaged link → a message and the example, no error.
// The site is served from the folder by a small static server on 127.0.0.1. Fails on
// any console error (a CSP violation is one), page error or request outside the site. Prints
// when the first drawing was on screen (ms after navigation began) over several loads.
// Usage: node check-playground.mjs DIST-FOLDER SCREENSHOT-PREFIX [LOADS]
import { chromium } from "playwright-core";
import { readFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize, extname } from "node:path";

const [dist, shots, loadsArg] = process.argv.slice(2);
if (!dist || !shots) {
  console.error("usage: node check-playground.mjs DIST-FOLDER SCREENSHOT-PREFIX [LOADS]");
  process.exit(2);
}
const loads = Number(loadsArg || 5);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
const root = normalize(dist);
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
  const file = normalize(join(root, path === "/" ? "index.html" : path));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" }).end(readFileSync(file));
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const SITE = `http://127.0.0.1:${server.address().port}`;
const problems = [];
const fail = (message) => { throw new Error(message); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});

async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(SITE + "/") && !u.startsWith("blob:")) problems.push(`request outside the site: ${u}`);
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.getElementById("preview").dataset.ready === "true", null, { timeout: 20_000 });
  return page;
}

/** What the page shows: the editor's text, the preview's state, problems, drawings, lint marks. */
function seen(page) {
  return page.evaluate(async () => {
    // Everything is read at one moment; only then are the drawings fetched (an update may come
    // in meanwhile, and must not mix two states).
    const root = document.getElementById("preview");
    const blueprints = [...root.querySelectorAll("figure.jp-blueprint img")];
    const now = {
      text: window.journeyPlayground.text(),
      state: root.dataset.state,
      stale: root.dataset.stale,
      status: root.querySelector(".jp-status")?.textContent ?? "",
      problems: [...root.querySelectorAll(".jp-problems li")].map((li) => li.textContent),
      journeys: [...root.querySelectorAll("section.jp-journey")].map((s) => s.dataset.journey),
      srcs: blueprints.map((img) => img.src),
      drawn: blueprints.length > 0 && blueprints.every((img) => img.complete && img.naturalWidth > 100),
      figures: root.querySelectorAll(".jp-figures tbody tr").length,
      lintErrors: document.querySelectorAll(".cm-lintRange-error").length,
      keywords: document.querySelectorAll(".cm-content .tok-keyword").length,
      checks: window.journeyPlayground.checks,
      firstDrawingMs: window.journeyPlayground.firstDrawingMs,
    };
    now.svgs = await Promise.all(now.srcs.map(async (src) => (await fetch(src)).text()));
    return now;
  });
}

async function until(page, ready, what) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = await seen(page);
    if (ready(now)) return now;
    if (Date.now() > deadline) fail(`${what}: not seen within 10 s: ${JSON.stringify({ ...now, svgs: now.svgs.map((s) => s.length), text: now.text.slice(0, 200) })}`);
    await page.waitForTimeout(20);
  }
}

try {
  // 1. The example, drawn; how soon, over several loads.
  const times = [];
  for (let i = 0; i < loads; i++) {
    const page = await open(`${SITE}/`);
    times.push((await seen(page)).firstDrawingMs);
    if (i < loads - 1) await page.context().close();
  }
  const page = await open(`${SITE}/`);
  const first = await seen(page);
  if (first.state !== "ok" || !first.drawn || first.journeys.length === 0) fail(`the example is not drawn: ${JSON.stringify(first.journeys)} ${first.status}`);
  if (first.figures < 5) fail(`no figures (${first.figures} rows)`);
  if (first.keywords < 10) fail(`the editor is not highlighted (${first.keywords} keywords)`);
  times.sort((a, b) => a - b);
  console.log(`first drawing, ms after navigation began, ${loads} loads: median ${times[times.length >> 1].toFixed(0)}, fastest ${times[0].toFixed(0)}, slowest ${times[times.length - 1].toFixed(0)}`);
  await page.screenshot({ path: `${shots}-1-example.png` });

  // 2. A mistake at the end, entered at once (as pasted, so that no half-typed state is drawn
  // first): a journey whose step is at an unknown touchpoint.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText('journey trial "Trial order" { step look "Look around" at nowhere }');
  const mistake = await until(page, (s) => s.state === "error" && s.lintErrors > 0, "the mistake's diagnostic");
  if (!mistake.problems.some((p) => p.includes("J0201") && p.includes("nowhere"))) fail(`the diagnostic is not listed: ${mistake.problems}`);
  if (mistake.stale !== "true" || mistake.srcs.join() !== first.srcs.join() || !mistake.drawn) fail("the drawing did not stay");
  await page.screenshot({ path: `${shots}-2-mistake.png` });

  // 3. Fix it by typing: the step is at the web shop's touchpoint. The new journey is drawn
  // (waited for until its images have loaded: the state comes first, the pictures after).
  const touchpoint = /touchpoint (\w+)/.exec(first.text)?.[1] ?? fail("no touchpoint in the example");
  await page.keyboard.press("Control+End");
  for (let i = 0; i < "nowhere }".length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type(`${touchpoint} }`, { delay: 5 });
  const fixed = await until(page, (s) => s.state !== "error" && s.journeys.includes("trial") && s.stale === "false" && s.drawn, "the fixed model's drawing");
  if (fixed.lintErrors !== 0 || fixed.stale !== "false" || !fixed.drawn) fail(`after the fix: ${fixed.status} ${fixed.problems}`);
  const trial = fixed.svgs[fixed.journeys.indexOf("trial")] ?? "";
  if (!trial.includes("Look around")) fail("the new journey's blueprint does not show its step");
  await page.screenshot({ path: `${shots}-3-fixed.png` });

  // 4. Share, and open the link elsewhere.
  await page.click("#share");
  await page.waitForFunction(() => document.getElementById("link").value.includes("#code="));
  const link = await page.inputValue("#link");
  if (!link.startsWith(`${SITE}/#code=`)) fail(`share link: ${link}`);
  const other = await open(link);
  const opened = await until(other, (s) => s.journeys.includes("trial") && s.drawn, "the shared model");
  if (opened.text !== fixed.text) fail("the shared link opened another model");
  if (opened.svgs.join() !== fixed.svgs.join()) fail("the shared model is drawn differently");
  console.log(`share link: ${link.length} characters for ${fixed.text.length} characters of model`);
  await other.screenshot({ path: `${shots}-4-shared.png` });

  // 5. A damaged link.
  const damaged = await open(`${SITE}/#code=not*base64!`);
  const fallback = await seen(damaged);
  const message = await damaged.textContent("#note");
  if (!/could not open the shared model/i.test(message) || fallback.state !== "ok") fail(`damaged link: ${message}`);
  console.log("the playground: drawn, a mistake, its fix and a share link, in Chromium");
} catch (error) {
  problems.push(String((error && error.stack) || error));
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
