import { commandIdFor } from './decision';
import { buildCancelBlk, buildStatus, isRecoverablePaymentFailure, type XmlElement } from '@ph/iotp';
import type {
  DigestRef,
  IotpTransactionEvent,
  PaymentAttemptStarted,
} from '../transaction/iotp-transaction.events';
import { located, systemBusy, type CoreServices } from './core-services';
import type { Decision, Inbound } from './decision';
import { writeErrorMessage, writeMessage, type Addressing } from './outbound-message';
import type { ContinueOutcome } from './payment-api-client';
import { buildPaymentResponse, type ReceiptKey } from './payment-response';
import type { MerchantEntry } from '../config/ph-config';

type EndOutcome = Extract<ContinueOutcome, { ok: true }>;

/**
 * After ContStatus=End (payment-api §9.1 steps 7–8): InquireProcessState, the Payment Response Block
 * with the receipt (signed when asked), then ChangeProcessState without waiting for the Consumer.
 */
export async function finishAttempt(
  services: CoreServices,
  inb: Inbound,
  started: PaymentAttemptStarted,
  to: Addressing,
  outcome: EndOutcome,
  events: readonly IotpTransactionEvent[],
  newSchemeData: readonly { names: readonly string[]; ref: DigestRef }[],
): Promise<Decision> {
  const inquiry = await services.paymentApi.inquireProcessState(started.bridgeId, started.payId);
  if (!inquiry.ok) {
    if (inquiry.error.severity === 'TransientError')
      return systemBusy(services, inb, to, inquiry.error.errorDesc);
    return receiptMissing(
      services,
      inb,
      started,
      to,
      events,
      `InquireProcessState failed: ${inquiry.error.errorDesc}`,
    );
  }
  const info = inquiry.info;
  if (info.processState !== 'CompletedOk' && info.processState !== 'Failed') {
    // ProcessError or a state that is not final: no Payment Response can be built (payment-api §9.1 step 7).
    return receiptMissing(services, inb, started, to, events, `the payment ended in ${info.processState}`);
  }
  if (info.processState === 'CompletedOk' && info.payReceiptNameRefs.length === 0) {
    return receiptMissing(services, inb, started, to, events, 'the bridge returned no receipt');
  }
  const attempt = {
    started,
    phase: 'awaiting-exchange' as const,
    schemeData: [],
  };
  const prior = inb.state.attempts.find((a) => a.started.payId === started.payId)?.schemeData ?? [];
  const merchant =
    services.registry.find(
      inb.state.attempts.find((a) => a.started.payId === started.payId)?.started.merchantId ?? '',
    ) ?? services.config.merchants.find((m) => m.id === started.merchantId);
  let status!: XmlElement;
  const message = writeMessage(services.writer, to, (ids, transRefBlk) => {
    const built = buildPaymentResponse(
      {
        attempt,
        info,
        schemeOut: outcome.schemeOut,
        notes: outcome.notes,
        transId: inb.msg.transRef.transId.element,
        consumerSchemeData: [...prior, ...newSchemeData],
        iotpTransId: inb.iotpTransId,
        receiptKey: receiptKeyFor(services, merchant),
      },
      ids,
      transRefBlk,
    );
    status = built.status;
    return built.parts;
  });
  await closePayment(services, inb, started, info.processState, info.completionCode);
  return {
    kind: 'saved',
    message,
    events: [
      ...events,
      {
        type: 'PaymentAttemptFinished',
        payId: started.payId,
        status,
        processState: info.processState,
        completionCode: info.completionCode,
        recoverable:
          info.processState === 'Failed' &&
          isRecoverablePaymentFailure(info.completionCode ?? 'Unspecified', true),
      },
    ],
    received: true,
    sentInExchange: true,
  };
}

/** ChangeProcessState right after the Payment Response (payment-api §9.1 step 8); the IPB's answer is only logged. */
async function closePayment(
  services: CoreServices,
  inb: Inbound,
  started: PaymentAttemptStarted,
  processState: string,
  completionCode?: string,
): Promise<void> {
  const result = await services.paymentApi.changeProcessState(started.bridgeId, {
    commandId: commandIdFor(inb, 'close'),
    payId: started.payId,
    iotpTransId: inb.iotpTransId,
    processState,
    completionCode,
  });
  if (!result.ok)
    services.logger.warn({ payId: started.payId, error: result.error }, 'closing ChangeProcessState failed');
  else if (result.info.processState !== processState) {
    services.logger.warn(
      { payId: started.payId, requested: processState, actual: result.info.processState },
      'bridge declined the final state',
    );
  }
}

/** A receipt that cannot be had is a technical failure: Error Block, transaction hard-errored (payment-api §9.1). */
function receiptMissing(
  services: CoreServices,
  inb: Inbound,
  started: PaymentAttemptStarted,
  to: Addressing,
  events: readonly IotpTransactionEvent[],
  detail: string,
): Decision {
  const message = writeErrorMessage(
    services.writer,
    to,
    located('UnknownError', `The payment's result could not be obtained: ${detail}.`, {
      elementType: 'IotpMessage',
      iotpMsgRef: inb.inMsgId,
    }),
  );
  return {
    kind: 'saved',
    message,
    events: [
      ...events,
      { type: 'TransactionHardErrored', payId: started.payId, errorComp: message.errorComp, sentByUs: true },
    ],
    received: true,
    sentInExchange: true,
  };
}

/**
 * The bridge refused or aborted the payment (BusError): InquireProcessState tells why, and the
 * Consumer gets a Cancel Block with that completion code (README fact 5; profile §2.3, §3.3.7).
 */
export async function refusedByBridge(
  services: CoreServices,
  inb: Inbound,
  started: PaymentAttemptStarted,
  to: Addressing,
  events: readonly IotpTransactionEvent[],
): Promise<Decision> {
  const inquiry = await services.paymentApi.inquireProcessState(started.bridgeId, started.payId);
  if (!inquiry.ok) {
    if (inquiry.error.severity === 'TransientError')
      return systemBusy(services, inb, to, inquiry.error.errorDesc);
    return receiptMissing(services, inb, started, to, events, inquiry.error.errorDesc);
  }
  const code =
    inquiry.info.processState === 'Failed'
      ? (inquiry.info.completionCode ?? 'PaymtCancelled')
      : 'PaymtCancelled';
  const desc = inquiry.info.statusDesc ?? 'Payment cancelled by the Payment Handler';
  return cancelDecision(services, to, started, code, desc, events);
}

/**
 * The PH's own Cancel Block (one Failed Status with the completion code, profile §2.3) and the facts
 * that record it: the attempt finished, recoverable or not by its code (iotp-messages §7.7).
 */
export function cancelDecision(
  services: CoreServices,
  to: Addressing,
  started: PaymentAttemptStarted,
  code: string,
  desc: string,
  events: readonly IotpTransactionEvent[],
): Decision {
  let status!: XmlElement;
  const message = writeMessage(services.writer, to, (ids) => {
    const blkId = ids.next();
    status = buildStatus({
      id: ids.next(),
      statusType: 'Payment',
      elRef: started.paymentRef,
      processState: 'Failed',
      completionCode: code,
      processReference: started.payId,
      statusDesc: desc,
    });
    return { blocks: [buildCancelBlk({ id: blkId, status })] };
  });
  return {
    kind: 'saved',
    message,
    events: [
      ...events,
      {
        type: 'PaymentAttemptFinished',
        payId: started.payId,
        status,
        processState: 'Failed',
        completionCode: code,
        recoverable: isRecoverablePaymentFailure(code, true),
      },
    ],
    received: true,
    sentInExchange: true,
  };
}

/** Profile §2.6: the merchant's first shared key, or the PH's ECDSA key when the merchant asked for it. */
function receiptKeyFor(services: CoreServices, merchant: MerchantEntry | undefined): ReceiptKey | undefined {
  if (!merchant) return undefined;
  if (merchant.receiptSignature === 'ecdsa-p256') {
    const ecdsa = services.config.paymentHandler.ecdsaReceiptKey;
    return (
      ecdsa && { keyId: ecdsa.keyId, key: { alg: 'ecdsa-p256', privateKey: Buffer.from(ecdsa.dHex, 'hex') } }
    );
  }
  const key = merchant.keys[0];
  return key && { keyId: key.keyId, key: { alg: 'hmac-sha256', secret: Buffer.from(key.secretHex, 'hex') } };
}
