import type { CallType, ChangeProcessStateResponse, IotpPaymentApiResponse } from '@ph/payment-api';
import { busErrorResponse, errorResponseOf } from './api-answers';
import type { PaymentCommandType } from './commands';
import type { Rejection } from './rejection';
import type { PaymentTransactionState, RecordedReply } from './state';

/** The Payment API call each command answers. */
export const CALL_OF_COMMAND: Readonly<Record<PaymentCommandType, CallType>> = {
  StartPayment: 'StartPaymentPaymentHandler',
  ContinuePayment: 'ContinueProcess',
  ResumePayment: 'ResumePaymentPaymentHandler',
  SuspendPayment: 'ChangeProcessState',
  ChangeProcessState: 'ChangeProcessState',
  RemovePaymentLog: 'RemovePaymentLog',
};

/**
 * The Payment API response to a command already applied to the stream: a pure function of the
 * stream, so a retransmission gets the identical answer. undefined if the command is not in it.
 */
export function replyFor(
  state: PaymentTransactionState,
  commandId: string,
): IotpPaymentApiResponse | undefined {
  const reply = state.handled[commandId];
  return reply && responseForReply(state.payId ?? '', reply);
}

/** The response for a recorded reply (or the `replay` of a Decision). */
export function responseForReply(payId: string, reply: RecordedReply): IotpPaymentApiResponse {
  const call = CALL_OF_COMMAND[reply.command];
  // A refusal changed the payment (Failed) but the call itself is answered with BusError (§4):
  // the AppCore then asks Inquire Process State, whose state and CompletionCode say why.
  if (reply.error) return { ErrorResponse: busErrorResponse(call, payId, reply.error.desc) };
  if (reply.suspended) {
    // Suspended is internal to the API: the caller hears "busy, come back" and resumes later (§7.9).
    return {
      ErrorResponse: errorResponseOf(
        'SystemBusy',
        `System busy. ${reply.suspended.reason}; the payment is suspended and resumes on the next attempt.`,
        'TransientError',
        call,
        {},
        reply.suspended.minRetrySecs,
      ),
    };
  }
  switch (reply.command) {
    case 'StartPayment':
    case 'ContinuePayment':
    case 'ResumePayment':
      return {
        response: {
          call: call as 'StartPaymentPaymentHandler' | 'ContinueProcess' | 'ResumePaymentPaymentHandler',
          ContStatus: reply.contStatus ?? 'End',
          ...(reply.schemeOut && reply.schemeOut.length > 0 && { PaySchemePackagedContent: reply.schemeOut }),
        },
      };
    case 'SuspendPayment':
    case 'ChangeProcessState':
      return { response: changeProcessStateResponse(reply) };
    case 'RemovePaymentLog':
      return { response: { call: 'RemovePaymentLog' } };
  }
}

function changeProcessStateResponse(reply: RecordedReply): ChangeProcessStateResponse {
  return {
    call: 'ChangeProcessState',
    ProcessState: reply.processState,
    ...(reply.processState === 'CompletedOk' && { PercentComplete: '100' }),
    ...(reply.completionCode !== undefined && { CompletionCode: reply.completionCode }),
    ...(reply.statusDesc !== undefined && { StatusDesc: reply.statusDesc }),
  };
}

/** The ErrorResponse for a rejected command (nothing was appended). */
export function rejectionResponse(rejection: Rejection, call: CallType): IotpPaymentApiResponse {
  const where = { attName: rejection.attName, elementRef: rejection.elementRef };
  return {
    ErrorResponse: errorResponseOf(
      rejection.errorCode,
      rejection.desc,
      rejection.severity,
      call,
      where,
      rejection.minRetrySecs,
    ),
  };
}
