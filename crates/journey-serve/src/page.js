// The page of `journey serve`: shows the workspace's preview and follows its changes through
// server-sent events (/events), each carrying the whole state. If the stream drops (the server
// stopped or restarted), the browser reconnects by itself and the first event brings the page
// up to date.
import { render } from "/preview.js";

const root = document.getElementById("preview");
const connection = document.getElementById("connection");
let shown = 0;

function show(json) {
  const preview = JSON.parse(json);
  render(root, preview);
  shown += 1;
  document.title = `${preview.drawn ? "" : "✗ "}journey serve`;
  // For tests and for people: how many states this page has shown.
  root.dataset.updates = String(shown);
}

const events = new EventSource("/events");
events.addEventListener("preview", (event) => show(event.data));
events.addEventListener("open", () => { connection.textContent = "live: updates when a file is saved"; });
events.addEventListener("error", () => { connection.textContent = "disconnected: is `journey serve` still running?"; });
