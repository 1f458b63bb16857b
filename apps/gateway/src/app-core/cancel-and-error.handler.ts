import { commandIdFor } from './decision';
import type { CancelBlk, ErrorBlk } from '@ph/iotp';
import { latestAttempt } from '../transaction/iotp-transaction.state';
import { exchangeAddressing, located, unsavedError, type CoreServices } from './core-services';
import { ignored, type Decision, type Inbound } from './decision';
import { writeErrorMessage } from './outbound-message';

function unknownTransaction(services: CoreServices, inb: Inbound): Decision {
  return unsavedError(
    services,
    exchangeAddressing(inb),
    located('AttValNotRecog', 'The transaction is not known to this Payment Handler.', {
      elementType: 'TransId',
      iotpMsgRef: inb.inMsgId,
      attName: 'IotpTransId',
    }),
  );
}

/** A Cancel Block from the Consumer (profile §4.2). */
export async function handleCancel(
  services: CoreServices,
  inb: Inbound,
  block: CancelBlk,
): Promise<Decision> {
  const { state } = inb;
  if (state.status === 'Unknown') return unknownTransaction(services, inb);
  if (state.status !== 'Open') return ignored;
  const attempt = latestAttempt(state);
  if (!attempt || attempt.phase !== 'awaiting-exchange') {
    // The payment already ended: a Warning, so a completed payment is never presented as voided.
    const message = writeErrorMessage(
      services.writer,
      exchangeAddressing(inb),
      located(
        'ElUnexpected',
        'The payment has already ended; the cancellation changes nothing.',
        { elementType: 'CancelBlk', iotpMsgRef: inb.inMsgId, blkRef: block.id },
        'Warning',
      ),
    );
    return { kind: 'saved', message, events: [], received: true, sentInExchange: true };
  }
  const sent = block.status.completionCode;
  const code = sent === 'Unspecified' ? 'Unspecified' : 'ConsCancelled';
  const started = attempt.started;
  const result = await services.paymentApi.changeProcessState(started.bridgeId, {
    commandId: commandIdFor(inb, 'cancel'),
    payId: started.payId,
    iotpTransId: inb.iotpTransId,
    processState: 'Failed',
    completionCode: code,
  });
  if (!result.ok)
    services.logger.warn(
      { payId: started.payId, error: result.error },
      'recording the consumer cancel failed',
    );
  return {
    kind: 'saved',
    events: [{ type: 'TransactionCancelledByConsumer', payId: started.payId, completionCode: code }],
    received: true,
    sentInExchange: false,
  };
}

/** An Error Block from the Consumer: never answered with an error in a known transaction (iotp-messages §10.3). */
export async function handleErrorBlock(
  services: CoreServices,
  inb: Inbound,
  block: ErrorBlk,
): Promise<Decision> {
  const { state } = inb;
  if (state.status === 'Unknown') return unknownTransaction(services, inb);
  const hard = block.errorComps.find((c) => c.severity === 'HardError');
  if (state.status !== 'Open') return ignored;
  if (!hard) return { kind: 'saved', events: [], received: true, sentInExchange: false };
  const attempt = latestAttempt(state);
  if (attempt?.phase === 'awaiting-exchange' && attempt.started.bridgeId !== 'none') {
    const result = await services.paymentApi.changeProcessState(attempt.started.bridgeId, {
      commandId: commandIdFor(inb, 'consumer-error'),
      payId: attempt.started.payId,
      iotpTransId: inb.iotpTransId,
      processState: 'ProcessError',
    });
    if (!result.ok)
      services.logger.warn(
        { payId: attempt.started.payId, error: result.error },
        'closing after a consumer HardError failed',
      );
  }
  return {
    kind: 'saved',
    events: [
      {
        type: 'TransactionHardErrored',
        payId: attempt?.started.payId,
        errorComp: hard.element,
        sentByUs: false,
      },
    ],
    received: true,
    sentInExchange: false,
  };
}
