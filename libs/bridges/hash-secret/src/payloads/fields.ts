import { PayloadError } from './payload-error';

/** Field syntax of profile §3.3.1/§3.2; readers reject a missing or ill-typed key (unknown keys are ignored). */
export const CUSTOMER_ID = /^[A-Za-z0-9._-]{1,32}$/;
export const NONCE_T = /^[!-~]{1,64}$/;
export const PAY_ID = /^[!-~]{1,14}$/;
export const ORG_ID = /^[!-~]{1,255}$/;
export const MINIMAL_AMOUNT = /^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;
export const CURRENCY = /^[A-Z]{3}$/;
const HEX32 = /^[0-9a-fA-F]{64}$/;

type Fields = Readonly<Record<string, unknown>>;

export function readHeader(obj: Fields, type: string): void {
  if (obj.type !== type) throw new PayloadError(`"type" must be "${type}"`);
  if (obj.v !== 1) throw new PayloadError('"v" must be the number 1');
}

export function readString(obj: Fields, key: string, syntax: RegExp): string {
  const value = obj[key];
  if (typeof value !== 'string' || !syntax.test(value))
    throw new PayloadError(`"${key}" missing or ill-formed`);
  return value;
}

export function readOptionalString(obj: Fields, key: string, syntax: RegExp): string | undefined {
  return obj[key] === undefined ? undefined : readString(obj, key, syntax);
}

/** 32 bytes as 64 hex digits, either case accepted. */
export function readHex32(obj: Fields, key: string): Buffer {
  return Buffer.from(readString(obj, key, HEX32), 'hex');
}

export function readOptionalHex32(obj: Fields, key: string): Buffer | undefined {
  return obj[key] === undefined ? undefined : readHex32(obj, key);
}

export function readEnum<T extends string>(obj: Fields, key: string, allowed: readonly T[]): T {
  const value = obj[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new PayloadError(`"${key}" missing or not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Hex on emit is lower case (profile §3.2). */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
