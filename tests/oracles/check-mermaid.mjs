// Parses Mermaid diagrams with the real Mermaid parser (the `mermaid` package, in a jsdom
// window). Usage: node check-mermaid.mjs FILE...
// Prints each file's diagram type, or its parse error, and exits 1 if any file does not parse.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

// Mermaid expects a browser: give it jsdom's window, document and DOMPurify's needs.
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "DOMParser", "Element", "HTMLElement", "Node", "navigator"]) {
  if (!(name in globalThis) || name === "window" || name === "document") {
    Object.defineProperty(globalThis, name, { value: name === "window" ? dom.window : dom.window[name], configurable: true });
  }
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    const result = await mermaid.parse(text);
    console.log(`${file}: ${result.diagramType}`);
  } catch (error) {
    failed = true;
    console.error(`${file}: ${String(error?.message ?? error).split("\n").slice(0, 4).join("\n  ")}`);
  }
}
process.exit(failed ? 1 : 0);
