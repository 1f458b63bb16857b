import { commandIdFor, type Decision, type Inbound } from './decision';
import { refusedByBridge } from './finish-attempt';
import type { Addressing } from './outbound-message';
import type { ContinueOutcome, ProcessStateInfo, SchemeData } from './payment-api-client';
import type { CoreServices } from './core-services';
import type { IotpTransactionEvent, PaymentAttemptStarted } from '../transaction/iotp-transaction.events';

/**
 * A Start or ContinueProcess was answered BusError (P9, P14): Inquire Process State tells why.
 * - Suspended: the bridge suspended the payment because its existing payment software did not answer
 *   in time; the Consumer's retransmission (or next message) resumes it with its scheme data
 *   (iotp-messages §10.6), and the resumption's answer is the Consumer's answer.
 * - CompletedOk: the payment was decided while the Consumer was away (the janitor's resumption): the
 *   Payment Response is built from the receipt items Inquire Process State returns.
 * - otherwise the bridge refused or aborted it: Cancel Block.
 */
export async function afterBusError(
  services: CoreServices,
  inb: Inbound,
  started: PaymentAttemptStarted,
  to: Addressing,
  events: readonly IotpTransactionEvent[],
  schemeIn: readonly SchemeData[],
  answer: (outcome: ContinueOutcome) => Promise<Decision>,
): Promise<Decision> {
  const inquiry = await services.paymentApi.inquireProcessState(started.bridgeId, started.payId);
  if (inquiry.ok && inquiry.info.processState === 'Suspended') {
    const resumed = await services.paymentApi.resumePaymentPaymentHandler(started.bridgeId, {
      commandId: commandIdFor(inb, 'resume'),
      payId: started.payId,
      iotpTransId: inb.iotpTransId,
      schemeIn,
    });
    // BusError: no longer suspended — the janitor or an operator decided it between the two calls.
    if (!resumed.ok && resumed.error.errorCode === 'BusError')
      return decidedElsewhere(services, inb, started, to, events, answer);
    return answer(resumed);
  }
  if (inquiry.ok && inquiry.info.processState === 'CompletedOk') return completedAnswer(inquiry.info, answer);
  return refusedByBridge(services, inb, started, to, events);
}

async function decidedElsewhere(
  services: CoreServices,
  inb: Inbound,
  started: PaymentAttemptStarted,
  to: Addressing,
  events: readonly IotpTransactionEvent[],
  answer: (outcome: ContinueOutcome) => Promise<Decision>,
): Promise<Decision> {
  const inquiry = await services.paymentApi.inquireProcessState(started.bridgeId, started.payId);
  if (inquiry.ok && inquiry.info.processState === 'CompletedOk') return completedAnswer(inquiry.info, answer);
  return refusedByBridge(services, inb, started, to, events);
}

/** A completed payment's Payment Response, from the receipt items Inquire Process State returns. */
const completedAnswer = (
  info: ProcessStateInfo,
  answer: (outcome: ContinueOutcome) => Promise<Decision>,
): Promise<Decision> =>
  answer({ ok: true, contStatus: 'End', schemeOut: info.receiptItems ?? [], notes: [] });
