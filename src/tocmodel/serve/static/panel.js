// The side panel's content for one box: statement, stage, actors, indicators with baseline, targets and actuals,
// assumptions, risks and links. Built from the server's details with textContent only.

import { el } from "./dom.js";

// The panel's parts for a box; `onFocus(id)` focuses on its pathway, `onGoTo(id)` follows a link.
export function detailsOf(node, { onFocus, onGoTo }) {
  const reference = (item) => {
    const label = item.title ? `${item.title} (${item.id})` : item.id;
    return [el("button", { type: "button", class: "link", text: label, onclick: () => onGoTo(item.id) })];
  };
  const focus = el("button", { type: "button", class: "focus-pathway", text: "Focus on this pathway", onclick: () => onFocus(node.id) });
  return [
    el("p", { class: `level ${node.kind}` }, [el("span", { class: "kind", text: node.level }), ` · ${node.id}`]),
    el("h2", { class: "statement", text: node.title }),
    node.description ? el("p", { class: "description", text: node.description }) : null,
    facts(node),
    node.pathway ? focus : null,
    section("Indicators", node.indicators, indicator),
    section("Assumptions", node.assumptions, assumption),
    section("Risks", node.risks, risk),
    section("Leads to", node.leadsTo, reference),
    section("Comes from", node.from, reference),
    section("Addresses", node.addresses, reference),
    section("Addressed by", node.addressedBy, reference),
    section("Deeper causes", node.causes, reference),
    section("Feeds", node.feeds, (item) => [...reference(item), item.evidence ? el("span", { class: "line", text: item.evidence }) : null]),
    section("Leads", node.leads, reference),
    section("Supports", node.supports, reference),
  ].filter(Boolean);
}

function facts(node) {
  const rows = [];
  if (node.stages?.length) rows.push(["Stage", node.stages.map((s) => `${s.title} (${s.id})`).join("; ")]);
  if (node.years) rows.push(["Years", node.years]);
  if (node.actors?.length) rows.push(["Actors", node.actors.map((a) => `${a.title} (${a.roles.join(", ")})`).join("; ")]);
  if (node.type) rows.push(["Type", node.type]);
  if (node.evidence) rows.push(["Evidence", node.evidence]);
  if (!rows.length) return null;
  return el("dl", { class: "facts" }, rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
}

function section(title, items, render) {
  if (!items?.length) return null;
  return el("section", { class: "part" }, [el("h3", { text: title }), el("ul", {}, items.map((item) => el("li", {}, render(item))))]);
}

function value(measured) {
  return measured === null || measured === undefined || measured === "" ? "unknown" : String(measured);
}

function indicator(item) {
  const baseline = item.baseline ? `${value(item.baseline.value)}${item.baseline.year ? ` (${item.baseline.year})` : ""}` : "none";
  const targets = item.targets.length ? item.targets.map(([year, target]) => `${year}: ${value(target)}`).join(", ") : "none";
  const actuals = (item.actuals || []).map(([period, actual, status]) => `${period}: ${value(actual)}${status === "provisional" ? " (provisional)" : ""}`);
  return [
    el("span", { class: "name", text: item.title }),
    el("span", { class: "line baseline", text: `Baseline: ${baseline}` }),
    el("span", { class: "line targets", text: `Targets: ${targets}` }),
    actuals.length ? el("span", { class: "line actuals", text: `Actuals: ${actuals.join(", ")}` }) : null,
    item.standard ? standard(item.standard) : null,
    item.unit ? el("span", { class: "line", text: `Unit: ${item.unit}` }) : null,
    item.source ? el("span", { class: "line", text: `Source: ${item.source}` }) : null,
    item.responsible ? el("span", { class: "line", text: `Measured by: ${item.responsible}` }) : null,
  ];
}

function standard(found) {
  const code = found.url
    ? el("a", { href: found.url, text: found.code, target: "_blank", rel: "noopener noreferrer" })
    : el("span", { text: found.code });
  return el("span", { class: "line standard" }, [document.createTextNode("Standard indicator: "), code]);
}

function assumption(item) {
  const about = [item.status, item.confidence && `${item.confidence} confidence`, item.link && `on the link to ${item.link}`];
  return [el("span", { class: "name", text: item.statement }), el("span", { class: "line", text: `${item.id} · ${about.filter(Boolean).join(" · ")}` })];
}

function risk(item) {
  const score = `likelihood ${item.likelihood} × impact ${item.impact} = ${item.score} (${item.band})`;
  return [
    el("span", { class: "name", text: item.statement }),
    el("span", { class: `line band-${item.band}`, text: `${item.id} · ${item.category} · ${score}` }),
    item.mitigation ? el("span", { class: "line", text: `Mitigation: ${item.mitigation}` }) : null,
    item.owner ? el("span", { class: "line", text: `Owner: ${item.owner}` }) : null,
  ];
}
