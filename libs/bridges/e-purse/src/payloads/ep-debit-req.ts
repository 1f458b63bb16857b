import {
  CARD_ID,
  CURRENCY,
  hex,
  MINIMAL_AMOUNT,
  PAY_ID,
  readHeader,
  readMac,
  readNonce,
  readString,
  SEQUENCE,
} from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** EP-DebitReq (Payment Exchange ←, E2): the merchant card asks the purse to debit `u`. */
export interface EpDebitReq {
  readonly idM: string;
  readonly u: string;
  readonly cur: string;
  readonly txRef: string;
  readonly nM: Buffer;
  readonly seqM: string;
  readonly macM: Buffer;
}

export const EP_DEBIT_REQ = 'EP-DebitReq';

export const encodeEpDebitReq = (m: EpDebitReq): string =>
  encodePayload({
    type: EP_DEBIT_REQ,
    v: 1,
    idM: m.idM,
    u: m.u,
    cur: m.cur,
    txRef: m.txRef,
    nM: hex(m.nM),
    seqM: m.seqM,
    macM: hex(m.macM),
  });

export function decodeEpDebitReq(text: string): EpDebitReq {
  const obj = decodePayload(text);
  readHeader(obj, EP_DEBIT_REQ);
  return {
    idM: readString(obj, 'idM', CARD_ID),
    u: readString(obj, 'u', MINIMAL_AMOUNT),
    cur: readString(obj, 'cur', CURRENCY),
    txRef: readString(obj, 'txRef', PAY_ID),
    nM: readNonce(obj, 'nM'),
    seqM: readString(obj, 'seqM', SEQUENCE),
    macM: readMac(obj, 'macM'),
  };
}
