import {
  CARD_ID,
  CURRENCY,
  hex,
  MINIMAL_AMOUNT,
  readHeader,
  readMac,
  readNonce,
  readString,
  SEQUENCE,
} from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** EP-DebitRecord (Payment Exchange →, E4): the purchase record the purse wrote when it debited itself. */
export interface EpDebitRecord {
  readonly idC: string;
  readonly seqC: string;
  readonly u: string;
  readonly cur: string;
  readonly nM: Buffer;
  readonly idM: string;
  readonly macC: Buffer;
}

export const EP_DEBIT_RECORD = 'EP-DebitRecord';

export const encodeEpDebitRecord = (m: EpDebitRecord): string =>
  encodePayload({
    type: EP_DEBIT_RECORD,
    v: 1,
    idC: m.idC,
    seqC: m.seqC,
    u: m.u,
    cur: m.cur,
    nM: hex(m.nM),
    idM: m.idM,
    macC: hex(m.macC),
  });

export function decodeEpDebitRecord(text: string): EpDebitRecord {
  const obj = decodePayload(text);
  readHeader(obj, EP_DEBIT_RECORD);
  return {
    idC: readString(obj, 'idC', CARD_ID),
    seqC: readString(obj, 'seqC', SEQUENCE),
    u: readString(obj, 'u', MINIMAL_AMOUNT),
    cur: readString(obj, 'cur', CURRENCY),
    nM: readNonce(obj, 'nM'),
    idM: readString(obj, 'idM', CARD_ID),
    macC: readMac(obj, 'macC'),
  };
}
