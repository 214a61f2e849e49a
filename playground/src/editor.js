// The editor: CodeMirror with the language's colours (from the compiler's own lexer) and its
// diagnostics. Loaded after the first drawing is on screen (it is most of the page's script).
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

const CLASSES = ["comment", "keyword", "field", "string", "number", "operator", "error", "punctuation"].map((name) =>
  Decoration.mark({ class: `tok-${name}` }),
);

/** Colours from `highlight` (start, end, class triples in UTF-16 units), made again on change. */
function colours(highlight) {
  return ViewPlugin.fromClass(
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
}

/** An editor in `parent` holding `doc`; `changed` is called after each change of the text. */
export function createEditor({ parent, doc, highlight, changed }) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
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
        colours(highlight),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed();
        }),
      ],
    }),
  });
}

/** Shows journey's diagnostics (journey-preview's `Problem`s) in the editor. */
export function showProblems(view, problems) {
  const doc = view.state.doc;
  const at = (p) => {
    const line = doc.line(Math.min(p.line + 1, doc.lines));
    return Math.min(line.from + p.character, line.to);
  };
  const diagnostics = problems.map((d) => {
    const from = at(d.start);
    const message = [`${d.code} ${d.message}`, ...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])];
    return { from, to: Math.max(from, at(d.end)), severity: d.severity, message: message.join("\n"), source: d.name };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Replaces the whole text. */
export function replaceText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
