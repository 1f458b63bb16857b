/** Escaping for attribute values and character data; tabs/line ends as references so they survive. */
const ATTR_SPECIAL = /[&<>"\t\n\r]/;
const ATTR_SPECIAL_G = /[&<>"\t\n\r]/g;
const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_G = /[&<>\r]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const esc = (ch: string): string => ESCAPES[ch];

export const escapeAttr = (s: string): string => (ATTR_SPECIAL.test(s) ? s.replace(ATTR_SPECIAL_G, esc) : s);
export const escapeText = (s: string): string => (TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL_G, esc) : s);

const REF = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/**
 * Single-pass decoding of the five predefined entities and character references; the parser runs
 * with processEntities:false so nothing is expanded twice (`&amp;#65;` stays `&#65;`). Returns
 * undefined for any other reference or a bare `&` (not well-formed: no DTD declares entities here).
 */
export function decodeRefs(s: string): string | undefined {
  if (!s.includes('&')) return s;
  let bad = false;
  const out = s.replace(
    REF,
    (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (named) return NAMED[named];
      const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
      if (!isXmlChar(cp)) {
        bad = true;
        return '';
      }
      return String.fromCodePoint(cp);
    },
  );
  if (bad) return undefined;
  // Any '&' left in the source that REF did not consume is an undeclared entity or a bare '&'.
  const leftovers = s.replace(REF, '');
  return leftovers.includes('&') ? undefined : out;
}
