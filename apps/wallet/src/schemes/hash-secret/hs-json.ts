/**
 * Payload codec of profile §3.2, the wallet's own: emit compact JSON in the given key order as base64;
 * read any order and whitespace, ignore unknown keys, reject a missing or ill-typed key.
 */
export class HsPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HsPayloadError';
  }
}

export const HEX64 = /^[0-9A-Fa-f]{64}$/;
export const AMOUNT = /^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;
export const CUR = /^[A-Z]{3}$/;
export const TEXT = /^[!-~]{1,255}$/;
export const CUSTOMER = /^[A-Za-z0-9._-]{1,32}$/;

export function emit(entries: ReadonlyArray<readonly [string, string | number]>): string {
  return Buffer.from(JSON.stringify(Object.fromEntries(entries)), 'utf8').toString('base64');
}

export type Fields = Readonly<Record<string, unknown>>;

export function read(text: string, type: string): Fields {
  const b64 = text.replace(/[\t\n\r ]+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0 || b64.length === 0) {
    throw new HsPayloadError(`${type}: invalid base64`);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(b64, 'base64')));
  } catch {
    throw new HsPayloadError(`${type}: not UTF-8 JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HsPayloadError(`${type}: not an object`);
  const fields = value as Fields;
  if (fields.type !== type || fields.v !== 1) throw new HsPayloadError(`${type}: wrong type or version`);
  return fields;
}

export function str(fields: Fields, key: string, pattern: RegExp): string {
  const v = fields[key];
  if (typeof v !== 'string' || !pattern.test(v)) throw new HsPayloadError(`"${key}" missing or ill-formed`);
  return v;
}

export const bytes32 = (fields: Fields, key: string): Buffer => Buffer.from(str(fields, key, HEX64), 'hex');
