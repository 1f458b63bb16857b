import { isElement, type XmlElement } from './xml-node';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * The PH's output form (profile §1.3): UTF-8 without BOM, the XML declaration, LF line ends, two-space
 * indentation between elements — but none inside an element with text children, so the text of
 * `PackagedContent`, `Value`, `Parameter`, `Attribute` comes out byte-exact.
 */
export function serializeIotpXml(root: XmlElement): Buffer {
  return Buffer.from(`${XML_DECLARATION}${element(root, '\n')}\n`, 'utf8');
}

/** `newline` is '\n' + the indentation of `el`, or '' when the parent has text (no whitespace added). */
function element(el: XmlElement, newline: string): string {
  let out = `<${el.name}`;
  const attrs = el.attrs;
  for (const name in attrs) out += ` ${name}="${escapeAttribute(attrs[name])}"`;
  const children = el.children;
  if (children.length === 0) return `${out}/>`;
  out += '>';
  const mixed = children.some((c) => !isElement(c));
  const inner = mixed || newline === '' ? '' : `${newline}  `;
  for (const child of children) {
    out += isElement(child) ? `${inner}${element(child, inner)}` : escapeText(child.text);
  }
  return `${out}${mixed || newline === '' ? '' : newline}</${el.name}>`;
}

// XML 1.0 has no way to carry C0 controls (other than TAB/LF/CR) or U+FFFE/U+FFFF, not even as references:
// they become U+FFFD. Lone surrogates become U+FFFD in the UTF-8 encoding step.
// eslint-disable-next-line no-control-regex -- matching XML-illegal control characters is the point
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ATTRIBUTE_SPECIAL_G = new RegExp(ATTRIBUTE_SPECIAL.source, 'g');
// eslint-disable-next-line no-control-regex -- matching XML-illegal control characters is the point
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const TEXT_SPECIAL_G = new RegExp(TEXT_SPECIAL.source, 'g');

const REPLACEMENT: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;', // attribute values: a literal TAB/LF/CR would be normalised to a space by the reader
  '\n': '&#10;',
  '\r': '&#13;', // text too: a literal CR would be normalised to LF
};
const replace = (c: string): string => REPLACEMENT[c] ?? '\uFFFD';

export const escapeAttribute = (v: string): string =>
  ATTRIBUTE_SPECIAL.test(v) ? v.replace(ATTRIBUTE_SPECIAL_G, replace) : v;

export const escapeText = (v: string): string =>
  TEXT_SPECIAL.test(v) ? v.replace(TEXT_SPECIAL_G, replace) : v;
