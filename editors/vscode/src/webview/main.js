// The preview's webview: draws each preview the extension posts with the same renderer as
// `journey serve` and the playground (crates/journey-preview/web/preview.js), which keeps the
// last drawing under the diagnostics while the text has errors. Bundled into dist/webview.js.
import { render } from "../../../../crates/journey-preview/web/preview.js";

const vscode = acquireVsCodeApi();
const root = document.getElementById("preview");
const notice = document.getElementById("notice");

window.addEventListener("message", (event) => {
  const message = event.data;
  if (!message || typeof message !== "object") return;
  if (message.type === "preview") {
    render(root, message.preview);
    notice.hidden = true;
  } else if (message.type === "notice") {
    notice.textContent = message.text;
    notice.hidden = false;
  }
});
// The extension answers with what it last showed (a webview moved or hidden is loaded again).
vscode.postMessage({ type: "ready" });
