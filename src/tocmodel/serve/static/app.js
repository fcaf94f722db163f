// The live preview page: shows the diagram the server pushes, keeps the view across updates, and lists
// problems without losing the picture. Every text from the model is written with textContent.
"use strict";

const VIEWS = ["toc", "problem-tree", "stage", "actor", "pathway", "plan"];
const FOCUSED = { stage: "Stage", actor: "Actor", pathway: "Pathway of" };
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const CLICK_SLOP = 5;

const ui = (name) => document.querySelector(`[data-ui="${name}"]`);

const state = {
  key: { view: "toc", focus: null, lang: null },
  presenting: false,
  version: 0, // version of the last picture taken from the current stream
  modelVersion: 0,
  details: null,
  detailsFor: "",
  selected: null,
  view: { x: 0, y: 0, scale: 1 },
  fitNext: true,
  source: null,
  findingsOpenedForErrors: false,
};

// Painted pictures, for tests and the latency benchmark: {version, at (ms since the epoch)}.
window.__tocmodelPaints = [];

// -- the key: which view, in the address so a reload keeps it ------------------------------------------

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const view = VIEWS.includes(params.get("view")) ? params.get("view") : "toc";
  const focus = ID.test(params.get("focus") || "") ? params.get("focus") : null;
  const lang = LANG.test(params.get("lang") || "") ? params.get("lang") : null;
  state.key = FOCUSED[view] && !focus ? { view: "toc", focus: null, lang } : { view, focus: FOCUSED[view] ? focus : null, lang };
  state.presenting = params.get("present") === "1";
}

function query(key) {
  const params = new URLSearchParams({ view: key.view });
  if (key.focus) params.set("focus", key.focus);
  if (key.lang) params.set("lang", key.lang);
  return params.toString();
}

function writeHash() {
  const params = new URLSearchParams(query(state.key));
  if (state.presenting) params.set("present", "1");
  history.replaceState(null, "", `#${params}`);
}

function switchView(key) {
  state.key = key;
  state.version = 0;
  state.fitNext = true;
  writeHash();
  showKey();
  connect();
}

// -- the stream ------------------------------------------------------------------------------------------

function connect() {
  if (state.source) state.source.close();
  const source = new EventSource(`/events?${query(state.key)}`);
  state.source = source;
  source.addEventListener("open", () => {
    // a new stream may come from a restarted preview, whose versions count from 1 again
    state.version = 0;
    state.detailsFor = "";
    setStatus("live");
  });
  source.addEventListener("error", () => setStatus(source.readyState === EventSource.CLOSED ? "disconnected" : "reconnecting…"));
  source.addEventListener("diagram", (event) => onDiagram(JSON.parse(event.data)));
  source.addEventListener("findings", (event) => onFindings(JSON.parse(event.data)));
  source.addEventListener("model", (event) => onModel(JSON.parse(event.data)));
}

// A browser holds at most six streams to one server: a tab left in the background lets its stream go after a
// while, and takes it up again (with the current picture) when shown.
const HIDDEN_GRACE_MS = 10000;
let hiddenTimer = null;

function onVisibility() {
  clearTimeout(hiddenTimer);
  if (document.visibilityState === "hidden") {
    hiddenTimer = setTimeout(() => {
      if (state.source) state.source.close();
      state.source = null;
      setStatus("paused while hidden");
    }, HIDDEN_GRACE_MS);
  } else if (!state.source) {
    connect();
  }
}

function setStatus(text) {
  ui("status").textContent = text;
}

let detailsTimer = null;

function onModel(model) {
  state.modelVersion = model.version;
  setStatus(`live · saved ${new Date(model.loadedAt * 1000).toLocaleTimeString()}`);
  clearTimeout(detailsTimer);
  // Details the page shows now are fetched now; the rest (title, choices) once the new picture is up.
  if (state.selected || !state.details) loadDetails();
  else detailsTimer = setTimeout(loadDetails, 400);
}

function onDiagram(drawing) {
  const key = state.key;
  if (drawing.view !== key.view || drawing.focus !== key.focus || drawing.lang !== key.lang) return;
  if (drawing.version && drawing.version < state.version) return;
  if (drawing.error) {
    showNotice(drawing.error);
    return;
  }
  if (drawing.svg === null) {
    if (!hasPicture()) placeholder("No diagram yet: the model has errors (listed below). Save a fix to see it.");
    return;
  }
  ui("notice").hidden = true;
  showSvg(drawing.svg, drawing.version);
}

function onFindings(findings) {
  const errors = findings.errors;
  const banner = ui("banner");
  banner.hidden = errors === 0;
  if (errors) {
    const kept = findings.drawable ? "the diagram shows the last version without errors" : "there is no diagram yet";
    ui("banner-text").textContent = `The model has ${plural(errors, "error")}: ${kept}. Fix the file and save.`;
  }
  const button = ui("findings-button");
  const total = findings.errors + findings.warnings;
  button.hidden = total === 0;
  button.textContent = [errors && plural(errors, "error"), findings.warnings && plural(findings.warnings, "warning")]
    .filter(Boolean)
    .join(", ");
  button.classList.toggle("has-errors", errors > 0);
  listFindings(findings);
  if (errors) {
    ui("findings").hidden = false;
    state.findingsOpenedForErrors = true;
  } else if (state.findingsOpenedForErrors || total === 0) {
    ui("findings").hidden = true;
    state.findingsOpenedForErrors = false;
  }
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function listFindings(findings) {
  const list = ui("findings-list");
  list.replaceChildren(
    ...findings.items.map((item) => {
      const where = item.file ? [item.file, item.line, item.column].filter((part) => part).join(":") : "";
      const head = [item.code, item.severity].filter(Boolean).join(" ");
      return el("li", { class: `finding ${item.severity}` }, [
        el("span", { class: "where", text: where }),
        el("span", { class: "code", text: head }),
        el("span", { class: "message", text: item.message }),
        item.hint ? el("span", { class: "hint", text: `hint: ${item.hint}` }) : null,
      ]);
    }),
  );
  const shown = findings.items.length;
  const total = findings.errors + findings.warnings;
  ui("findings-title").textContent = `Problems (${shown < total ? `${shown} of ${total}` : total})`;
}

function showNotice(message) {
  ui("notice-text").textContent = hasPicture()
    ? `This view cannot be drawn from the saved model (${message}); the last picture stays.`
    : `This view cannot be drawn: ${message}`;
  ui("notice").hidden = false;
  if (!hasPicture()) placeholder("");
}

function hasPicture() {
  return ui("canvas").firstElementChild !== null;
}

function placeholder(text) {
  const element = ui("placeholder");
  element.textContent = text;
  element.hidden = !text;
}

// -- the picture -----------------------------------------------------------------------------------------

// Markup that could carry behaviour: scripts, foreign content, event handlers, links. Graphviz writes every
// model text escaped, so a picture never has any; the content security policy would block them anyway.
const ACTIVE = /<script|<foreignobject|<iframe|<object|<embed|\son[a-z]+\s*=|href\s*=/i;

function parseSvg(markup) {
  // The HTML parser builds SVG several times faster than DOMParser's XML one; a template's content is inert.
  const template = document.createElement("template");
  template.innerHTML = markup;
  const svg = template.content.firstElementChild;
  if (!svg || svg.nodeName.toLowerCase() !== "svg") return null;
  if (ACTIVE.test(markup)) disarm(svg);
  return document.adoptNode(svg);
}

function disarm(svg) {
  for (const element of svg.querySelectorAll("script, foreignObject, iframe, object, embed")) element.remove();
  for (const element of svg.querySelectorAll("*")) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name.endsWith("href")) element.removeAttribute(attribute.name);
    }
  }
}

function nodesOf(svg) {
  const nodes = new Map();
  for (const node of svg.querySelectorAll("g.node")) nodes.set(node.id, node);
  return nodes;
}

function showSvg(markup, version) {
  const svg = parseSvg(markup);
  if (!svg) {
    showNotice("the picture could not be read");
    return;
  }
  const canvas = ui("canvas");
  const before = anchor(canvas);
  canvas.replaceChildren(svg);
  placeholder("");
  state.version = version;
  document.body.dataset.version = String(version);
  const nodes = nodesOf(svg);
  for (const inert of ["legend", "plan"]) nodes.get(inert)?.classList.add("inert");
  if (state.fitNext) {
    state.fitNext = false;
    fit(state.presenting ? "width" : "both");
  } else if (before && nodes.has(before.id)) {
    keepInPlace(nodes.get(before.id), before.rect);
  }
  if (state.selected && !nodes.has(state.selected)) closeDetails();
  else if (state.selected) nodes.get(state.selected).classList.add("selected");
  requestAnimationFrame(() =>
    requestAnimationFrame(() => window.__tocmodelPaints.push({ version, at: performance.timeOrigin + performance.now() })),
  );
}

// The box to hold still across an update: the one selected, else the one nearest the middle of the window.
function anchor(canvas) {
  const svg = canvas.querySelector("svg");
  if (!svg) return null;
  const nodes = nodesOf(svg);
  if (state.selected && nodes.has(state.selected)) {
    return { id: state.selected, rect: nodes.get(state.selected).getBoundingClientRect() };
  }
  const frame = ui("viewport").getBoundingClientRect();
  const middle = { x: frame.left + frame.width / 2, y: frame.top + frame.height / 2 };
  let best = null;
  for (const [id, node] of nodes) {
    const rect = node.getBoundingClientRect();
    const distance = Math.hypot(rect.left + rect.width / 2 - middle.x, rect.top + rect.height / 2 - middle.y);
    if (!best || distance < best.distance) best = { id, rect, distance };
  }
  return best;
}

function keepInPlace(node, rect) {
  const now = node.getBoundingClientRect();
  state.view.x += rect.left + rect.width / 2 - (now.left + now.width / 2);
  state.view.y += rect.top + rect.height / 2 - (now.top + now.height / 2);
  applyView();
}

// -- pan and zoom ----------------------------------------------------------------------------------------

function applyView() {
  const { x, y, scale } = state.view;
  ui("canvas").style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
}

function naturalSize() {
  const svg = ui("canvas").querySelector("svg");
  if (!svg) return null;
  return { width: svg.width.baseVal.value, height: svg.height.baseVal.value };
}

function fit(mode) {
  const size = naturalSize();
  if (!size) return;
  const frame = ui("viewport").getBoundingClientRect();
  const across = frame.width / size.width;
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, mode === "width" ? across : Math.min(across, frame.height / size.height)));
  state.view = { scale, x: (frame.width - size.width * scale) / 2, y: Math.max(0, (frame.height - size.height * scale) / 2) };
  applyView();
}

function zoom(factor, at) {
  const frame = ui("viewport").getBoundingClientRect();
  const point = at || { x: frame.width / 2, y: frame.height / 2 };
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, state.view.scale * factor));
  const applied = scale / state.view.scale;
  state.view = { scale, x: point.x - (point.x - state.view.x) * applied, y: point.y - (point.y - state.view.y) * applied };
  applyView();
}

function centerOn(id) {
  const node = nodesOf(ui("canvas")).get(id);
  if (!node) return;
  const frame = ui("viewport").getBoundingClientRect();
  const rect = node.getBoundingClientRect();
  state.view.x += frame.left + frame.width / 2 - (rect.left + rect.width / 2);
  state.view.y += frame.top + frame.height / 2 - (rect.top + rect.height / 2);
  applyView();
}

function setUpPointer() {
  const viewport = ui("viewport");
  let drag = null;
  viewport.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, startX: state.view.x, startY: state.view.y, moved: false };
    viewport.setPointerCapture(event.pointerId);
  });
  viewport.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.hypot(dx, dy) > CLICK_SLOP) drag.moved = true;
    if (!drag.moved) return;
    state.view.x = drag.startX + dx;
    state.view.y = drag.startY + dy;
    applyView();
  });
  viewport.addEventListener("pointerup", (event) => {
    const clicked = drag && !drag.moved;
    drag = null;
    if (!clicked) return;
    const target = document.elementFromPoint(event.clientX, event.clientY);
    const node = target && target.closest("g.node");
    if (node && !node.classList.contains("inert")) select(node.id);
  });
  viewport.addEventListener("pointercancel", () => (drag = null));
  viewport.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const frame = viewport.getBoundingClientRect();
      zoom(Math.exp(-event.deltaY * 0.0015), { x: event.clientX - frame.left, y: event.clientY - frame.top });
    },
    { passive: false },
  );
}

// -- details of a box ------------------------------------------------------------------------------------

async function loadDetails() {
  const lang = state.key.lang || "";
  const wanted = `${state.modelVersion}/${lang}`;
  if (state.detailsFor === wanted) return state.details;
  let response;
  try {
    response = await fetch(`/api/model?lang=${encodeURIComponent(lang)}`, { cache: "no-store" });
  } catch {
    return state.details; // the preview is stopping or restarting: the stream says so, and asks again
  }
  if (!response.ok) return state.details;
  state.details = await response.json();
  state.detailsFor = `${state.details.version}/${lang}`;
  showModel(state.details);
  if (state.selected) renderDetails(state.selected);
  return state.details;
}

function showModel(details) {
  ui("title").textContent = details.title;
  document.title = `${details.title} · tocmodel preview`;
  const langField = ui("lang-field");
  langField.hidden = details.languages.length < 2;
  ui("lang").replaceChildren(...details.languages.map((lang) => el("option", { value: lang, text: lang })));
  ui("lang").value = state.key.lang || details.languages[0];
  showKey();
}

function focusChoices(details, view) {
  if (view === "stage") return details.stages;
  if (view === "actor") return details.actors;
  return details.results;
}

function showKey() {
  const { view, focus } = state.key;
  ui("view").value = view;
  const field = ui("focus-field");
  field.hidden = !FOCUSED[view];
  if (FOCUSED[view]) {
    ui("focus-name").textContent = FOCUSED[view];
    const choices = state.details ? focusChoices(state.details, view) : [];
    const options = choices.map((choice) => el("option", { value: choice.id, text: `${choice.title} (${choice.id})` }));
    if (focus && !choices.some((choice) => choice.id === focus)) options.unshift(el("option", { value: focus, text: focus }));
    ui("focus").replaceChildren(...options);
    ui("focus").value = focus || "";
  }
  const search = query(state.key);
  ui("export-svg").href = `/export.svg?${search}`;
  ui("export-png").href = `/export.png?${search}`;
  document.body.classList.toggle("presenting", state.presenting);
  ui("present").setAttribute("aria-pressed", String(state.presenting));
}

async function select(id) {
  const canvas = ui("canvas");
  for (const node of canvas.querySelectorAll("g.node.selected")) node.classList.remove("selected");
  state.selected = id;
  nodesOf(canvas).get(id)?.classList.add("selected");
  await loadDetails();
  renderDetails(id);
}

function closeDetails() {
  state.selected = null;
  for (const node of ui("canvas").querySelectorAll("g.node.selected")) node.classList.remove("selected");
  ui("details").hidden = true;
}

function renderDetails(id) {
  const node = state.details && state.details.nodes[id];
  if (!node) {
    closeDetails();
    return;
  }
  const parts = [
    el("p", { class: `level ${node.kind}` }, [el("span", { class: "kind", text: node.level }), ` · ${node.id}`]),
    el("h2", { class: "statement", text: node.title }),
    node.description ? el("p", { class: "description", text: node.description }) : null,
    facts(node),
    node.pathway ? el("button", { type: "button", class: "focus-pathway", text: "Focus on this pathway", onclick: () => focusPathway(id) }) : null,
    section("Indicators", node.indicators, indicator),
    section("Assumptions", node.assumptions, assumption),
    section("Risks", node.risks, risk),
    section("Leads to", node.leadsTo, reference),
    section("Comes from", node.from, reference),
    section("Addresses", node.addresses, reference),
    section("Addressed by", node.addressedBy, reference),
    section("Deeper causes", node.causes, reference),
    section("Leads", node.leads, reference),
    section("Supports", node.supports, reference),
  ];
  ui("details-body").replaceChildren(...parts.filter(Boolean));
  ui("details").hidden = false;
}

function facts(node) {
  const rows = [];
  if (node.stages && node.stages.length) rows.push(["Stage", node.stages.map((s) => `${s.title} (${s.id})`).join("; ")]);
  if (node.years) rows.push(["Years", node.years]);
  if (node.actors && node.actors.length) rows.push(["Actors", node.actors.map((a) => `${a.title} (${a.roles.join(", ")})`).join("; ")]);
  if (node.type) rows.push(["Type", node.type]);
  if (node.evidence) rows.push(["Evidence", node.evidence]);
  if (!rows.length) return null;
  return el("dl", { class: "facts" }, rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
}

function section(title, items, render) {
  if (!items || !items.length) return null;
  return el("section", { class: "part" }, [el("h3", { text: title }), el("ul", {}, items.map((item) => el("li", {}, render(item))))]);
}

function value(measured) {
  return measured === null || measured === undefined || measured === "" ? "unknown" : String(measured);
}

function indicator(item) {
  const baseline = item.baseline ? `${value(item.baseline.value)}${item.baseline.year ? ` (${item.baseline.year})` : ""}` : "none";
  const targets = item.targets.length ? item.targets.map(([year, target]) => `${year}: ${value(target)}`).join(", ") : "none";
  return [
    el("span", { class: "name", text: item.title }),
    el("span", { class: "line baseline", text: `Baseline: ${baseline}` }),
    el("span", { class: "line targets", text: `Targets: ${targets}` }),
    item.unit ? el("span", { class: "line", text: `Unit: ${item.unit}` }) : null,
    item.source ? el("span", { class: "line", text: `Source: ${item.source}` }) : null,
    item.responsible ? el("span", { class: "line", text: `Measured by: ${item.responsible}` }) : null,
  ];
}

function assumption(item) {
  const about = [item.status, item.confidence && `${item.confidence} confidence`, item.link && `on the link to ${item.link}`];
  return [el("span", { class: "name", text: item.statement }), el("span", { class: "line", text: `${item.id} · ${about.filter(Boolean).join(" · ")}` })];
}

function risk(item) {
  return [
    el("span", { class: "name", text: item.statement }),
    el("span", { class: `line band-${item.band}`, text: `${item.id} · ${item.category} · likelihood ${item.likelihood} × impact ${item.impact} = ${item.score} (${item.band})` }),
    item.mitigation ? el("span", { class: "line", text: `Mitigation: ${item.mitigation}` }) : null,
    item.owner ? el("span", { class: "line", text: `Owner: ${item.owner}` }) : null,
  ];
}

function reference(item) {
  const label = item.title ? `${item.title} (${item.id})` : item.id;
  return [el("button", { type: "button", class: "link", text: label, onclick: () => goTo(item.id) })];
}

function goTo(id) {
  if (nodesOf(ui("canvas")).has(id)) {
    centerOn(id);
    select(id);
  } else if (state.details && state.details.nodes[id]) {
    state.selected = id;
    renderDetails(id);
  }
}

function focusPathway(id) {
  switchView({ view: "pathway", focus: id, lang: state.key.lang });
}

// -- small helpers and wiring ----------------------------------------------------------------------------

function el(tag, props = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, given] of Object.entries(props)) {
    if (name === "text") element.textContent = given;
    else if (name === "class") element.className = given;
    else if (name === "onclick") element.addEventListener("click", given);
    else element.setAttribute(name, given);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

function togglePresenting() {
  state.presenting = !state.presenting;
  writeHash();
  showKey();
  fit(state.presenting ? "width" : "both");
}

async function onViewChosen() {
  const view = ui("view").value;
  if (!FOCUSED[view]) {
    switchView({ view, focus: null, lang: state.key.lang });
    return;
  }
  const details = state.details || (await loadDetails());
  const choices = details ? focusChoices(details, view) : [];
  const focus = view === "pathway" && state.selected && details.nodes[state.selected]?.pathway ? state.selected : choices[0]?.id;
  if (focus) switchView({ view, focus, lang: state.key.lang });
  else showKey();
}

function onKey(event) {
  if (event.target.closest("select, input, textarea")) return;
  const actions = {
    "+": () => zoom(1.25),
    "=": () => zoom(1.25),
    "-": () => zoom(0.8),
    0: () => fit("both"),
    p: togglePresenting,
    Escape: closeDetails,
  };
  const action = actions[event.key];
  if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
    action();
    event.preventDefault();
  }
}

function wire() {
  ui("view").addEventListener("change", onViewChosen);
  ui("focus").addEventListener("change", () => switchView({ ...state.key, focus: ui("focus").value }));
  ui("lang").addEventListener("change", () => {
    switchView({ ...state.key, lang: ui("lang").value });
    loadDetails();
  });
  ui("zoom-in").addEventListener("click", () => zoom(1.25));
  ui("zoom-out").addEventListener("click", () => zoom(0.8));
  ui("fit").addEventListener("click", () => fit("both"));
  ui("present").addEventListener("click", togglePresenting);
  ui("close-details").addEventListener("click", closeDetails);
  ui("findings-button").addEventListener("click", () => (ui("findings").hidden = !ui("findings").hidden));
  ui("close-findings").addEventListener("click", () => {
    ui("findings").hidden = true;
    state.findingsOpenedForErrors = false;
  });
  ui("notice-reset").addEventListener("click", () => switchView({ view: "toc", focus: null, lang: state.key.lang }));
  document.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("hashchange", () => {
    readHash();
    switchView(state.key);
  });
  setUpPointer();
}

readHash();
wire();
showKey();
writeHash();
connect();
