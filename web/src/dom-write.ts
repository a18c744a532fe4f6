/**
 * Finding the page's elements, and writes that leave the DOM alone when nothing changes: a text node
 * replaced by an equal one, or an attribute set to its own value, still makes the browser recompute
 * style and layout of that part of the page, and a parameter change rewrites dozens of them.
 */
export const byId = <T extends Element = HTMLElement>(id: string) => document.getElementById(id) as unknown as T;
export const input = (id: string) => byId<HTMLInputElement>(id);
export const select = (id: string) => byId<HTMLSelectElement>(id);

export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

export function setValue(el: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (el.value !== value) el.value = value;
}

export function setChecked(el: HTMLInputElement, on: boolean): void {
  if (el.checked !== on) el.checked = on;
}
