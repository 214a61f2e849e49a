// The playground: the journey compiler (crates/journey-wasm, as WebAssembly) behind a
// CodeMirror editor. Every change is checked after a short pause; the diagnostics go to the
// editor (underlined, in the gutter) and to the list over the drawings; the blueprint, flow
// diagram and figures are drawn again when the model has no errors, and kept while it has.
// The first drawing comes before the editor is loaded: the compiler and the renderer are all
// it needs.
import init, { preview, highlight, format, version } from "../pkg/journey_wasm.js";
import { render } from "../../crates/journey-preview/web/preview.js";
import { encode, decode } from "./share.js";
import webShop from "../../examples/web-shop.journey";
import bank from "../../examples/bank.journey";
import garage from "../../examples/garage.journey";
import managers from "../../examples/account-managers.journey";
import competitor from "../../examples/competitor.journey";

const EXAMPLES = [
  ["web-shop", "A web shop's order process", webShop],
  ["bank", "A bank: branch, phone, mail and online", bank],
  ["garage", "A garage's customer care, with segments", garage],
  ["account-managers", "What-if: dedicated account managers", managers],
  ["competitor", "A competitor's journey compared", competitor],
];
/** How long typing pauses before the model is checked. */
const PAUSE_MS = 60;

const root = document.getElementById("preview");
const note = document.getElementById("note");
const link = document.getElementById("link");
const picker = document.getElementById("example");

let editor; // the editor module, once loaded
let view; // the editor
let timer;

// For people and tests: when the first drawing was on screen (ms since navigation began), how
// many checks ran and how long the last took (compiler and drawings, in ms), and the model's text (the editor only puts the lines in sight in the page).
const status = (window.journeyPlayground = {
  firstDrawingMs: null,
  firstDrawing: undefined,
  checks: 0,
  lastCheckMs: null,
  text: () => view?.state.doc.toString() ?? "",
});

/** Checks `text` and shows its preview; returns the preview, or nothing on an internal error. */
function draw(text) {
  let result;
  try {
    const started = performance.now();
    result = JSON.parse(preview(text));
    status.lastCheckMs = performance.now() - started;
  } catch (error) {
    note.textContent = `internal error: ${error}`;
    return undefined;
  }
  status.checks += 1;
  render(root, result);
  if (status.firstDrawingMs === null && result.journeys.length > 0) {
    status.firstDrawing = decoded().then(() => {
      status.firstDrawingMs = performance.now();
      root.dataset.firstDrawing = "done";
    });
  }
  return result;
}

/** Checks and draws the model in the editor now. */
function refresh() {
  clearTimeout(timer);
  const result = draw(view.state.doc.toString());
  if (result) editor.showProblems(view, result.diagnostics);
}

/** Resolves when every drawing on the page is decoded, ready to paint. */
function decoded() {
  return Promise.all([...root.querySelectorAll("img")].map((img) => img.decode().catch(() => undefined)));
}

async function share() {
  const fragment = await encode(view.state.doc.toString());
  const url = `${location.origin}${location.pathname}${location.search}${fragment}`;
  window.history.replaceState(null, "", fragment);
  link.value = url;
  link.select();
  try {
    await navigator.clipboard.writeText(url);
    note.textContent = "Link copied.";
  } catch {
    note.textContent = "Copy the link above.";
  }
}

async function start() {
  // The page preloads the compiler while this script loads.
  await init({ module_or_path: new URL("journey_wasm_bg.wasm", import.meta.url) });

  let text = EXAMPLES[0][2];
  let chosen = EXAMPLES[0][0];
  try {
    const shared = await decode(location.hash);
    if (shared !== null) {
      text = shared;
      chosen = "";
      note.textContent = "The model from the link.";
    }
  } catch (error) {
    note.textContent = `Could not open the shared model: ${error.message}. Here is an example instead.`;
  }
  // The drawing first, then the editor.
  const first = draw(text);
  await status.firstDrawing;

  // The editor is most of the page's script: it loads once the drawing is on screen.
  editor = await import("./editor.js");
  view = editor.createEditor({
    parent: document.getElementById("editor"),
    doc: text,
    highlight,
    changed: () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, PAUSE_MS);
    },
  });
  if (first) editor.showProblems(view, first.diagnostics);

  picker.append(new Option("—", ""), ...EXAMPLES.map(([id, label]) => new Option(label, id)));
  picker.value = chosen;
  picker.addEventListener("change", () => {
    const example = EXAMPLES.find(([id]) => id === picker.value);
    if (example) {
      editor.replaceText(view, example[2]);
      refresh();
    }
  });
  document.getElementById("share").addEventListener("click", () => void share());
  document.getElementById("format").addEventListener("click", () => {
    const formatted = format(view.state.doc.toString());
    if (formatted === undefined) {
      note.textContent = "Fix the syntax errors first: formatting needs a model that parses.";
    } else {
      editor.replaceText(view, formatted);
      note.textContent = "Formatted.";
    }
  });
  note.textContent ||= `journey ${version()}`;
  root.dataset.ready = "true";
}

start().catch((error) => {
  root.textContent = `The compiler could not start: ${error}`;
});
