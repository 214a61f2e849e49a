// Reads Mermaid user-journey diagrams with Mermaid itself (the `mermaid` package, in a jsdom
// window) and prints what Mermaid understood, as JSON: for each file its title and its tasks
// (section, name, score, actors), or its parse error. Exits 1 if any file does not parse.
// Usage: node read-mermaid-journey.mjs FILE...
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "DOMParser", "Element", "HTMLElement", "Node", "navigator"]) {
  if (!(name in globalThis) || name === "window" || name === "document") {
    Object.defineProperty(globalThis, name, { value: name === "window" ? dom.window : dom.window[name], configurable: true });
  }
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const out = {};
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(readFileSync(file, "utf8"));
    if (diagram.type !== "journey") throw new Error(`a ${diagram.type} diagram, not a journey`);
    const db = diagram.db;
    out[file] = {
      title: db.getDiagramTitle(),
      tasks: db.getTasks().map((t) => ({ section: t.section, task: t.task, score: t.score, people: t.people })),
    };
    db.clear();
  } catch (error) {
    failed = true;
    out[file] = { error: String(error?.message ?? error).split("\n").slice(0, 4).join(" ") };
  }
}
console.log(JSON.stringify(out, null, 1));
process.exit(failed ? 1 : 0);
