import { CUSTOMER_ID, hex, readHeader, readHex32, readString } from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** HS-Init (C1): `type, v, C, nA` (profile §3.3.4). */
export interface HsInit {
  readonly C: string;
  readonly nA: Buffer;
}

export const HS_INIT = 'HS-Init';

export function encodeHsInit(m: HsInit): string {
  return encodePayload({ type: HS_INIT, v: 1, C: m.C, nA: hex(m.nA) });
}

export function decodeHsInit(text: string): HsInit {
  const obj = decodePayload(text);
  readHeader(obj, HS_INIT);
  return { C: readString(obj, 'C', CUSTOMER_ID), nA: readHex32(obj, 'nA') };
}
