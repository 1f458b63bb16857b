import { decodeIotpBody } from './decode';
import { IOTP_MAX_BODY_BYTES, IOTP_NAMESPACE } from './limits';
import { scanDocument } from './scan-document';
import type { XmlElement } from './xml-node';
import { XmlRejection, clip, type XmlRejectionCode } from './xml-rejection';

export type ParseOutcome =
  { ok: true; root: XmlElement } | { ok: false; error: { code: XmlRejectionCode; desc: string } };

/**
 * The hardened IOTP parser of profile §1.2/§1.4, rows 1–8 decided in table order: size, encoding,
 * DOCTYPE internal subset, undeclared entity, well-formedness, depth, element count, root/namespace.
 *
 * The tree it returns: references decoded, CR LF/CR → LF, attribute TAB/LF/CR → space, text and CDATA merged
 * (also across dropped comments/PIs, as fast-xml-parser does), whitespace-only text dropped except inside
 * `PackagedContent` — i.e. exactly the text nodes DOM-HASH (§2.4.2) keeps.
 */
export function parseIotpXml(body: Uint8Array, contentType?: string): ParseOutcome {
  if (body.byteLength > IOTP_MAX_BODY_BYTES) {
    return reject('MsgTooLarge', `message of ${body.byteLength} bytes exceeds ${IOTP_MAX_BODY_BYTES} bytes`);
  }
  const decoded = decodeIotpBody(body, contentType);
  if (!decoded.ok) return reject('XmlNotWellFrmd', decoded.desc);
  const text = decoded.text.indexOf('\r') === -1 ? decoded.text : decoded.text.replace(/\r\n?/g, '\n');
  try {
    const root = scanDocument(text);
    checkRoot(root);
    return { ok: true, root };
  } catch (e) {
    if (e instanceof XmlRejection) return reject(e.code, e.message);
    throw e;
  }
}

/** Row 8. Prefixed IOTP elements are found by the scanner (it sees the `xmlns:p` declarations). */
function checkRoot(root: XmlElement): void {
  if (root.name !== 'IotpMessage')
    throw new XmlRejection('XmlNotValid', `root element '${clip(root.name)}' is not IotpMessage`);
  const ns = root.attrs.xmlns;
  if (ns !== undefined && ns !== IOTP_NAMESPACE) {
    throw new XmlRejection('XmlNotValid', `namespace '${clip(ns)}' is not ${IOTP_NAMESPACE}`);
  }
}

const reject = (code: XmlRejectionCode, desc: string): ParseOutcome => ({ ok: false, error: { code, desc } });
