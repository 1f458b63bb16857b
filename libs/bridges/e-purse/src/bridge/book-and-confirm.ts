import { suspend, systemBusy, type BridgeOutcome } from '@ph/bridges/common';
import type { BookResult } from '../clearing/clearing-centre-wire';
import { ClearingCentreTimeoutError } from '../clearing/clearing-centre.port';
import { creditedInput } from '../crypto/mac-inputs';
import { hex } from '../payloads/fields';
import type { EpDebitRecord } from '../payloads/ep-debit-record';
import { payloadBytes } from '../payloads/json-payload';
import type { EPurseBridgeDeps } from './bridge-deps';
import { awaitingBookingState, endedState, type AwaitingRecord } from './e-purse.state';
import { credited, declined } from './payment-response';

/**
 * Who asks: the Consumer's message (`consumer`: a failure before the centre acted is SystemBusy, the
 * retransmission asks again) or the PH's janitor on a suspended payment (`janitor`: while the answer is
 * unknown the payment stays Suspended).
 */
export type Asker = 'consumer' | 'janitor';

/**
 * E5: book the verified record at the clearing centre (idempotent by (idM, txRef); the centre refuses a
 * replayed seqC), then let the SAM confirm it. A booking that went out unanswered may have been made:
 * the payment is suspended with the record, never guessed (schemes.md §1.6 "money out of the card").
 */
export async function bookAndConfirm(
  deps: EPurseBridgeDeps,
  s: AwaitingRecord,
  recordText: string,
  record: EpDebitRecord,
  asker: Asker,
): Promise<BridgeOutcome> {
  const waiting = awaitingBookingState(s, recordText);
  let booked: BookResult;
  try {
    booked = await deps.centre.bookRecord({
      idM: s.idM,
      txRef: s.txRef,
      record: { ...record, nM: hex(record.nM), macC: hex(record.macC) },
    });
  } catch (error) {
    if (error instanceof ClearingCentreTimeoutError || asker === 'janitor')
      return suspend('clearing centre did not answer the booking', waiting);
    return systemBusy('clearing centre unavailable');
  }
  return confirm(deps, s, recordText, record.seqC, booked, asker);
}

/** The centre's answer to a booking → the Payment Response (the SAM MACs the confirmation). */
export async function confirm(
  deps: EPurseBridgeDeps,
  s: AwaitingRecord,
  recordText: string,
  seqC: string,
  result: BookResult,
  asker: Asker,
): Promise<BridgeOutcome> {
  if (result.outcome === 'rejected') return declined(s, result.reason, endedState(s, result.reason, seqC));
  let mac: Buffer;
  try {
    mac = await deps.sam.merchantMac(s.idM, creditedInput(payloadBytes(recordText)));
  } catch {
    // Booked but not yet confirmed: asking again re-books idempotently and gets the same booking.
    if (asker === 'janitor') return suspend('merchant SAM unavailable', awaitingBookingState(s, recordText));
    return systemBusy('merchant SAM unavailable');
  }
  return credited(s, mac, endedState(s, 'CompletedOk', seqC));
}
