import { CARD_ID, hex, PAY_ID, readHeader, readMac, readString, SEQUENCE } from './fields';
import { decodePayload, encodePayload } from './json-payload';

/** EP-CreditConf (Payment Response, E5): the merchant card confirms it credited the debit record. */
export interface EpCreditConf {
  readonly idM: string;
  readonly seqM: string;
  readonly txRef: string;
  readonly mac: Buffer;
}

export const EP_CREDIT_CONF = 'EP-CreditConf';

export const encodeEpCreditConf = (m: EpCreditConf): string =>
  encodePayload({ type: EP_CREDIT_CONF, v: 1, idM: m.idM, seqM: m.seqM, txRef: m.txRef, mac: hex(m.mac) });

export function decodeEpCreditConf(text: string): EpCreditConf {
  const obj = decodePayload(text);
  readHeader(obj, EP_CREDIT_CONF);
  return {
    idM: readString(obj, 'idM', CARD_ID),
    seqM: readString(obj, 'seqM', SEQUENCE),
    txRef: readString(obj, 'txRef', PAY_ID),
    mac: readMac(obj, 'mac'),
  };
}
