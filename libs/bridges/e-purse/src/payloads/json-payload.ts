import type { SchemePackagedContent } from '@ph/bridges/common';
import { PayloadError } from './payload-error';

/** Profile §3.2: Content and Transform of every e-purse PackagedContent. */
export const PAYLOAD_CONTENT = 'MIME:application/json';
export const PAYLOAD_TRANSFORM = 'BASE64';

/** Keys in the order they are emitted (insertion order); `v` is the number 1, every other value a string. */
export type OrderedPayload = Readonly<Record<string, string | number>>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Compact JSON in insertion order, ASCII only, then base64 without line breaks. */
export function encodePayload(payload: OrderedPayload): string {
  const json = JSON.stringify(payload);
  if ([...json].some((ch) => ch.charCodeAt(0) > 0x7f)) throw new PayloadError('payload must be ASCII');
  return Buffer.from(json, 'utf8').toString('base64');
}

/** The exact JSON bytes under the base64 (EP-CreditConf hashes the EP-DebitRecord's bytes as sent). */
export function payloadBytes(text: string): Buffer {
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length === 0 || !BASE64.test(compact)) throw new PayloadError('payload is not valid base64');
  return Buffer.from(compact, 'base64');
}

export function decodePayload(text: string): Readonly<Record<string, unknown>> {
  let value: unknown;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes(text));
    value = JSON.parse(json);
  } catch (error) {
    if (error instanceof PayloadError) throw error;
    throw new PayloadError('payload is not UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PayloadError('payload is not a JSON object');
  return value as Record<string, unknown>;
}

export function packagedContent(name: string, value: string): SchemePackagedContent {
  return { name, content: PAYLOAD_CONTENT, transform: PAYLOAD_TRANSFORM, value };
}

/** The text of the only PackagedContent, which must be `name` with the profile's Content/Transform. */
export function singlePayload(schemeIn: readonly SchemePackagedContent[], name: string): string {
  if (schemeIn.length !== 1) throw new PayloadError(`expected exactly one PackagedContent "${name}"`);
  const [only] = schemeIn;
  if (only.name !== name) throw new PayloadError(`expected PackagedContent "${name}"`);
  if (only.content !== PAYLOAD_CONTENT || only.transform !== PAYLOAD_TRANSFORM)
    throw new PayloadError(
      `"${name}" must have Content="${PAYLOAD_CONTENT}" Transform="${PAYLOAD_TRANSFORM}"`,
    );
  return only.value;
}
