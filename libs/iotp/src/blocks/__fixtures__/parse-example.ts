import { parseIotpXml } from '../../xml/parse';
import { isElement, type XmlElement } from '../../xml/xml-node';

/** Parses an example with the real hardened parser; throws if it is rejected. */
export const parseExample = (xml: string): XmlElement => {
  const r = parseIotpXml(Buffer.from(xml, 'utf8'), 'application/iotp; charset=utf-8');
  if (!r.ok) throw new Error(`example rejected: ${r.error.code} ${r.error.desc}`);
  return r.root;
};

/** Order-sensitive view of a tree (attribute order included), for toEqual comparisons. */
export type Canon = [string, [string, string][], ...(Canon | string)[]];
export const canon = (el: XmlElement): Canon => [
  el.name,
  Object.entries(el.attrs),
  ...el.children.map((c) => (isElement(c) ? canon(c) : c.text)),
];

/** Finds the first descendant with this name (depth first). */
export const find = (root: XmlElement, name: string): XmlElement => {
  const stack = [root];
  while (stack.length) {
    const e = stack.shift() as XmlElement;
    if (e.name === name) return e;
    stack.unshift(...e.children.filter(isElement));
  }
  throw new Error(`no ${name}`);
};
