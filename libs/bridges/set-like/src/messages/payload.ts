import type { SchemePackagedContent } from '../../../common/src/payment-bridge';

/** Every SET-like message: JSON with the wrapper members, BASE64 in a PCDATA PackagedContent (schemes.md §6.9). */
export const SETLIKE_VERSION = 'SETLIKE/1';
export const SET_CONTENT = 'PCDATA';
export const SET_TRANSFORM = 'BASE64';
export const PRES_NAME = 'PRes';

export type SetMessageName = 'PInitReq' | 'PInitRes' | 'PReq' | 'PRes' | 'Error';

export class SetPayloadError extends Error {
  override readonly name = 'SetPayloadError';
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeSetPayload(message: object): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

/** Decodes and checks `ver` and `msg`; the error message names the problem, never a value. */
export function decodeSetPayload(text: string, expected: SetMessageName): Readonly<Record<string, unknown>> {
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length === 0 || !BASE64.test(compact))
    throw new SetPayloadError(`${expected}: not valid base64`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64')));
  } catch {
    throw new SetPayloadError(`${expected}: not UTF-8 JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SetPayloadError(`${expected}: not a JSON object`);
  const obj = value as Record<string, unknown>;
  if (obj.ver !== SETLIKE_VERSION)
    throw new SetPayloadError(`${expected}: "ver" must be "${SETLIKE_VERSION}"`);
  if (obj.msg !== expected) throw new SetPayloadError(`expected a ${expected} message`);
  return obj;
}

export function setPackagedContent(value: string, name?: string): SchemePackagedContent {
  return { ...(name !== undefined ? { name } : {}), content: SET_CONTENT, transform: SET_TRANSFORM, value };
}

/** The only PackagedContent of a SET-like call (Name not used except PRes, RFC 3538 §8.3.1). */
export function onlySetPayload(schemeIn: readonly SchemePackagedContent[]): string {
  if (schemeIn.length !== 1) throw new SetPayloadError('expected exactly one SET-like PackagedContent');
  const [only] = schemeIn;
  if (only.content !== SET_CONTENT || only.transform !== SET_TRANSFORM)
    throw new SetPayloadError(
      `SET-like content must have Content="${SET_CONTENT}" Transform="${SET_TRANSFORM}"`,
    );
  return only.value;
}

type Fields = Readonly<Record<string, unknown>>;

export function str(obj: Fields, key: string, syntax: RegExp = /^[!-~ ]{1,512}$/): string {
  const v = obj[key];
  if (typeof v !== 'string' || !syntax.test(v)) throw new SetPayloadError(`"${key}" missing or ill-formed`);
  return v;
}

export function objectAt(obj: Fields, key: string): Fields {
  const v = obj[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new SetPayloadError(`"${key}" missing or not an object`);
  return v as Fields;
}

/** 16 or 20 random bytes, base64url. */
export const B64U_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** ProtocolBrandId grammar of schemes.md §6.3. */
export const PROTOCOL_BRAND_ID = /^[^:]+(:[^:]+|::[^:]+|:[^:]+:[^:]+)?$/;
