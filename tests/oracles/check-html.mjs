// Opens journey's HTML report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and checks what a reader would: it loads with no console error, no page
// error and no network request (the report is self-contained: its only "requests" are the
// fonts it carries as data: URLs), every journey has its figures, steps, service blueprint and
// flow diagram, and the page's style sheet reaches no element inside a drawing (a drawing's
// text is never outlined by a rule meant for the page). Saves a screenshot.
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
  page.on("request", (r) => { if (r.url() !== url && !r.url().startsWith("data:")) problems.push(`request: ${r.url()}`); });
  await page.goto(url, { waitUntil: "load" });
  const facts = await page.evaluate(() => {
    const journeys = [...document.querySelectorAll("section.jr-journey")];
    // Every rule of the page's style sheets, and the elements inside a drawing it matches.
    const leaks = [];
    for (const sheet of document.styleSheets) {
      const walk = (rules) => {
        for (const rule of rules) {
          if (rule.cssRules) walk(rule.cssRules);
          if (!rule.selectorText) continue;
          for (const el of document.querySelectorAll(rule.selectorText)) {
            if (el.ownerSVGElement) { leaks.push(`${rule.selectorText} matches <${el.tagName}>`); break; }
          }
        }
      };
      walk(sheet.cssRules);
    }
    const texts = [...document.querySelectorAll(".jr-diagram svg text")];
    const outlined = texts.filter((t) => { const s = getComputedStyle(t).stroke; return s && s !== "none"; }).length;
    return {
      journeys: journeys.length,
      incomplete: journeys
        .filter((s) => s.querySelectorAll(".jr-diagram svg text").length === 0 || s.querySelectorAll("figure.jr-diagram").length < 2
          || s.querySelectorAll("table.jr-steps tbody tr").length === 0 || !s.querySelector("h2"))
        .map((s) => s.id),
      diagnostics: !!document.querySelector("#findings"),
      scripts: document.querySelectorAll("script").length,
      external: [...document.querySelectorAll("[src],link[href]")].length,
      leaks,
      outlined,
      texts: texts.length,
    };
  });
  if (facts.journeys === 0) problems.push("no journey sections");
  if (facts.incomplete.length) problems.push(`journeys without figures, steps or diagrams: ${facts.incomplete.join(", ")}`);
  if (!facts.diagnostics) problems.push("no findings section");
  if (facts.scripts || facts.external) problems.push("the report refers to scripts or external files");
  if (facts.leaks.length) problems.push(`the page's style reaches into drawings: ${facts.leaks.join("; ")}`);
  if (facts.outlined) problems.push(`${facts.outlined} of ${facts.texts} texts of the drawings are outlined`);
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(`${report}: ${facts.journeys} journeys, ${facts.texts} texts in drawings`);
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
