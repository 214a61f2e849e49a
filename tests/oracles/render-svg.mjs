// Renders SVG files in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), each at its own size, with journey's bundled font loaded under its family
// name, and saves them as PNG: the browser's rendering that journey's own PNG output is compared
// with. Usage: node render-svg.mjs FONT_DIR SCALE DRAWING.svg OUT.png [DRAWING.svg OUT.png ...]
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [fonts, scaleText, ...pairs] = process.argv.slice(2);
const scale = Number(scaleText);
if (!fonts || !(scale > 0) || pairs.length === 0 || pairs.length % 2 !== 0) {
  console.error("usage: node render-svg.mjs FONT_DIR SCALE DRAWING.svg OUT.png [...]");
  process.exit(2);
}
const face = (file, weight) =>
  `@font-face { font-family: 'Journey Sans'; font-weight: ${weight}; src: url(data:font/ttf;base64,${readFileSync(join(fonts, file)).toString("base64")}) format('truetype'); }`;
const style = `${face("JourneySans-Regular.ttf", 400)}\n${face("JourneySans-Bold.ttf", 700)}\nhtml, body { margin: 0; padding: 0; } svg { display: block; }`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--font-render-hinting=none",
  ],
});
try {
  for (let i = 0; i < pairs.length; i += 2) {
    const svg = readFileSync(pairs[i], "utf8");
    const width = Number(/width="([0-9.]+)"/.exec(svg)[1]);
    const height = Number(/height="([0-9.]+)"/.exec(svg)[1]);
    const page = await browser.newPage({ viewport: { width: Math.ceil(width), height: Math.ceil(height) }, deviceScaleFactor: scale });
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>${style}</style></head><body>${svg}</body></html>`);
    const loaded = await page.evaluate(async () => {
      await document.fonts.load("12px 'Journey Sans'");
      await document.fonts.load("bold 12px 'Journey Sans'");
      await document.fonts.ready;
      return document.fonts.check("12px 'Journey Sans'") && document.fonts.check("bold 12px 'Journey Sans'");
    });
    if (!loaded) throw new Error("the bundled font did not load");
    await page.screenshot({ path: pairs[i + 1], clip: { x: 0, y: 0, width: Math.ceil(width), height: Math.ceil(height) } });
    await page.close();
  }
} finally {
  await browser.close();
}
