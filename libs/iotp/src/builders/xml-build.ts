import type { XmlElement, XmlNode, XmlText } from '../xml/xml-node';

/** Attributes keep insertion order (= emit order); undefined values are left out. */
export const el = (
  name: string,
  attrs: Record<string, string | undefined> = {},
  children: ReadonlyArray<XmlNode | undefined | false> = [],
): XmlElement => ({
  name,
  attrs: Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string] => e[1] !== undefined)),
  children: children.filter((c): c is XmlNode => !!c),
});

export const text = (t: string): XmlText => ({ text: t });

/** NMTOKENS values are written space-separated; an empty list leaves the attribute out. */
export const joinTokens = (list: readonly string[] | undefined): string | undefined =>
  list && list.length ? list.join(' ') : undefined;

export const bool = (b: boolean | undefined): string | undefined =>
  b === undefined ? undefined : b ? 'True' : 'False';
