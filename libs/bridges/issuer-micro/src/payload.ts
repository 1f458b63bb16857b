import type { SchemePackagedContent } from '../../common/src/payment-bridge';

/** Profile §3.2 conventions: compact JSON in key order, base64, Content MIME:application/json. */
export const PAYLOAD_CONTENT = 'MIME:application/json';
export const PAYLOAD_TRANSFORM = 'BASE64';

/** A scheme payload that cannot be decoded or has a missing/ill-typed key; names the key, never a value. */
export class MicroPayloadError extends Error {
  readonly kind = 'MicroPayloadError';
  constructor(message: string) {
    super(message);
    this.name = 'MicroPayloadError';
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeJson(payload: Readonly<Record<string, string | number>>): string {
  const json = JSON.stringify(payload);
  if ([...json].some((ch) => ch.charCodeAt(0) > 0x7f)) throw new MicroPayloadError('payload must be ASCII');
  return Buffer.from(json, 'utf8').toString('base64');
}

export function decodeJson(text: string, type: string): Readonly<Record<string, unknown>> {
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length === 0 || !BASE64.test(compact))
    throw new MicroPayloadError('payload is not valid base64');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64')));
  } catch {
    throw new MicroPayloadError('payload is not UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MicroPayloadError('payload is not a JSON object');
  const obj = value as Record<string, unknown>;
  if (obj.type !== type) throw new MicroPayloadError(`"type" must be "${type}"`);
  if (obj.v !== 1) throw new MicroPayloadError('"v" must be the number 1');
  return obj;
}

export function readString(obj: Readonly<Record<string, unknown>>, key: string, syntax: RegExp): string {
  const value = obj[key];
  if (typeof value !== 'string' || !syntax.test(value))
    throw new MicroPayloadError(`"${key}" missing or ill-formed`);
  return value;
}

export function packagedContent(name: string, value: string): SchemePackagedContent {
  return { name, content: PAYLOAD_CONTENT, transform: PAYLOAD_TRANSFORM, value };
}

/** The text of the only PackagedContent, which must be named `name` (or match it) with the right Content/Transform. */
export function singlePayload(schemeIn: readonly SchemePackagedContent[], name: string): string {
  if (schemeIn.length !== 1) throw new MicroPayloadError(`expected exactly one PackagedContent "${name}"`);
  const [only] = schemeIn;
  if (only.name !== name) throw new MicroPayloadError(`expected PackagedContent "${name}"`);
  if (only.content !== PAYLOAD_CONTENT || only.transform !== PAYLOAD_TRANSFORM)
    throw new MicroPayloadError(
      `"${name}" must have Content="${PAYLOAD_CONTENT}" Transform="${PAYLOAD_TRANSFORM}"`,
    );
  return only.value;
}
