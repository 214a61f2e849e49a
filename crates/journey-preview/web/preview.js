// Shows a journey preview — the JSON of journey-preview's `Preview` — in a page: a status
// line, the diagnostics, and for each journey its service blueprint, flow diagram and figures.
// Shared by `journey serve` and the playground.
//
// Safety: nothing from the model becomes markup. Texts go in as text nodes, and each diagram
// is an <img> of its SVG (a blob: URL), so nothing inside a drawing can run or reach the page.
// Updates are made in place (a drawing's <img> changes only when its SVG does), so the page
// keeps its scroll position while the model changes under it.

/**
 * What to show for a new preview: the preview itself when it was drawn; else its diagnostics
 * over the journeys last drawn (marked stale), so a mistake never empties the page.
 */
export function keep(lastDrawn, preview) {
  if (preview.drawn || preview.stale || !lastDrawn || lastDrawn.length === 0) return preview;
  return { ...preview, journeys: lastDrawn, stale: true };
}

/**
 * Renders `preview` into `root` (an element that this module owns). While the model has
 * errors the drawings already shown stay, under the diagnostics.
 */
export function render(root, preview) {
  let view = root.__journeyPreview;
  if (!view) {
    root.classList.add("journey-preview");
    root.replaceChildren();
    view = {
      status: el("p", "jp-status"),
      problems: el("ul", "jp-problems"),
      journeys: el("div", "jp-journeys"),
      sections: new Map(),
      lastDrawn: [],
    };
    view.status.setAttribute("role", "status");
    view.status.setAttribute("aria-live", "polite");
    // The status and the diagnostics stay in sight over the drawings while the page scrolls.
    const bar = el("div", "jp-bar");
    bar.append(view.status, view.problems);
    root.append(bar, view.journeys);
    root.__journeyPreview = view;
  }
  preview = keep(view.lastDrawn, preview);
  if (preview.drawn || preview.stale) view.lastDrawn = preview.journeys;
  renderStatus(view.status, preview);
  renderProblems(view.problems, preview);
  renderJourneys(view, preview);
  root.dataset.state = !preview.drawn ? "error" : preview.errors > 0 ? "drawn-with-errors" : "ok";
  root.dataset.stale = String(!!preview.stale);
}

function renderStatus(status, p) {
  const files = p.files === 1 ? "1 file" : `${p.files} files`;
  let text;
  if (!p.drawn && p.stale) {
    text = `${p.summary}: the drawings below are from the last version without errors.`;
  } else if (!p.drawn) {
    text = `${p.summary}: fix the errors to see the drawings.`;
  } else if (p.errors + p.warnings === 0) {
    text = `${files} checked: no problems.`;
  } else {
    text = `${files} checked: ${p.summary}.`;
  }
  if (p.drawn && p.journeys.length === 0) {
    text += " No journey to draw.";
  }
  status.textContent = text;
  status.className = `jp-status ${p.drawn ? (p.errors > 0 ? "jp-warn" : "jp-ok") : "jp-error"}`;
}

function renderProblems(list, p) {
  const items = p.diagnostics.map((d) => {
    const li = el("li", `jp-${d.severity}`);
    const where = el("code", "jp-where", `${d.file}:${d.line}:${d.column}`);
    const what = el("span", "jp-what", `${d.severity}[${d.code}]`);
    li.append(where, " ", what, " ", el("span", "jp-message", d.message));
    for (const note of d.notes) li.append(el("div", "jp-note", `note: ${note}`));
    if (d.help) li.append(el("div", "jp-help", `help: ${d.help}`));
    return li;
  });
  if (p.omitted > 0) items.push(el("li", "jp-more", `… and ${p.omitted} more`));
  list.replaceChildren(...items);
  list.hidden = items.length === 0;
}

function renderJourneys(view, p) {
  const keep = new Set();
  const ordered = [];
  for (const j of p.journeys) {
    keep.add(j.id);
    let section = view.sections.get(j.id);
    if (!section) {
      section = newSection(j.id);
      view.sections.set(j.id, section);
    }
    fill(section, j);
    ordered.push(section.root);
  }
  for (const [id, section] of view.sections) {
    if (!keep.has(id)) {
      section.drawings.forEach((d) => d.release());
      view.sections.delete(id);
    }
  }
  view.journeys.replaceChildren(...ordered);
  view.journeys.classList.toggle("jp-stale", !!p.stale);
}

function newSection(id) {
  const root = el("section", "jp-journey");
  root.dataset.journey = id;
  const title = el("h2");
  const figures = el("div", "jp-figures");
  const blueprint = drawing("jp-blueprint", "Service blueprint");
  const flow = drawing("jp-flow", "Flow diagram");
  root.append(title, blueprint.root, flow.root, figures);
  return { root, title, figures, drawings: [blueprint, flow], blueprint, flow };
}

function fill(section, j) {
  section.title.replaceChildren(j.label, " ", el("small", "jp-id", j.name));
  section.blueprint.show(j.blueprint, `Service blueprint of ${j.label}`);
  section.flow.show(j.flow, `Flow diagram of ${j.label}`);
  const parts = [el("h3", undefined, "Figures")];
  if (j.unmeasured) {
    parts.push(el("p", "jp-unmeasured", `Not measured: ${j.unmeasured}`));
  } else {
    const table = el("table");
    const head = el("tr");
    j.figures.header.forEach((h) => head.append(el("th", undefined, h)));
    const body = el("tbody");
    for (const row of j.figures.rows) {
      const tr = el("tr");
      row.forEach((cell, i) => tr.append(el(i === 0 ? "th" : "td", undefined, cell)));
      body.append(tr);
    }
    const thead = el("thead");
    thead.append(head);
    table.append(thead, body);
    parts.push(table);
  }
  section.figures.replaceChildren(...parts);
}

/** A figure holding one SVG as an image; its blob URL is replaced only when the SVG changes. */
function drawing(className, caption) {
  const root = el("figure", `jp-diagram ${className}`);
  const img = el("img");
  root.append(el("figcaption", undefined, caption), el("div", "jp-scroll"));
  root.lastChild.append(img);
  let svg = null;
  let url = null;
  return {
    root,
    show(next, alt) {
      img.alt = alt;
      if (next === svg) return;
      if (url) URL.revokeObjectURL(url);
      svg = next;
      url = URL.createObjectURL(new Blob([next], { type: "image/svg+xml" }));
      img.src = url;
    },
    release() {
      if (url) URL.revokeObjectURL(url);
      url = null;
    },
  };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
