import {
  CURRENCY,
  CUSTOMER_ID,
  hex,
  MINIMAL_AMOUNT,
  NONCE_T,
  PAY_ID,
  readHeader,
  readHex32,
  readString,
} from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** HS-Pay (C2): `type, v, C, t, y, u, cur, aC, nC, pi, o` (profile §3.3.4). */
export interface HsPay {
  readonly C: string;
  readonly t: string;
  readonly y: string;
  readonly u: string;
  readonly cur: string;
  readonly aC: Buffer;
  readonly nC: Buffer;
  readonly pi: Buffer;
  readonly o: Buffer;
}

export const HS_PAY = 'HS-Pay';

export function encodeHsPay(m: HsPay): string {
  return encodePayload({
    type: HS_PAY,
    v: 1,
    C: m.C,
    t: m.t,
    y: m.y,
    u: m.u,
    cur: m.cur,
    aC: hex(m.aC),
    nC: hex(m.nC),
    pi: hex(m.pi),
    o: hex(m.o),
  });
}

export function decodeHsPay(text: string): HsPay {
  const obj = decodePayload(text);
  readHeader(obj, HS_PAY);
  return {
    C: readString(obj, 'C', CUSTOMER_ID),
    t: readString(obj, 't', NONCE_T),
    y: readString(obj, 'y', PAY_ID),
    u: readString(obj, 'u', MINIMAL_AMOUNT),
    cur: readString(obj, 'cur', CURRENCY),
    aC: readHex32(obj, 'aC'),
    nC: readHex32(obj, 'nC'),
    pi: readHex32(obj, 'pi'),
    o: readHex32(obj, 'o'),
  };
}
