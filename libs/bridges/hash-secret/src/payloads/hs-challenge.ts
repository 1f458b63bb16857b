import {
  CURRENCY,
  CUSTOMER_ID,
  hex,
  MINIMAL_AMOUNT,
  NONCE_T,
  ORG_ID,
  PAY_ID,
  readHeader,
  readHex32,
  readString,
} from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** HS-Challenge (P1): `type, v, C, M, B, t, y, u, cur, aM` (profile §3.3.4). */
export interface HsChallenge {
  readonly C: string;
  readonly M: string;
  readonly B: string;
  readonly t: string;
  readonly y: string;
  readonly u: string;
  readonly cur: string;
  readonly aM: Buffer;
}

export const HS_CHALLENGE = 'HS-Challenge';

export function encodeHsChallenge(m: HsChallenge): string {
  return encodePayload({
    type: HS_CHALLENGE,
    v: 1,
    C: m.C,
    M: m.M,
    B: m.B,
    t: m.t,
    y: m.y,
    u: m.u,
    cur: m.cur,
    aM: hex(m.aM),
  });
}

export function decodeHsChallenge(text: string): HsChallenge {
  const obj = decodePayload(text);
  readHeader(obj, HS_CHALLENGE);
  return {
    C: readString(obj, 'C', CUSTOMER_ID),
    M: readString(obj, 'M', ORG_ID),
    B: readString(obj, 'B', ORG_ID),
    t: readString(obj, 't', NONCE_T),
    y: readString(obj, 'y', PAY_ID),
    u: readString(obj, 'u', MINIMAL_AMOUNT),
    cur: readString(obj, 'cur', CURRENCY),
    aM: readHex32(obj, 'aM'),
  };
}
