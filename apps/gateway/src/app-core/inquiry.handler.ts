import {
  buildErrorBlk,
  buildInquiryRespBlk,
  buildStatus,
  type InquiryReqBlk,
  type XmlElement,
} from '@ph/iotp';
import type { Attempt } from '../transaction/iotp-transaction.state';
import { located, unsavedError, type CoreServices } from './core-services';
import type { Decision, Inbound } from './decision';
import { writeMessage, type Addressing } from './outbound-message';

/** Transaction Status Inquiry (profile §4.3, iotp-messages §10.7). Answers are saved; nothing else changes. */
export async function handleInquiry(
  services: CoreServices,
  inb: Inbound,
  block: InquiryReqBlk,
): Promise<Decision> {
  const { state } = inb;
  const to: Addressing = {
    transId: inb.msg.transRef.transId.element,
    inMsgId: inb.inMsgId,
    prefix: 'Q',
    number: state.lastQNumber + 1,
  };
  const where = { iotpMsgRef: inb.inMsgId, blkRef: block.id };
  if (state.status === 'Unknown' || state.attempts.length === 0) {
    return unsavedError(
      services,
      { ...to, number: 1 },
      located('AttValNotRecog', 'The transaction is not known to this Payment Handler.', {
        elementType: 'TransId',
        iotpMsgRef: inb.inMsgId,
        attName: 'IotpTransId',
      }),
    );
  }
  const first = state.attempts[0].started;
  if (inb.msg.transRef.transId.transTimeStamp !== first.transTimeStamp) {
    return unsavedError(
      services,
      to,
      located('ElInconsistent', 'TransTimeStamp differs from the inquired transaction.', {
        elementType: 'TransId',
        iotpMsgRef: inb.inMsgId,
        attName: 'TransTimeStamp',
      }),
    );
  }
  const type = block.inquiryType;
  const attempt =
    type.type === 'Payment' ? selectAttempt(state.attempts, type.processReference, type.elRef) : undefined;
  if (!attempt) {
    return unsavedError(
      services,
      to,
      located('AttValNotRecog', 'No payment of this transaction matches the inquiry.', {
        elementType: 'InquiryType',
        ...where,
        compRef: type.id,
        attName: type.type === 'Payment' ? 'ProcessReference' : 'Type',
      }),
    );
  }
  const live = attempt.phase === 'awaiting-exchange' ? await liveState(services, attempt) : undefined;
  const message = writeMessage(services.writer, to, (ids) => {
    const blkId = ids.next();
    const newStatus = (
      processState: 'InProgress' | 'CompletedOk' | 'Failed' | 'ProcessError',
      code?: string,
      desc?: string,
    ) =>
      buildStatus({
        id: ids.next(),
        statusType: 'Payment',
        elRef: attempt.started.paymentRef,
        processState,
        completionCode: code,
        processReference: attempt.started.payId,
        statusDesc: desc,
      });
    let status: XmlElement;
    let errorBlk: XmlElement | undefined;
    if (attempt.phase === 'finished' && attempt.status) {
      status = attempt.status; // the Status last sent, copied with its ID
    } else if (attempt.phase === 'cancelled') {
      status = newStatus(
        'Failed',
        attempt.completionCode ?? 'ConsCancelled',
        'Payment cancelled by the consumer',
      );
    } else if (attempt.phase === 'hard-errored') {
      status = newStatus('ProcessError', undefined, 'The payment ended with a technical error');
      if (state.hardErrorComp) errorBlk = buildErrorBlk({ id: ids.next(), errorComp: state.hardErrorComp });
    } else if (live && (live.processState === 'Failed' || live.processState === 'ProcessError')) {
      status = newStatus(live.processState, live.completionCode ?? 'Unspecified', live.statusDesc);
    } else if (live?.processState === 'CompletedOk') {
      // Decided while the Consumer was away (the janitor resumed it): its next message gets the receipt.
      status = newStatus('CompletedOk', undefined, live.statusDesc ?? 'Payment completed');
    } else {
      status = newStatus('InProgress', undefined, 'Payment in progress');
    }
    return {
      errorBlk,
      blocks: [
        buildInquiryRespBlk({
          id: blkId,
          lastReceivedIotpMsgRef: state.lastReceived,
          lastSentIotpMsgRef: state.lastSent,
          status,
        }),
      ],
    };
  });
  return { kind: 'saved', message, events: [], received: false, sentInExchange: false };
}

function selectAttempt(
  attempts: readonly Attempt[],
  processReference?: string,
  elRef?: string,
): Attempt | undefined {
  if (processReference) return attempts.find((a) => a.started.payId === processReference);
  const forPayment = elRef ? attempts.filter((a) => a.started.paymentRef === elRef) : [];
  return forPayment[forPayment.length - 1] ?? attempts[attempts.length - 1];
}

/**
 * A payment awaiting the Consumer may have been closed meanwhile (time-out, operator): ask its bridge
 * (InquirePaymentStatus, payment-api §9.2). Suspended comes back as InProgress.
 */
async function liveState(services: CoreServices, attempt: Attempt) {
  const result = await services.paymentApi.inquirePaymentStatus(
    attempt.started.bridgeId,
    attempt.started.payId,
  );
  return result.ok ? result.info : undefined;
}
