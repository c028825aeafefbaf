/**
 * The only way this app builds DOM: elements and text nodes, never HTML strings.
 * Everything from the server is untrusted (reporters type whatever they like), so text goes in
 * as text nodes and attributes that can navigate or run code are refused outright.
 */
export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;

const FORBIDDEN_ATTR = /^(on|href$|src$|srcset$|style$|action$|formaction$|xlink:)/i;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (FORBIDDEN_ATTR.test(name)) throw new Error(`attribute ${name} is not allowed here`);
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function replace(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A <select> whose options are (value, label) pairs. */
export function select(
  attrs: Record<string, AttrValue>,
  options: { value: string; label: string }[],
  selected: string,
): HTMLSelectElement {
  const el = h('select', attrs);
  for (const o of options) {
    const opt = h('option', { value: o.value }, o.label);
    opt.selected = o.value === selected;
    el.append(opt);
  }
  return el;
}

let idSeq = 0;
/** Unique ids for label/for and aria-describedby pairs. */
export const uid = (prefix: string): string => `${prefix}-${++idSeq}`;
