import { PayloadError } from './payload-error';

/** Profile §3.2: Content and Transform of every hash/secret PackagedContent. */
export const PAYLOAD_CONTENT = 'MIME:application/json';
export const PAYLOAD_TRANSFORM = 'BASE64';

export type JsonValue = string | number;
/** Keys in the order they are emitted (insertion order of the object). */
export type OrderedPayload = Readonly<Record<string, JsonValue>>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const XML_WHITESPACE = /[ \t\r\n]/g;

/** Compact JSON (keys in the object's insertion order), then base64 with padding and no line breaks. */
export function encodePayload(payload: OrderedPayload): string {
  const json = JSON.stringify(payload);
  // Profile §3.2: ASCII only (JSON.stringify leaves non-ASCII characters unescaped).
  if ([...json].some((ch) => ch.charCodeAt(0) > 0x7f)) throw new PayloadError('payload must be ASCII');
  return Buffer.from(json, 'utf8').toString('base64');
}

/** Strips XML whitespace, rejects invalid base64, non-UTF-8, non-JSON or a non-object. */
export function decodePayload(text: string): Readonly<Record<string, unknown>> {
  const compact = text.replace(XML_WHITESPACE, '');
  if (compact.length === 0 || !BASE64.test(compact)) throw new PayloadError('payload is not valid base64');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw new PayloadError('payload is not UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new PayloadError('payload is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PayloadError('payload is not a JSON object');
  }
  return value as Record<string, unknown>;
}
