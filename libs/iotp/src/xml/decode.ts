import { isUtf8 } from 'node:buffer';

export type DecodeOutcome = { ok: true; text: string } | { ok: false; desc: string };

/** Labels that mean plain 7-bit ASCII; WHATWG decoders map them to windows-1252, so we check them ourselves. */
const ASCII_LABELS = new Set([
  'us-ascii',
  'ascii',
  'ansi_x3.4-1968',
  'iso-ir-6',
  'iso646-us',
  'iso_646.irv:1991',
  'cp367',
  'ibm367',
  'us',
  'csascii',
]);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/**
 * Bytes → string per profile §1.2: encoding from (1) the BOM, (2) the `charset` parameter, (3) the XML
 * declaration, (4) UTF-8. Unknown labels and invalid byte sequences fail (row 2, `XmlNotWellFrmd`). A BOM
 * is consumed here, so the string starts with the XML declaration if there is one.
 */
export function decodeIotpBody(body: Uint8Array, contentType?: string): DecodeOutcome {
  const b0 = body[0];
  const b1 = body[1];
  if (b0 === 0xef && b1 === 0xbb && body[2] === 0xbf) return decodeUtf8(body.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return decodeWith('utf-16le', body);
  if (b0 === 0xfe && b1 === 0xff) return decodeWith('utf-16be', body);
  const label = charsetParam(contentType) ?? declaredEncoding(body) ?? 'utf-8';
  if (UTF8_LABELS.has(label)) return decodeUtf8(body);
  if (ASCII_LABELS.has(label)) return decodeAscii(body);
  return decodeWith(label, body);
}

// isUtf8 (simdutf) + toString is several times faster than a fatal TextDecoder and accepts the same set.
function decodeUtf8(bytes: Uint8Array): DecodeOutcome {
  if (!isUtf8(bytes)) return { ok: false, desc: 'invalid UTF-8 byte sequence' };
  return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}

function decodeAscii(bytes: Uint8Array): DecodeOutcome {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] > 0x7f)
      return { ok: false, desc: `byte 0x${bytes[i].toString(16)} at ${i} is not US-ASCII` };
  }
  return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
}

function decodeWith(label: string, bytes: Uint8Array): DecodeOutcome {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { ok: false, desc: `unsupported character encoding '${label.slice(0, 40)}'` };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, desc: `invalid byte sequence for encoding '${decoder.encoding}'` };
  }
}

/** `charset` of a media type such as `application/iotp; charset="UTF-8"`, lower-cased. */
export function charsetParam(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const value = m ? (m[1] ?? m[2]) : undefined;
  return value ? value.trim().toLowerCase() : undefined;
}

/** `encoding` of an XML declaration at the very start, read as ASCII. */
function declaredEncoding(body: Uint8Array): string | undefined {
  // '<?xml' followed by whitespace
  if (body[0] !== 0x3c || body[1] !== 0x3f || body[2] !== 0x78 || body[3] !== 0x6d || body[4] !== 0x6c) {
    return undefined;
  }
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 256)).toString('latin1');
  const end = head.indexOf('?>');
  const decl = end === -1 ? head : head.slice(0, end);
  const m =
    /^<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)')/.exec(decl);
  return m ? (m[1] ?? m[2]).toLowerCase() : undefined;
}
