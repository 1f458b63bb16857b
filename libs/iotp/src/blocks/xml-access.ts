import { isElement, type XmlElement, type XmlNode } from '../xml/xml-node';

export const attr = (el: XmlElement, name: string): string | undefined => el.attrs[name];

/** NMTOKEN/ID values are trimmed: the parser normalises but does not trim attribute values. */
export const token = (el: XmlElement, name: string): string | undefined => el.attrs[name]?.trim();

/** NMTOKENS/IDREFS split on XML whitespace. */
export const tokens = (el: XmlElement, name: string): string[] => {
  const v = el.attrs[name]?.trim();
  return v ? v.split(/[\t\n\r ]+/) : [];
};

/** Element names with a prefix belong to another namespace: extensions (iotp-messages §1.4). */
export const isExtensionName = (name: string): boolean => name.includes(':');

/** `IOTP:Critical` defaults to True: only an explicit False lets us ignore the extension. */
export const isCriticalExtension = (el: XmlElement): boolean => el.attrs['IOTP:Critical']?.trim() !== 'False';

export const childElements = (el: XmlElement): XmlElement[] => el.children.filter(isElement);

/** IOTP children of an element: extension elements are skipped (critical ones were rejected before). */
export const iotpChildren = (el: XmlElement): XmlElement[] =>
  childElements(el).filter((c) => !isExtensionName(c.name));

/** Concatenated character data (text and CDATA were merged by the parser), verbatim. */
export const textOf = (el: XmlElement): string =>
  el.children
    .filter((n: XmlNode): n is { text: string } => !isElement(n))
    .map((n) => n.text)
    .join('');

export const hasNonBlankText = (el: XmlElement): boolean => /[^\t\n\r ]/.test(textOf(el));
