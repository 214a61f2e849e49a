// Opens journey's HTML report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and checks what a reader would: it loads with no console error, no page
// error and no network request (the report is self-contained), and every journey has its
// figures, steps, service blueprint and flow diagram. Saves a full-page screenshot.
// Usage: node check-html.mjs REPORT.html SCREENSHOT.png
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [report, screenshot] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error("usage: node check-html.mjs REPORT.html SCREENSHOT.png");
  process.exit(2);
}
const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  const url = pathToFileURL(report).href;
  page.on("request", (r) => { if (r.url() !== url) problems.push(`request: ${r.url()}`); });
  await page.goto(url, { waitUntil: "load" });
  const facts = await page.evaluate(() => {
    const journeys = [...document.querySelectorAll("section.journey")];
    return {
      journeys: journeys.length,
      incomplete: journeys
        .filter((s) => !s.querySelector(".diagram.blueprint svg text") || !s.querySelector(".diagram.flow svg text")
          || s.querySelectorAll("table.steps tbody tr").length === 0 || !s.querySelector("h2"))
        .map((s) => s.id),
      diagnostics: !!document.querySelector("#findings"),
      scripts: document.querySelectorAll("script").length,
      external: [...document.querySelectorAll("[src],link[href]")].length,
    };
  });
  if (facts.journeys === 0) problems.push("no journey sections");
  if (facts.incomplete.length) problems.push(`journeys without figures, steps or diagrams: ${facts.incomplete.join(", ")}`);
  if (!facts.diagnostics) problems.push("no findings section");
  if (facts.scripts || facts.external) problems.push("the report refers to scripts or external files");
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(`${report}: ${facts.journeys} journeys`);
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
