import { isElement, type XmlElement } from '@ph/iotp';

/** Adds every element with an `ID` under `root` to `into` (the first one wins, as IDs are unique). */
export function indexIds(
  root: XmlElement,
  into: Map<string, XmlElement> = new Map(),
): Map<string, XmlElement> {
  const walk = (el: XmlElement): void => {
    const id = el.attrs['ID'];
    if (id !== undefined && !into.has(id)) into.set(id, el);
    for (const c of el.children) if (isElement(c)) walk(c);
  };
  walk(root);
  return into;
}

export const childElements = (el: XmlElement, name?: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => isElement(c) && (name === undefined || c.name === name));

export const firstChild = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c): c is XmlElement => isElement(c) && c.name === name);

/** The `ID` of the Org in `block` whose TradingRole is `role` (Merchant, PaymentHandler, Consumer). */
export function orgIdWithRole(block: XmlElement | undefined, role: string): string | undefined {
  if (!block) return undefined;
  const org = childElements(block, 'Org').find((o) =>
    childElements(o, 'TradingRole').some((t) => t.attrs['TradingRole'] === role),
  );
  return org?.attrs['ID'];
}
