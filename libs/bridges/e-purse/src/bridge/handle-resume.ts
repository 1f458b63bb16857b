import { suspend, type BridgeOutcome, type BridgeState, type PaymentContext } from '@ph/bridges/common';
import type { RecordStatus } from '../clearing/clearing-centre-wire';
import { decodeEpDebitRecord } from '../payloads/ep-debit-record';
import { bookAndConfirm, confirm } from './book-and-confirm';
import type { EPurseBridgeDeps } from './bridge-deps';
import { readAwaitingRecord } from './e-purse.state';

/**
 * ResumePaymentPaymentHandler without scheme data (the PH's janitor): ask the clearing centre what
 * became of the booking outstanding at suspension. Booked or rejected → the Payment Response; never
 * arrived → send the identical booking now (the record was valid when it came); no answer → stay
 * suspended. Fresh answers only: the centre and the SAM are asked every time (RFC 3867 §7.9).
 */
export async function handleJanitorResume(
  deps: EPurseBridgeDeps,
  _ctx: PaymentContext,
  state: BridgeState,
): Promise<BridgeOutcome> {
  const s = readAwaitingRecord(state);
  if (s?.step !== 'awaiting-booking' || s.record === undefined)
    return suspend('waiting for the purse record', state);
  let status: RecordStatus;
  try {
    status = await deps.centre.recordStatus(s.idM, s.txRef);
  } catch {
    return suspend('clearing centre unavailable', state);
  }
  const record = decodeEpDebitRecord(s.record);
  if (status.outcome === 'unknown') return bookAndConfirm(deps, s, s.record, record, 'janitor');
  return confirm(deps, s, s.record, record.seqC, status, 'janitor');
}
