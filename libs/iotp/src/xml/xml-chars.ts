/**
 * Character classes of XML 1.0 (5th edition) §2.2 and §2.3, on UTF-16 code units. Input strings come
 * from fatal decoders, so surrogates always arrive in pairs and a whole pair is accepted as a name
 * character when its high half encodes a plane 1–14 code point (U+10000–U+EFFFF).
 */

const ASCII_NAME_START = new Uint8Array(128);
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 58 || c === 95;
  ASCII_NAME_START[c] = start ? 1 : 0;
  ASCII_NAME[c] = start || (c >= 48 && c <= 57) || c === 45 || c === 46 ? 1 : 0;
}

export function isNameStartCode(c: number): boolean {
  if (c < 128) return ASCII_NAME_START[c] === 1;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xd800 && c <= 0xdb7f) || // high surrogate of U+10000–U+EFFFF
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

export function isNameCode(c: number): boolean {
  if (c < 128) return ASCII_NAME[c] === 1;
  return (
    isNameStartCode(c) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x203f && c <= 0x2040) ||
    (c >= 0xdc00 && c <= 0xdfff) // low surrogate, only ever after an accepted high one
  );
}

/** Index just past the name that starts at `pos` (caller has checked the first character). */
export function scanName(s: string, pos: number): number {
  const len = s.length;
  let i = pos + 1;
  while (i < len && isNameCode(s.charCodeAt(i))) i++;
  return i;
}

/** XML `S`: after line-end normalisation only SPACE, TAB and LF remain (CR kept for raw callers). */
export const isXmlSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

export function isAllXmlSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isXmlSpace(s.charCodeAt(i))) return false;
  return true;
}

/** XML `Char` for a code point (used for character references). */
export const isXmlCharCodePoint = (cp: number): boolean =>
  cp === 9 ||
  cp === 10 ||
  cp === 13 ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** Code units that may never appear literally in an XML 1.0 document (C0 controls, U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching XML-illegal control characters is the point
export const ILLEGAL_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
