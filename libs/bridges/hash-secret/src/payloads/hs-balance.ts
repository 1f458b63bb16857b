import { CURRENCY, CUSTOMER_ID, MINIMAL_AMOUNT, readHeader, readString } from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** HS-Balance (P2, PaymentNote): `type, v, C, balance, cur`; balance after this payment, minimal form. */
export interface HsBalance {
  readonly C: string;
  readonly balance: string;
  readonly cur: string;
}

export const HS_BALANCE = 'HS-Balance';

export function encodeHsBalance(m: HsBalance): string {
  return encodePayload({ type: HS_BALANCE, v: 1, C: m.C, balance: m.balance, cur: m.cur });
}

export function decodeHsBalance(text: string): HsBalance {
  const obj = decodePayload(text);
  readHeader(obj, HS_BALANCE);
  return {
    C: readString(obj, 'C', CUSTOMER_ID),
    balance: readString(obj, 'balance', MINIMAL_AMOUNT),
    cur: readString(obj, 'cur', CURRENCY),
  };
}
