import { isNameCode, isNameStartCode, isXmlCharCodePoint } from './xml-chars';
import { notWellFormed } from './xml-rejection';

/** The only named entities that exist without a DTD (profile §1.4 row 4). */
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes `&amp; &lt; &gt; &quot; &apos; &#N; &#xH;` in one pass (so `&amp;#65;` stays `&#65;`), starting at
 * `first`, the index of the first `&`. Any other reference is rejected: an undeclared named entity (row 4,
 * e.g. `&nbsp;` or the billion-laughs `&lol9;`) or a malformed one (row 5) — both `XmlNotWellFrmd`.
 */
export function decodeReferences(raw: string, first: number): string {
  let out = '';
  let from = 0;
  let amp = first;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1) throw notWellFormed(`unterminated reference '${excerpt(raw, amp)}'`);
    out += raw.slice(from, amp) + resolveReference(raw, amp + 1, semi);
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

function resolveReference(raw: string, start: number, end: number): string {
  if (raw.charCodeAt(start) === 35 /* # */) {
    const hex = raw.charCodeAt(start + 1) === 120; /* x */
    const digits = raw.slice(start + (hex ? 2 : 1), end);
    const valid = hex ? /^[0-9A-Fa-f]{1,6}$/.test(digits) : /^[0-9]{1,7}$/.test(digits);
    const cp = valid ? parseInt(digits, hex ? 16 : 10) : -1;
    if (!isXmlCharCodePoint(cp))
      throw notWellFormed(`invalid character reference '&${raw.slice(start, end)};'`);
    return String.fromCodePoint(cp);
  }
  const name = raw.slice(start, end);
  const predefined = PREDEFINED[name];
  if (predefined !== undefined && Object.prototype.hasOwnProperty.call(PREDEFINED, name)) return predefined;
  if (isName(name)) throw notWellFormed(`reference to undeclared entity '&${name};'`);
  throw notWellFormed(`malformed reference '${excerpt(raw, start - 1)}'`);
}

function isName(s: string): boolean {
  if (s.length === 0 || !isNameStartCode(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) if (!isNameCode(s.charCodeAt(i))) return false;
  return true;
}

const excerpt = (s: string, at: number): string => s.slice(at, at + 16);
