// Follows `journey serve` in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) while the model changes on disk, as a user editing it would see it:
//   1. the page shows the workspace's blueprint, flow diagram and figures, no errors;
//   2. a change saved to the file → the page shows it (the blueprint has the new label);
//   3. a mistake saved → its diagnostic appears and the last drawing stays;
//   4. the mistake fixed → the new drawing.
// It fails on any console error (a CSP violation is one), page error, or a request that
// leaves the server. Prints how long each update took from the save; saves screenshots.
// Usage: node check-serve.mjs URL MODEL.journey SCREENSHOT-PREFIX
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";

const [url, model, shots] = process.argv.slice(2);
if (!url || !model || !shots) {
  console.error("usage: node check-serve.mjs URL MODEL.journey SCREENSHOT-PREFIX");
  process.exit(2);
}
const problems = [];
const fail = (message) => { throw new Error(message); };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});
const origin = new URL(url).origin;

/** What the page shows now: its state, the problems listed, and the blueprint's SVG text. */
async function seen(page) {
  return page.evaluate(async () => {
    // Everything is read at one moment; only then is the drawing fetched (an update may come
    // in meanwhile, and must not mix two states).
    const root = document.getElementById("preview");
    const img = root.querySelector("section.jp-journey figure.jp-blueprint img");
    const flow = root.querySelector("section.jp-journey figure.jp-flow img");
    const now = {
      state: root.dataset.state,
      stale: root.dataset.stale,
      updates: Number(root.dataset.updates || 0),
      status: root.querySelector(".jp-status")?.textContent ?? "",
      problems: [...root.querySelectorAll(".jp-problems li")].map((li) => li.textContent),
      journeys: root.querySelectorAll("section.jp-journey").length,
      src: img?.src ?? "",
      drawn: !!img && img.complete && img.naturalWidth > 100 && !!flow && flow.complete && flow.naturalWidth > 100,
      figures: [...root.querySelectorAll("section.jp-journey .jp-figures tbody tr")].map((tr) => tr.textContent),
    };
    now.svg = now.src ? await (await fetch(now.src)).text() : "";
    return now;
  });
}

/** Saves `text` to the model and waits until the page shows what `ready` looks for. */
async function saveAndWait(page, text, ready, what) {
  const before = (await seen(page)).updates;
  const saved = performance.now();
  writeFileSync(model, text);
  const deadline = saved + 10_000;
  for (;;) {
    const now = await seen(page);
    if (now.updates > before && ready(now)) {
      const ms = performance.now() - saved;
      console.log(`${what}: the page showed it ${ms.toFixed(0)} ms after the save`);
      return now;
    }
    if (performance.now() > deadline) fail(`${what}: the page did not update within 10 s: ${JSON.stringify({ ...now, svg: now.svg.length })}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin + "/") && !u.startsWith("blob:")) problems.push(`request outside the server: ${u}`);
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.getElementById("preview").dataset.state === "ok", null, { timeout: 10_000 });
  await page.waitForFunction(() => [...document.querySelectorAll("#preview img")].every((i) => i.complete && i.naturalWidth > 0));
  const first = await seen(page);
  if (!first.drawn || first.journeys === 0) fail(`no drawing at first: ${JSON.stringify({ ...first, svg: first.svg.length })}`);
  if (first.figures.length < 5) fail(`no figures: ${first.figures}`);
  if (!/no problems/.test(first.status)) fail(`status: ${first.status}`);
  await page.screenshot({ path: `${shots}-1-first.png` });

  const original = readFileSync(model, "utf8");
  if (!original.includes('"Browse the catalog"')) fail("the model has no step labelled \"Browse the catalog\"");

  // 2. A change.
  const changed = original.replace('"Browse the catalog"', '"Browse the spring catalog"');
  const afterChange = await saveAndWait(page, changed, (s) => s.svg.includes("Browse the spring") && s.drawn, "a change");
  if (afterChange.state !== "ok" || !afterChange.drawn) fail(`after the change: ${afterChange.state}`);
  if (first.svg.includes("Browse the spring")) fail("the first drawing already had the new label");

  // 3. A mistake: the drawing stays, the diagnostic is over it.
  const broken = changed.replace(/at web \{/, "at wbe {");
  if (broken === changed) fail("could not make the mistake");
  const afterMistake = await saveAndWait(page, broken, (s) => s.state === "error", "a mistake");
  if (!afterMistake.problems.some((p) => p.includes("J0201") && p.includes("wbe"))) fail(`the diagnostic is not shown: ${afterMistake.problems}`);
  if (afterMistake.stale !== "true" || afterMistake.src !== afterChange.src || afterMistake.svg !== afterChange.svg) fail("the last drawing did not stay");
  if (!afterMistake.drawn) fail("the kept drawing is not shown");
  if (!/last version without errors/.test(afterMistake.status)) fail(`status: ${afterMistake.status}`);
  await page.screenshot({ path: `${shots}-2-mistake.png` });

  // 4. Fixed, with another change: the new drawing.
  const fixed = changed.replace('"Browse the spring catalog"', '"Browse the summer catalog"');
  const afterFix = await saveAndWait(page, fixed, (s) => s.state === "ok" && s.svg.includes("Browse the summer") && s.drawn, "the fix");
  if (afterFix.problems.length !== 0 || afterFix.stale !== "false" || !afterFix.drawn) fail(`after the fix: ${JSON.stringify({ ...afterFix, svg: afterFix.svg.length })}`);
  await page.screenshot({ path: `${shots}-3-fixed.png` });
  writeFileSync(model, original);
  console.log(`${url}: ${first.journeys} journey(s) followed through a change, a mistake and its fix`);
} catch (error) {
  problems.push(String(error && error.stack || error));
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
