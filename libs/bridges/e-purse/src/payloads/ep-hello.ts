import { CARD_ID, CURRENCY, readHeader, readString, SEQUENCE } from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** EP-Hello (Payment Request, schemes.md §1.4 E1): the purse id, its counter and currency. */
export interface EpHello {
  readonly purseId: string;
  readonly seqC: string;
  readonly cur: string;
}

export const EP_HELLO = 'EP-Hello';

export const encodeEpHello = (m: EpHello): string =>
  encodePayload({ type: EP_HELLO, v: 1, purseId: m.purseId, seqC: m.seqC, cur: m.cur });

export function decodeEpHello(text: string): EpHello {
  const obj = decodePayload(text);
  readHeader(obj, EP_HELLO);
  return {
    purseId: readString(obj, 'purseId', CARD_ID),
    seqC: readString(obj, 'seqC', SEQUENCE),
    cur: readString(obj, 'cur', CURRENCY),
  };
}
