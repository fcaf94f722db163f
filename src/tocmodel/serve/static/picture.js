// The diagram on the page: swapping a new picture in place, and moving around it (pan and zoom with a CSS
// transform that survives every swap). The box selected, else the box in the middle of the window, holds
// still while a new picture replaces the old one.

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const CLICK_SLOP = 5;
const INERT = ["legend", "plan"];

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

// One box's group, parsed inside an <svg> so that it is SVG.
function parseBox(markup) {
  const group = parseSvg(`<svg>${markup}</svg>`)?.firstElementChild;
  if (!group || group.nodeName.toLowerCase() !== "g" || !group.classList.contains("node")) return null;
  return group;
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

function middleOf(rect) {
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

export class Picture {
  constructor(viewport, canvas, { onSelect }) {
    this.viewport = viewport;
    this.canvas = canvas;
    this.onSelect = onSelect;
    this.view = { x: 0, y: 0, scale: 1 };
    this.listen();
  }

  get shown() {
    return this.canvas.firstElementChild !== null;
  }

  nodes() {
    const nodes = new Map();
    for (const node of this.canvas.querySelectorAll("g.node")) nodes.set(node.id, node);
    return nodes;
  }

  // Put a new picture in place of the old one; false when the markup is not a picture.
  show(markup, { fit, keep }) {
    const svg = parseSvg(markup);
    if (!svg) return false;
    const before = this.anchor(keep);
    this.canvas.replaceChildren(svg);
    const nodes = this.nodes();
    for (const inert of INERT) nodes.get(inert)?.classList.add("inert");
    if (fit) this.fit(fit);
    else if (before && nodes.has(before.id)) this.holdStill(nodes.get(before.id), before.rect);
    return true;
  }

  // Put redrawn boxes ({id: markup}) in place of theirs; false, changing nothing, when one is not in the picture.
  replaceBoxes(boxes) {
    const nodes = this.nodes();
    const replacements = [];
    for (const [id, markup] of Object.entries(boxes)) {
      const box = parseBox(markup);
      if (!box || box.id !== id || !nodes.has(id)) return false;
      replacements.push([nodes.get(id), box]);
    }
    for (const [old, box] of replacements) {
      box.className.baseVal = old.className.baseVal; // keeps "selected" and "inert"
      old.replaceWith(box);
    }
    return true;
  }

  // The box to hold still: `keep` (the selected one) if drawn, else the one nearest the middle of the window.
  anchor(keep) {
    const nodes = this.nodes();
    if (keep && nodes.has(keep)) return { id: keep, rect: nodes.get(keep).getBoundingClientRect() };
    const middle = middleOf(this.viewport.getBoundingClientRect());
    let best = null;
    for (const [id, node] of nodes) {
      const rect = node.getBoundingClientRect();
      const centre = middleOf(rect);
      const distance = Math.hypot(centre.x - middle.x, centre.y - middle.y);
      if (!best || distance < best.distance) best = { id, rect, distance };
    }
    return best;
  }

  holdStill(node, rect) {
    const was = middleOf(rect);
    const now = middleOf(node.getBoundingClientRect());
    this.moveBy(was.x - now.x, was.y - now.y);
  }

  highlight(id) {
    for (const node of this.canvas.querySelectorAll("g.node.selected")) node.classList.remove("selected");
    if (id) this.nodes().get(id)?.classList.add("selected");
  }

  apply() {
    const { x, y, scale } = this.view;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
  }

  moveBy(dx, dy) {
    this.view.x += dx;
    this.view.y += dy;
    this.apply();
  }

  // Fit the whole picture in the window ("both") or across its width ("width").
  fit(mode) {
    const svg = this.canvas.querySelector("svg");
    if (!svg) return;
    const size = { width: svg.width.baseVal.value, height: svg.height.baseVal.value };
    const frame = this.viewport.getBoundingClientRect();
    const across = frame.width / size.width;
    const wanted = mode === "width" ? across : Math.min(across, frame.height / size.height);
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, wanted));
    this.view = { scale, x: (frame.width - size.width * scale) / 2, y: Math.max(0, (frame.height - size.height * scale) / 2) };
    this.apply();
  }

  // Zoom by a factor around a point of the window (its middle by default).
  zoom(factor, at) {
    const frame = this.viewport.getBoundingClientRect();
    const point = at || { x: frame.width / 2, y: frame.height / 2 };
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.view.scale * factor));
    const applied = scale / this.view.scale;
    this.view = { scale, x: point.x - (point.x - this.view.x) * applied, y: point.y - (point.y - this.view.y) * applied };
    this.apply();
  }

  centreOn(id) {
    const node = this.nodes().get(id);
    if (!node) return;
    const middle = middleOf(this.viewport.getBoundingClientRect());
    const centre = middleOf(node.getBoundingClientRect());
    this.moveBy(middle.x - centre.x, middle.y - centre.y);
  }

  // Drag to move, wheel to zoom, click (a press that does not move) to select a box.
  listen() {
    let drag = null;
    this.viewport.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, from: { ...this.view }, moved: false };
      this.viewport.setPointerCapture(event.pointerId);
    });
    this.viewport.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      drag.moved = drag.moved || Math.hypot(dx, dy) > CLICK_SLOP;
      if (!drag.moved) return;
      this.view = { ...drag.from, x: drag.from.x + dx, y: drag.from.y + dy };
      this.apply();
    });
    this.viewport.addEventListener("pointerup", (event) => {
      const clicked = drag && !drag.moved;
      drag = null;
      if (!clicked) return;
      const node = document.elementFromPoint(event.clientX, event.clientY)?.closest("g.node");
      if (node && !node.classList.contains("inert")) this.onSelect(node.id);
    });
    this.viewport.addEventListener("pointercancel", () => (drag = null));
    this.viewport.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const frame = this.viewport.getBoundingClientRect();
        this.zoom(Math.exp(-event.deltaY * 0.0015), { x: event.clientX - frame.left, y: event.clientY - frame.top });
      },
      { passive: false },
    );
  }
}
