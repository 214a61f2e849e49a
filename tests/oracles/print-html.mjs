// Prints journey's HTML report to PDF in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) as a reader's "Print" would, with the report's own print style sheet
// (A4 landscape), and checks in print layout that every drawing shown fits the page's
// printable area. Writes the PDF, and prints one JSON line: the drawings shown and, for each,
// some of its texts (the test finds them in the PDF with poppler).
// Usage: node print-html.mjs REPORT.html OUT.pdf
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [report, pdf] = process.argv.slice(2);
if (!report || !pdf) {
  console.error("usage: node print-html.mjs REPORT.html OUT.pdf");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});
const problems = [];
let facts;
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(report).href, { waitUntil: "load" });
  await page.emulateMedia({ media: "print" });
  // A4 landscape less the report's 12 mm margins: 273 × 186 mm, in CSS pixels.
  const mm = 96 / 25.4;
  const box = { width: 273 * mm, height: 186 * mm };
  await page.setViewportSize({ width: Math.floor(box.width), height: Math.floor(box.height) });
  facts = await page.evaluate((box) => {
    const shown = [...document.querySelectorAll("figure.jr-diagram")].filter((f) => getComputedStyle(f).display !== "none");
    return shown.map((f) => {
      const svg = f.querySelector("svg");
      const r = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent.trim()).filter((t) => t.length >= 6);
      return {
        title: svg.querySelector("title").textContent,
        width: r.width,
        height: r.height,
        fits: r.width <= box.width + 1 && r.height <= box.height + 1,
        texts: [...texts.slice(0, 3), ...texts.slice(-3)],
      };
    });
  }, box);
  for (const f of facts) if (!f.fits) problems.push(`"${f.title}" is ${Math.round(f.width)} × ${Math.round(f.height)} px, larger than the page`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
} finally {
  await browser.close();
}
console.log(JSON.stringify(facts));
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
