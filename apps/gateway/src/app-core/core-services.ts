import { commandIdFor } from './decision';
import type { Logger } from '@ph/platform';
import { wireError, type ErrorCode, type IotpWireError, type Severity } from '@ph/iotp';
import type { MerchantRegistry } from '../config/merchant-registry';
import type { PhConfig } from '../config/ph-config';
import type { IotpTransactionEvent } from '../transaction/iotp-transaction.events';
import {
  exchangePrefix,
  latestAttempt,
  type IotpTransactionState,
} from '../transaction/iotp-transaction.state';
import type { BrandRouting } from './brand-routing';
import type { Decision, Inbound } from './decision';
import { writeErrorMessage, type Addressing, type MessageWriter } from './outbound-message';
import type { ApiError, PaymentApiClient } from './payment-api-client';

/** What every block handler of the Application Core works with. */
export interface CoreServices {
  readonly paymentApi: PaymentApiClient;
  readonly registry: MerchantRegistry;
  readonly routing: BrandRouting;
  readonly config: PhConfig;
  readonly writer: MessageWriter;
  readonly payIdKey: Buffer;
  readonly logger: Logger;
}

/** Addressing of the next message in the payment exchange (prefix P…, profile §4.5). */
export function exchangeAddressing(inb: Inbound, prefix?: string, senderTradingRoleRef?: string): Addressing {
  const attempt = latestAttempt(inb.state);
  return {
    transId: inb.msg.transRef.transId.element,
    inMsgId: inb.inMsgId,
    prefix: prefix ?? exchangePrefix(inb.state),
    number: inb.state.lastExchangeNumber + 1,
    senderTradingRoleRef: senderTradingRoleRef ?? attempt?.started.phTradingRoleId,
  };
}

export function located(
  code: ErrorCode,
  detail: string,
  location: IotpWireError['location'],
  severity?: Severity,
  packagedContent?: string,
): IotpWireError {
  return wireError(code, detail, location, packagedContent, severity);
}

/** An Error Block that changes nothing: unknown transactions, envelope faults, warnings. */
export function unsavedError(
  services: CoreServices,
  to: Addressing,
  error: IotpWireError,
  minRetrySecs?: number,
): Decision {
  return { kind: 'unsaved', message: writeErrorMessage(services.writer, to, error, minRetrySecs) };
}

/** SystemBusy: the retry (a retransmission) is processed afresh (profile §1.3, §1.6). */
export function systemBusy(
  services: CoreServices,
  inb: Inbound,
  to: Addressing,
  detail: string,
  secs = 5,
): Decision {
  return unsavedError(
    services,
    to,
    located('SystemBusy', detail, { elementType: 'IotpMessage', iotpMsgRef: inb.inMsgId }, 'TransientError'),
    secs,
  );
}

/**
 * A HardError sent in a known transaction ends it (profile §3.3.5, §4.1): the transaction becomes
 * HardErrored and a payment still running is closed with ProcessError.
 */
export async function hardErrorInKnownTransaction(
  services: CoreServices,
  inb: Inbound,
  to: Addressing,
  error: IotpWireError,
  extraEvents: readonly IotpTransactionEvent[] = [],
): Promise<Decision> {
  const message = writeErrorMessage(services.writer, to, error);
  const attempt = latestAttempt(inb.state);
  const running = attempt?.phase === 'awaiting-exchange' && attempt.started.bridgeId !== 'none';
  if (running && attempt) {
    const result = await services.paymentApi.changeProcessState(attempt.started.bridgeId, {
      commandId: commandIdFor(inb, 'cps-process-error'),
      payId: attempt.started.payId,
      iotpTransId: inb.iotpTransId,
      processState: 'ProcessError',
    });
    if (!result.ok)
      services.logger.warn(
        { payId: attempt.started.payId, error: result.error },
        'ChangeProcessState(ProcessError) failed',
      );
  }
  return {
    kind: 'saved',
    message,
    events: [
      ...extraEvents,
      {
        type: 'TransactionHardErrored',
        payId: attempt?.started.payId,
        errorComp: message.errorComp,
        sentByUs: true,
      },
    ],
    received: true,
    sentInExchange: true,
  };
}

/** Either a hard error that ends a known transaction or an unsaved one for an unknown transaction. */
export function refuseMessage(
  services: CoreServices,
  inb: Inbound,
  to: Addressing,
  error: IotpWireError,
): Promise<Decision> | Decision {
  const known = inb.state.status !== 'Unknown';
  if (known && error.severity === 'HardError') return hardErrorInKnownTransaction(services, inb, to, error);
  return unsavedError(services, to, error);
}

/** The bridge's ErrorResponse as an IOTP error located in the Consumer's PaySchemeData (payment-api §2.3). */
export function apiErrorToWire(
  error: ApiError,
  inb: Inbound,
  where: { readonly blkRef: string; readonly compRef?: string },
): IotpWireError {
  // payment-api §6.2: BusError is never forwarded; codes only the API knows become UnknownError.
  const code = (
    [
      'EncapProtErr',
      'ElInconsistent',
      'AttValNotRecog',
      'AttValIllegal',
      'AttMissing',
      'ValueTooLarge',
      'ValueTooSmall',
      'SystemBusy',
    ].includes(error.errorCode)
      ? error.errorCode
      : 'UnknownError'
  ) as ErrorCode;
  const severity: Severity =
    error.severity === 'TransientError'
      ? 'TransientError'
      : error.severity === 'Warning'
        ? 'Warning'
        : 'HardError';
  return located(
    code,
    error.errorDesc,
    {
      elementType: error.elementRef || error.attName ? 'PaySchemeData' : 'PackagedContent',
      iotpMsgRef: inb.inMsgId,
      blkRef: where.blkRef,
      compRef: where.compRef,
      elementRef: error.elementRef,
      attName: error.attName,
    },
    severity,
  );
}

export function isTerminal(state: IotpTransactionState): boolean {
  return state.status === 'Cancelled' || state.status === 'HardErrored';
}
