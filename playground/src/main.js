// The playground: the journey compiler (crates/journey-wasm, as WebAssembly) behind a
// CodeMirror editor. Every change is checked after a short pause; the diagnostics go to the
// editor (underlined, in the gutter) and to the list over the drawings; the blueprint, flow
// diagram and figures are drawn again when the model has no errors, and kept while it has.
import { EditorState, RangeSetBuilder } from "@codemirror/state";
import {
  Decoration, EditorView, ViewPlugin, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap,
  lineNumbers, rectangularSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { bracketMatching } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
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

// For people and tests: when the first drawing was on screen (ms since navigation began), how
// many checks ran, and the model's text (the editor only puts the lines in sight in the page).
const status = (window.journeyPlayground = {
  firstDrawingMs: null,
  firstDrawing: undefined,
  checks: 0,
  text: () => view?.state.doc.toString() ?? "",
});

const CLASSES = ["comment", "keyword", "field", "string", "number", "operator", "error", "punctuation"].map((name) =>
  Decoration.mark({ class: `tok-${name}` }),
);

/** Colours from the compiler's own lexer, made again when the text changes. */
const colours = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = this.build(view);
    }
    update(update) {
      if (update.docChanged) this.decorations = this.build(update.view);
    }
    build(view) {
      const spans = highlight(view.state.doc.toString());
      const builder = new RangeSetBuilder();
      for (let i = 0; i + 2 < spans.length; i += 3) {
        if (spans[i + 1] > spans[i]) builder.add(spans[i], spans[i + 1], CLASSES[spans[i + 2]]);
      }
      return builder.finish();
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

let view;
let timer;

/** Checks and draws the model in the editor now. */
function refresh() {
  clearTimeout(timer);
  const result = draw(view.state.doc.toString());
  if (result) view.dispatch(setDiagnostics(view.state, result.diagnostics.map((d) => toEditor(view.state.doc, d))));
}

/** Checks `text` and shows its preview; returns the preview, or nothing on an internal error. */
function draw(text) {
  let result;
  try {
    const t0 = performance.now();
    const json = preview(text);
    status.lastCheckMs = performance.now() - t0;
    result = JSON.parse(json);
  } catch (error) {
    note.textContent = `internal error: ${error}`;
    return undefined;
  }
  status.checks += 1;
  performance.mark("journey:checked");
  render(root, result);
  if (status.firstDrawingMs === null && result.journeys.length > 0) {
    status.firstDrawing = decoded().then(() => {
      status.firstDrawingMs = performance.now();
      root.dataset.firstDrawing = "done";
    });
  }
  return result;
}

/** Resolves when every drawing on the page is decoded, ready to paint. */
function decoded() {
  return Promise.all([...root.querySelectorAll("img")].map((img) => img.decode().catch(() => undefined)));
}

/** A journey diagnostic as a CodeMirror one (positions are UTF-16, like the editor's). */
function toEditor(doc, d) {
  const at = (p) => {
    const line = doc.line(Math.min(p.line + 1, doc.lines));
    return Math.min(line.from + p.character, line.to);
  };
  const from = at(d.start);
  const to = Math.max(from, at(d.end));
  const message = [`${d.code} ${d.message}`, ...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])].join("\n");
  return { from, to, severity: d.severity, message, source: d.name };
}

function load(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  refresh();
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
  // boot.js started fetching and compiling the compiler before this bundle ran.
  const compiled = window.journeyWasm ?? WebAssembly.compileStreaming(fetch(new URL("journey_wasm_bg.wasm", import.meta.url)));
  await init({ module_or_path: await compiled });
  performance.mark("journey:compiler-ready");
  let text = EXAMPLES[0][2];
  try {
    const shared = await decode(location.hash);
    if (shared !== null) {
      text = shared;
      note.textContent = "The model from the link.";
    }
  } catch (error) {
    note.textContent = `Could not open the shared model: ${error.message}. Here is an example instead.`;
  }
  for (const [id, label] of EXAMPLES) picker.append(new Option(label, id));
  picker.prepend(new Option("—", ""));
  picker.value = text === EXAMPLES[0][2] ? EXAMPLES[0][0] : "";
  picker.addEventListener("change", () => {
    const chosen = EXAMPLES.find(([id]) => id === picker.value);
    if (chosen) load(chosen[2]);
  });
  // The drawing first, then the editor (building it takes a while).
  const first = draw(text);
  await status.firstDrawing;
  performance.mark("journey:editor-start");
  view = new EditorView({
    parent: document.getElementById("editor"),
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        rectangularSelection(),
        highlightActiveLine(),
        bracketMatching(),
        closeBrackets(),
        highlightSelectionMatches(),
        search(),
        lintGutter(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
        EditorState.tabSize.of(2),
        colours,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          clearTimeout(timer);
          timer = setTimeout(refresh, PAUSE_MS);
        }),
      ],
    }),
  });
  performance.mark("journey:editor-ready");
  if (first) view.dispatch(setDiagnostics(view.state, first.diagnostics.map((d) => toEditor(view.state.doc, d))));
  document.getElementById("share").addEventListener("click", () => void share());
  document.getElementById("format").addEventListener("click", () => {
    const formatted = format(view.state.doc.toString());
    if (formatted === undefined) {
      note.textContent = "Fix the syntax errors first: formatting needs a model that parses.";
    } else {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: formatted } });
      note.textContent = "Formatted.";
    }
  });
  note.textContent ||= `journey ${version()}`;
}

start().catch((error) => {
  root.textContent = `The compiler could not start: ${error}`;
});
