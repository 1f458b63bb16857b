import { PayloadError } from './payload-error';

/** Field syntax of the e-purse payloads (profile §3.2, §3.5). */
export const CARD_ID = /^[A-Za-z0-9-]{1,32}$/;
export const SEQUENCE = /^(0|[1-9][0-9]{0,9})$/;
export const PAY_ID = /^[!-~]{1,14}$/;
export const MINIMAL_AMOUNT = /^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;
export const CURRENCY = /^[A-Z]{3}$/;
const NONCE = /^[0-9a-fA-F]{32}$/;
const MAC = /^[0-9a-fA-F]{32}$/;

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

/** nM: 16 bytes as 32 hex digits, either case. */
export const readNonce = (obj: Fields, key: string): Buffer =>
  Buffer.from(readString(obj, key, NONCE), 'hex');
/** A purse MAC: 16 bytes as 32 hex digits, either case. */
export const readMac = (obj: Fields, key: string): Buffer => Buffer.from(readString(obj, key, MAC), 'hex');
/** Hex is lower case on emit (profile §3.2). */
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
