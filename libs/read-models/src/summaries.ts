import type { PaymentEvent } from '@ph/payments';
import type { IotpTransactionEventView } from './stored-event';

/** Longest summary kept in the log: status texts are free text from bridges and the counter party. */
export const MAX_SUMMARY_LENGTH = 300;

export function clip(text: string, max = MAX_SUMMARY_LENGTH): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

const names = (list: readonly { readonly name?: string }[]): string => {
  const named = list.map((m) => m.name ?? '(unnamed)');
  return named.length === 0 ? 'no items' : named.join(', ');
};
const withCode = (code: string | undefined): string => (code ? ` [${code}]` : '');

/** One line for the payment-log page: what happened, never a payload or a secret. */
export function summarisePaymentEvent(e: PaymentEvent): string {
  switch (e.type) {
    case 'PaymentStarted': {
      const c = e.context;
      return clip(
        `Payment started: ${c.amount} ${c.currency}, brand ${c.brandId} via ${c.protocolId}, merchant ${c.merchantOrgId}`,
      );
    }
    case 'SchemeMessageReceived':
      return clip(`Scheme message #${e.sequence} received (${e.command}): ${names(e.messages)}`);
    case 'SchemeMessageSent':
      return clip(`Scheme message #${e.sequence} sent (${e.contStatus}): ${names(e.messages)}`);
    case 'PaymentSuspended':
      return clip(`Payment suspended: ${e.reason}`);
    case 'PaymentResumed':
      return 'Payment resumed';
    case 'PaymentCompleted':
      return clip(
        `Payment completed${withCode(e.completionCode)}: ${e.statusDesc}` +
          (e.receiptNameRefs.length > 0 ? `; receipt ${e.receiptNameRefs.join(', ')}` : ''),
      );
    case 'PaymentFailed':
      return clip(`Payment failed${withCode(e.completionCode)} (${e.how}): ${e.statusDesc}`);
    case 'ProcessErrorRaised':
      return clip(`Process error (${e.how}): ${e.statusDesc}`);
    case 'ProcessStateChangeDeclined':
      return clip(`State change to ${e.requested} declined; payment stays ${e.actual}`);
    case 'PaymentLogRemoved':
      return 'Payment log removed';
  }
}

export function summariseIotpTransactionEvent(type: string, d: IotpTransactionEventView): string {
  switch (type) {
    case 'PaymentAttemptStarted':
      return clip(
        `Payment attempt started: pay id ${d.payId ?? '?'}, bridge ${d.bridgeId ?? '?'}, merchant ${d.merchantId ?? '?'}`,
      );
    case 'SchemeDataReceived':
      return clip(`Scheme data kept for the receipt: ${(d.names ?? []).join(', ') || 'no names'}`);
    case 'IotpMessageAnswered':
      if (d.outMsgId) return clip(`IOTP message ${d.inMsgId ?? '?'} answered with ${d.outMsgId}`);
      return clip(
        d.answer === null
          ? `IOTP message ${d.inMsgId ?? '?'} ${d.received === false ? 'ignored' : 'accepted'} (no content)`
          : `IOTP message ${d.inMsgId ?? '?'} answered`,
      );
    case 'PaymentAttemptFinished':
      return clip(
        `Payment attempt finished: ${d.processState ?? '?'}${withCode(d.completionCode)}` +
          (d.recoverable ? ', recoverable' : ''),
      );
    case 'TransactionCancelledByConsumer':
      return clip(`Transaction cancelled by the consumer${withCode(d.completionCode)}`);
    case 'TransactionHardErrored': {
      const code = d.errorComp?.attrs?.ErrorCode;
      return clip(
        `Transaction ended by a hard error${withCode(code)} ${d.sentByUs ? 'we sent' : 'received'}`,
      );
    }
    default:
      return clip(`IOTP transaction event ${type}`);
  }
}
