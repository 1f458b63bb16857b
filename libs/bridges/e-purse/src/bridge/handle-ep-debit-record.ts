import {
  elInconsistent,
  encapProtErr,
  systemBusy,
  type BridgeOutcome,
  type BridgeState,
  type PaymentContext,
  type SchemePackagedContent,
} from '@ph/bridges/common';
import { debitInput } from '../crypto/mac-inputs';
import { macEquals } from '../crypto/purse-mac';
import { decodeEpDebitRecord, EP_DEBIT_RECORD, type EpDebitRecord } from '../payloads/ep-debit-record';
import { singlePayload } from '../payloads/json-payload';
import { bookAndConfirm, type Asker } from './book-and-confirm';
import type { EPurseBridgeDeps } from './bridge-deps';
import { endedState, readAwaitingRecord } from './e-purse.state';
import { declined } from './payment-response';

/**
 * ContinueProcess with EP-DebitRecord (schemes.md §1.4 E4 → E5), checks in this order: decodable →
 * matches the debit request → nM outstanding and unexpired → purse MAC (by the SAM) → booked at the
 * clearing centre (seqC never seen) → EP-CreditConf.
 */
export async function handleEpDebitRecord(
  deps: EPurseBridgeDeps,
  ctx: PaymentContext,
  state: BridgeState,
  schemeIn: readonly SchemePackagedContent[],
  asker: Asker = 'consumer',
): Promise<BridgeOutcome> {
  const s = readAwaitingRecord(state);
  if (s === undefined)
    return {
      kind: 'reject',
      errorCode: 'ElUnexpected',
      severity: 'HardError',
      errorDesc: 'no payment awaits EP-DebitRecord',
    };

  let text: string;
  let record: EpDebitRecord;
  try {
    text = singlePayload(schemeIn, EP_DEBIT_RECORD);
    record = decodeEpDebitRecord(text);
  } catch (error) {
    return encapProtErr(`EP-DebitRecord: ${(error as Error).message}`);
  }

  const differing = [
    record.idC !== s.purseId && 'idC',
    record.idM !== s.idM && 'idM',
    record.u !== s.u && 'u',
    record.cur !== s.cur && 'cur',
  ].filter(Boolean);
  if (differing.length > 0)
    return elInconsistent(`EP-DebitRecord ${differing.join(', ')} differ from the debit request`);

  if (!macEquals(record.nM, Buffer.from(s.nM, 'hex')))
    return declined(s, 'UnknownNonce', endedState(s, 'UnknownNonce', record.seqC));
  if (ctx.now.getTime() - Date.parse(s.issuedAt) > deps.config.nonceLifetimeMs)
    return declined(s, 'NonceExpired', endedState(s, 'NonceExpired', record.seqC));

  let genuine: boolean;
  try {
    genuine = await deps.sam.verifyPurseMac(record.idC, debitInput(record), record.macC);
  } catch {
    return systemBusy('merchant SAM unavailable');
  }
  if (!genuine) return declined(s, 'BadMacC', endedState(s, 'BadMacC', record.seqC));

  return bookAndConfirm(deps, s, text, record, asker);
}
