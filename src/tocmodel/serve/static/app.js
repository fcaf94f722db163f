// The live preview page: shows the diagram the server pushes, keeps the view across updates, and lists
// problems without losing the picture. Every text from the model is written with textContent.

import { el, plural, ui } from "./dom.js";
import { detailsOf } from "./panel.js";
import { Picture } from "./picture.js";

const VIEWS = ["toc", "problem-tree", "stage", "actor", "pathway", "plan"];
const FOCUSED = { stage: "Stage", actor: "Actor", pathway: "Pathway of" };
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
// A browser holds at most six streams to one server: a tab left in the background lets its stream go after a
// while, and takes it up again (with the current picture) when shown.
const HIDDEN_GRACE_MS = 10000;

const state = {
  key: { view: "toc", focus: null, lang: null },
  presenting: false,
  version: 0, // version of the last picture taken from the current stream
  picture: null, // which picture that is (the server's serial): redrawn boxes go only into the one they belong to
  modelVersion: 0,
  details: null,
  detailsFor: "",
  selected: null,
  fitNext: true,
  source: null,
  findingsOpenedForErrors: false,
};
const timers = { hidden: null, details: null };
const picture = new Picture(ui("viewport"), ui("canvas"), { onSelect: select });

// Painted pictures, for tests and the latency benchmark: {version, at (ms since the epoch)}.
window.__tocmodelPaints = [];

// -- the key: which view, in the address so a reload keeps it ------------------------------------------

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const view = VIEWS.includes(params.get("view")) ? params.get("view") : "toc";
  const focus = FOCUSED[view] && ID.test(params.get("focus") || "") ? params.get("focus") : null;
  const lang = LANG.test(params.get("lang") || "") ? params.get("lang") : null;
  const overlay = params.get("overlay") === "progress" ? "progress" : null;
  state.key = FOCUSED[view] && !focus ? { view: "toc", focus: null, lang, overlay } : { view, focus, lang, overlay };
  state.presenting = params.get("present") === "1";
}

function query(key) {
  const params = new URLSearchParams({ view: key.view });
  if (key.focus) params.set("focus", key.focus);
  if (key.lang) params.set("lang", key.lang);
  if (key.overlay) params.set("overlay", key.overlay);
  return params.toString();
}

function writeHash() {
  const params = new URLSearchParams(query(state.key));
  if (state.presenting) params.set("present", "1");
  history.replaceState(null, "", `#${params}`);
}

function switchView(key) {
  // A view chosen keeps what is laid over the current one, unless it says otherwise.
  state.key = { ...key, overlay: key.overlay === undefined ? state.key.overlay : key.overlay };
  state.version = 0;
  state.picture = null;
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
    state.picture = null;
    state.detailsFor = "";
    setStatus("live");
  });
  source.addEventListener("error", () => setStatus(source.readyState === EventSource.CLOSED ? "disconnected" : "reconnecting…"));
  source.addEventListener("diagram", (event) => onDiagram(JSON.parse(event.data)));
  source.addEventListener("boxes", (event) => onBoxes(JSON.parse(event.data)));
  source.addEventListener("findings", (event) => onFindings(JSON.parse(event.data)));
  source.addEventListener("model", (event) => onModel(JSON.parse(event.data)));
}

function onVisibility() {
  clearTimeout(timers.hidden);
  if (document.visibilityState === "hidden") {
    timers.hidden = setTimeout(() => {
      state.source?.close();
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

function onModel(model) {
  state.modelVersion = model.version;
  setStatus(`live · saved ${new Date(model.loadedAt * 1000).toLocaleTimeString()}`);
  clearTimeout(timers.details);
  // Details the page shows now are fetched now; the rest (title, choices) once the new picture is up.
  if (state.selected || !state.details) loadDetails();
  else timers.details = setTimeout(loadDetails, 400);
}

function forThisView(drawing) {
  const key = state.key;
  return (
    drawing.view === key.view &&
    drawing.focus === key.focus &&
    drawing.lang === key.lang &&
    (drawing.overlay || null) === (key.overlay || null)
  );
}

function onDiagram(drawing) {
  if (!forThisView(drawing)) return;
  if (drawing.version && drawing.version < state.version) return;
  if (drawing.error) {
    showNotice(drawing.error);
  } else if (drawing.svg === null) {
    if (!picture.shown) placeholder("No diagram yet: the model has errors (listed below). Save a fix to see it.");
  } else {
    showPicture(drawing);
  }
}

function showPicture(drawing) {
  const fit = state.fitNext && (state.presenting ? "width" : "both");
  if (!picture.show(drawing.svg, { fit, keep: state.selected })) {
    showNotice("the picture could not be read");
    return;
  }
  state.fitNext = false;
  pictureTaken(drawing);
}

// Boxes whose words changed, redrawn in the picture shown (the rest of it is the same).
function onBoxes(patch) {
  if (!forThisView(patch)) return;
  if (patch.base !== state.picture || !picture.replaceBoxes(patch.boxes)) {
    connect(); // not the picture these boxes belong in: the new stream starts with the whole picture
    return;
  }
  pictureTaken(patch);
}

function pictureTaken({ version, picture: serial }) {
  state.version = version;
  state.picture = serial;
  document.body.dataset.version = String(version);
  ui("notice").hidden = true;
  placeholder("");
  if (state.selected && !picture.nodes().has(state.selected)) closeDetails();
  else picture.highlight(state.selected);
  const painted = () => window.__tocmodelPaints.push({ version, at: performance.timeOrigin + performance.now() });
  requestAnimationFrame(() => requestAnimationFrame(painted)); // the second frame comes after the paint
}

function onFindings(findings) {
  const { errors, warnings } = findings;
  ui("banner").hidden = errors === 0;
  if (errors) {
    const kept = findings.drawable ? "the diagram shows the last version without errors" : "there is no diagram yet";
    ui("banner-text").textContent = `The model has ${plural(errors, "error")}: ${kept}. Fix the file and save.`;
  }
  const button = ui("findings-button");
  button.hidden = errors + warnings === 0;
  button.textContent = [errors && plural(errors, "error"), warnings && plural(warnings, "warning")].filter(Boolean).join(", ");
  button.classList.toggle("has-errors", errors > 0);
  listFindings(findings);
  if (errors) {
    ui("findings").hidden = false;
    state.findingsOpenedForErrors = true;
  } else if (state.findingsOpenedForErrors || warnings === 0) {
    ui("findings").hidden = true;
    state.findingsOpenedForErrors = false;
  }
}

function listFindings(findings) {
  const items = findings.items.map((item) => {
    const where = item.file ? [item.file, item.line, item.column].filter(Boolean).join(":") : "";
    return el("li", { class: `finding ${item.severity}` }, [
      el("span", { class: "where", text: where }),
      el("span", { class: "code", text: [item.code, item.severity].filter(Boolean).join(" ") }),
      el("span", { class: "message", text: item.message }),
      item.hint ? el("span", { class: "hint", text: `hint: ${item.hint}` }) : null,
    ]);
  });
  ui("findings-list").replaceChildren(...items);
  const total = findings.errors + findings.warnings;
  ui("findings-title").textContent = `Problems (${items.length < total ? `${items.length} of ${total}` : total})`;
}

function showNotice(message) {
  ui("notice-text").textContent = picture.shown
    ? `This view cannot be drawn from the saved model (${message}); the last picture stays.`
    : `This view cannot be drawn: ${message}`;
  ui("notice").hidden = false;
  if (!picture.shown) placeholder("");
}

function placeholder(text) {
  const element = ui("placeholder");
  element.textContent = text;
  element.hidden = !text;
}

// -- the model's details: title, choices of the view switcher, the side panel ----------------------------

async function loadDetails() {
  const lang = state.key.lang || "";
  if (state.detailsFor === `${state.modelVersion}/${lang}`) return state.details;
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
  ui("lang-field").hidden = details.languages.length < 2;
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
  ui("overlay").checked = state.key.overlay === "progress";
  ui("focus-field").hidden = !FOCUSED[view];
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
  state.selected = id;
  picture.highlight(id);
  await loadDetails();
  renderDetails(id);
}

function closeDetails() {
  state.selected = null;
  picture.highlight(null);
  ui("details").hidden = true;
}

function renderDetails(id) {
  const node = state.details?.nodes[id];
  if (!node) {
    closeDetails();
    return;
  }
  const onFocus = (focus) => switchView({ view: "pathway", focus, lang: state.key.lang });
  ui("details-body").replaceChildren(...detailsOf(node, { onFocus, onGoTo: goTo }));
  ui("details").hidden = false;
}

function goTo(id) {
  if (picture.nodes().has(id)) {
    picture.centreOn(id);
    select(id);
  } else if (state.details?.nodes[id]) {
    state.selected = id;
    picture.highlight(null);
    renderDetails(id);
  }
}

// -- wiring ----------------------------------------------------------------------------------------------

function togglePresenting() {
  state.presenting = !state.presenting;
  writeHash();
  showKey();
  picture.fit(state.presenting ? "width" : "both");
}

async function onViewChosen() {
  const view = ui("view").value;
  if (!FOCUSED[view]) {
    switchView({ view, focus: null, lang: state.key.lang });
    return;
  }
  const details = state.details || (await loadDetails());
  const choices = details ? focusChoices(details, view) : [];
  const selected = view === "pathway" && details?.nodes[state.selected]?.pathway ? state.selected : null;
  const focus = selected || choices[0]?.id;
  if (focus) switchView({ view, focus, lang: state.key.lang });
  else showKey();
}

function onKey(event) {
  if (event.target.closest("select, input, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    "+": () => picture.zoom(1.25),
    "=": () => picture.zoom(1.25),
    "-": () => picture.zoom(0.8),
    0: () => picture.fit("both"),
    p: togglePresenting,
    Escape: closeDetails,
  };
  if (actions[event.key]) {
    actions[event.key]();
    event.preventDefault();
  }
}

function wire() {
  ui("view").addEventListener("change", onViewChosen);
  ui("focus").addEventListener("change", () => switchView({ ...state.key, focus: ui("focus").value }));
  ui("overlay").addEventListener("change", () => {
    switchView({ ...state.key, overlay: ui("overlay").checked ? "progress" : null });
  });
  ui("lang").addEventListener("change", () => {
    switchView({ ...state.key, lang: ui("lang").value });
    loadDetails();
  });
  ui("zoom-in").addEventListener("click", () => picture.zoom(1.25));
  ui("zoom-out").addEventListener("click", () => picture.zoom(0.8));
  ui("fit").addEventListener("click", () => picture.fit("both"));
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
}

readHash();
wire();
showKey();
writeHash();
connect();
