import * as nodeCrypto from 'node:crypto';
import { isElement, type XmlElement } from '../xml/xml-node';

const NODE_ELEMENT = 1;
const NODE_ATTRIBUTE = 2;
const NODE_TEXT = 3;
const DIGEST_BYTES = 32;

// crypto.hash (one-shot, Node >= 20.12) avoids a Hash object per node; createHash where it is missing.
const oneShot = (nodeCrypto as { hash?: typeof nodeCrypto.hash }).hash;
const sha256: (data: Buffer) => Buffer = oneShot
  ? (data) => oneShot('sha256', data, 'buffer')
  : (data) => nodeCrypto.createHash('sha256').update(data).digest();

/**
 * DOM-HASH of profile §2.4.2 (RFC 2803 with SHA-256): names as written, attributes sorted by UTF-16 code
 * units without `xmlns`/`xmlns:*`, adjacent texts merged, empty and (outside `PackagedContent`) blank texts
 * dropped. Each node is hashed from one buffer into which every string is encoded exactly once.
 */
export function domHash(el: XmlElement): Buffer {
  const names = Object.keys(el.attrs).filter(
    (n) => !(n.startsWith('xmlns') && (n.length === 5 || n[5] === ':')),
  );
  names.sort(compareCodeUnits);
  const texts = mergedTexts(el);
  const childCount = countChildren(el, texts);
  const nameBytes = el.name.length * 2;
  const buf = Buffer.allocUnsafe(
    4 + nameBytes + 2 + 4 + names.length * DIGEST_BYTES + 4 + childCount * DIGEST_BYTES,
  );
  buf.writeUInt32BE(NODE_ELEMENT, 0);
  let off = writeUtf16be(buf, 4, el.name);
  buf.writeUInt16BE(0, off);
  off = buf.writeUInt32BE(names.length, off + 2);
  for (const name of names) off += attributeHash(name, el.attrs[name]).copy(buf, off);
  off = buf.writeUInt32BE(childCount, off);
  let t = 0;
  let lastWasText = false;
  for (const child of el.children) {
    if (isElement(child)) {
      off += domHash(child).copy(buf, off);
      lastWasText = false;
    } else if (!lastWasText) {
      const text = texts[t++];
      if (text !== undefined) off += textHash(text).copy(buf, off);
      lastWasText = true;
    }
  }
  return sha256(buf);
}

/**
 * The text of each run of adjacent XmlText children, in order; `undefined` for a run that is dropped. The
 * parser already delivers merged runs; trees from builders may not.
 */
function mergedTexts(el: XmlElement): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  const keepBlank = el.name === 'PackagedContent';
  let run: string | undefined;
  for (const child of el.children) {
    if (isElement(child)) {
      if (run !== undefined) out.push(keep(run, keepBlank));
      run = undefined;
    } else {
      run = run === undefined ? child.text : run + child.text;
    }
  }
  if (run !== undefined) out.push(keep(run, keepBlank));
  return out;
}

const keep = (text: string, keepBlank: boolean): string | undefined =>
  text === '' || (!keepBlank && /^[ \t\r\n]*$/.test(text)) ? undefined : text;

function countChildren(el: XmlElement, texts: (string | undefined)[]): number {
  let n = 0;
  for (const child of el.children) if (isElement(child)) n++;
  for (const t of texts) if (t !== undefined) n++;
  return n;
}

function attributeHash(name: string, value: string): Buffer {
  const buf = scratch(4 + name.length * 2 + 2 + value.length * 2);
  buf.writeUInt32BE(NODE_ATTRIBUTE, 0);
  const off = writeUtf16be(buf, 4, name);
  buf[off] = 0;
  buf[off + 1] = 0;
  return sha256(buf.subarray(0, writeUtf16be(buf, off + 2, value)));
}

function textHash(text: string): Buffer {
  const buf = scratch(4 + text.length * 2);
  buf.writeUInt32BE(NODE_TEXT, 0);
  return sha256(buf.subarray(0, writeUtf16be(buf, 4, text)));
}

/**
 * Attribute and text inputs are hashed straight out of one reusable buffer (hashing is synchronous, so
 * nothing can interleave); only their 32-byte digests are kept. Not a cache: no content survives a call.
 */
let scratchBuf = Buffer.allocUnsafe(8192);
function scratch(size: number): Buffer {
  if (size > scratchBuf.length) {
    if (size > 1 << 20) return Buffer.allocUnsafe(size); // a huge text: don't keep it around
    scratchBuf = Buffer.allocUnsafe(size * 2);
  }
  return scratchBuf;
}

/** Writes the UTF-16 code units of `s` big-endian at `off`; returns the offset after them. */
function writeUtf16be(buf: Buffer, off: number, s: string): number {
  const n = s.length;
  if (n > 64) {
    const end = off + buf.write(s, off, 'utf16le');
    buf.subarray(off, end).swap16();
    return end;
  }
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    buf[off++] = c >>> 8;
    buf[off++] = c & 0xff;
  }
  return off;
}

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
