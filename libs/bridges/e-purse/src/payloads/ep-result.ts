import { PAY_ID, readHeader, readString } from './fields';
import { decodePayload, encodePayload } from './json-payload';

/**
 * EP-Result [IMPL; profile §3.5 is LESS FINAL and names no failure payload]: why a debit record was not
 * credited, so the wallet can tell the customer (and keep the record to claim it back from the issuer).
 */
export interface EpResult {
  readonly txRef: string;
  /** The CompletionCode (AuthError, Unspecified, BadInstrument). */
  readonly status: string;
  /** BadMacC, SeqReplayed, UnknownNonce, NonceExpired, CardBlocked, CardExpired. */
  readonly reason: string;
}

export const EP_RESULT = 'EP-Result';
const WORD = /^[A-Za-z]{1,32}$/;

export const encodeEpResult = (m: EpResult): string =>
  encodePayload({ type: EP_RESULT, v: 1, txRef: m.txRef, status: m.status, reason: m.reason });

export function decodeEpResult(text: string): EpResult {
  const obj = decodePayload(text);
  readHeader(obj, EP_RESULT);
  return {
    txRef: readString(obj, 'txRef', PAY_ID),
    status: readString(obj, 'status', WORD),
    reason: readString(obj, 'reason', WORD),
  };
}
