import { commandIdFor } from './decision';
import { buildPayExchBlk, buildPaySchemeData, domHash, type PayExchBlk } from '@ph/iotp';
import { latestAttempt } from '../transaction/iotp-transaction.state';
import {
  apiErrorToWire,
  exchangeAddressing,
  hardErrorInKnownTransaction,
  isTerminal,
  located,
  systemBusy,
  unsavedError,
  type CoreServices,
} from './core-services';
import { ignored, type Decision, type Inbound } from './decision';
import { finishAttempt, refusedByBridge } from './finish-attempt';
import { writeMessage } from './outbound-message';
import type { ContinueOutcome } from './payment-api-client';
import { afterBusError } from './resume-suspended';

/** A Payment Exchange from the Consumer: ContinueProcess and the next message (iotp-messages §10.4). */
export async function handlePaymentExchange(
  services: CoreServices,
  inb: Inbound,
  block: PayExchBlk,
): Promise<Decision> {
  const { state } = inb;
  const to = exchangeAddressing(inb);
  if (state.status === 'Unknown') {
    return unsavedError(
      services,
      to,
      located('AttValNotRecog', 'The transaction is not known to this Payment Handler.', {
        elementType: 'TransId',
        iotpMsgRef: inb.inMsgId,
        attName: 'IotpTransId',
      }),
    );
  }
  if (isTerminal(state)) return ignored;
  const attempt = latestAttempt(state);
  const where = { iotpMsgRef: inb.inMsgId, blkRef: block.id };
  if (!attempt || attempt.phase !== 'awaiting-exchange') {
    return hardErrorInKnownTransaction(
      services,
      inb,
      to,
      located('ElUnexpected', 'No Payment Exchange is awaited in this transaction.', {
        elementType: 'PayExchBlk',
        ...where,
      }),
    );
  }
  const psd = block.paySchemeData;
  if (psd.paymentRef !== attempt.started.paymentRef) {
    return hardErrorInKnownTransaction(
      services,
      inb,
      to,
      located('ElInconsistent', 'PaymentRef does not name the Payment of this attempt.', {
        elementType: 'PaySchemeData',
        ...where,
        compRef: psd.id,
        attName: 'PaymentRef',
      }),
    );
  }
  if (psd.paymentHandlerPayId !== attempt.started.payId) {
    return hardErrorInKnownTransaction(
      services,
      inb,
      to,
      located('AttValNotRecog', 'PaymentHandlerPayId does not name the payment awaiting this exchange.', {
        elementType: 'PaySchemeData',
        ...where,
        compRef: psd.id,
        attName: 'PaymentHandlerPayId',
      }),
    );
  }
  const received = {
    type: 'SchemeDataReceived' as const,
    payId: attempt.started.payId,
    names: psd.packagedContents.map((p) => p.name ?? ''),
    ref: { id: psd.id, digest: domHash(psd.element).toString('base64') },
  };
  const started = attempt.started;
  const schemeIn = psd.packagedContents.map(({ name, content, transform, value }) => ({
    name,
    content,
    transform,
    value,
  }));
  const outcome = await services.paymentApi.continueProcess(started.bridgeId, {
    commandId: commandIdFor(inb, 'continue'),
    payId: started.payId,
    iotpTransId: inb.iotpTransId,
    schemeIn,
  });
  if (!outcome.ok && outcome.error.errorCode === 'BusError') {
    return afterBusError(services, inb, started, to, [received], schemeIn, answer);
  }
  return answer(outcome);

  async function answer(outcome: ContinueOutcome): Promise<Decision> {
    if (!outcome.ok) {
      const error = outcome.error;
      if (error.severity === 'TransientError')
        return systemBusy(services, inb, to, error.errorDesc, error.minRetrySecs ?? 5);
      if (error.errorCode === 'BusError') return refusedByBridge(services, inb, started, to, [received]);
      return hardErrorInKnownTransaction(
        services,
        inb,
        to,
        apiErrorToWire(error, inb, { blkRef: block.id, compRef: psd.id }),
        [received],
      );
    }
    if (outcome.contStatus === 'End') {
      return finishAttempt(
        services,
        inb,
        started,
        to,
        outcome,
        [received],
        [{ names: received.names, ref: received.ref }],
      );
    }
    const message = writeMessage(services.writer, to, (ids) => ({
      blocks: [
        buildPayExchBlk({
          id: ids.next(),
          paySchemeData: buildPaySchemeData({
            id: ids.next(),
            paymentRef: started.paymentRef,
            consumerPaymentId: started.consumerPaymentId,
            paymentHandlerPayId: started.payId,
            packagedContents: outcome.schemeOut,
          }),
        }),
      ],
    }));
    return { kind: 'saved', message, events: [received], received: true, sentInExchange: true };
  }
}
