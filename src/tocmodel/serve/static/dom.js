// Small helpers for building the page. Every text goes in with textContent, never as markup.

export const ui = (name) => document.querySelector(`[data-ui="${name}"]`);

export function el(tag, props = {}, children = []) {
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

export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
