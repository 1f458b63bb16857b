import type { PaymentCommandType } from './commands';
import type { PaymentEvent } from './events';
import type { PaymentTransactionState, RecordedReply } from './state';

/** Applies one event. Pure; every event type has its case (no default that would swallow a new one). */
export function evolve(state: PaymentTransactionState, event: PaymentEvent): PaymentTransactionState {
  const s = apply(state, event);
  return {
    ...s,
    handled: { ...s.handled, [event.commandId]: recordReply(s, state.handled[event.commandId], event) },
  };
}

function apply(s: PaymentTransactionState, e: PaymentEvent): PaymentTransactionState {
  switch (e.type) {
    case 'PaymentStarted':
      // P1+P2 in one step: the record exists and processing has started.
      return {
        ...s,
        exists: true,
        payId: e.context.payId,
        context: e.context,
        startCommandId: e.commandId,
        processState: 'InProgress',
      };
    case 'SchemeMessageReceived':
      return { ...s, messageCount: e.sequence, received: [...s.received, ...e.messages] };
    case 'SchemeMessageSent':
      return { ...s, messageCount: e.sequence, sent: [...s.sent, ...e.messages], bridgeState: e.bridgeState };
    case 'PaymentSuspended':
      return {
        ...s,
        processState: 'Suspended',
        statusDesc: e.reason,
        bridgeState: e.bridgeState ?? s.bridgeState,
      };
    case 'PaymentResumed':
      return { ...s, processState: 'InProgress' };
    case 'PaymentCompleted':
      return {
        ...s,
        processState: 'CompletedOk',
        completionCode: e.completionCode,
        statusDesc: e.statusDesc,
        receiptNameRefs: e.receiptNameRefs,
        notes: e.notes,
      };
    case 'PaymentFailed':
      return {
        ...s,
        processState: 'Failed',
        completionCode: e.completionCode,
        statusDesc: e.statusDesc,
        notes: e.notes,
      };
    case 'ProcessErrorRaised':
      return { ...s, processState: 'ProcessError', statusDesc: e.statusDesc };
    case 'ProcessStateChangeDeclined':
      return s;
    case 'PaymentLogRemoved':
      return { ...s, removed: true };
  }
}

const COMMAND_OF_EVENT: Readonly<Partial<Record<PaymentEvent['type'], PaymentCommandType>>> = {
  PaymentStarted: 'StartPayment',
  PaymentResumed: 'ResumePayment',
  PaymentLogRemoved: 'RemovePaymentLog',
};

/** Folds the event into the reply of the command that caused it (events of one command come in order). */
function recordReply(
  after: PaymentTransactionState,
  prev: RecordedReply | undefined,
  e: PaymentEvent,
): RecordedReply {
  const command: PaymentCommandType =
    prev?.command ??
    COMMAND_OF_EVENT[e.type] ??
    (e.type === 'SchemeMessageReceived'
      ? e.command
      : e.type === 'PaymentSuspended'
        ? 'SuspendPayment'
        : 'ChangeProcessState');
  // A re-executed call (a Resume reissued after a suspension) starts its answer afresh.
  const { suspended: _wasSuspended, ...earlier } = prev ?? ({} as Partial<RecordedReply>);
  const base: RecordedReply = {
    ...earlier,
    command,
    processState: after.processState,
    completionCode: after.completionCode,
    statusDesc: after.statusDesc,
  };
  const answersScheme =
    command === 'StartPayment' || command === 'ContinuePayment' || command === 'ResumePayment';
  switch (e.type) {
    case 'PaymentSuspended':
      return e.retryAfterSecs === undefined
        ? base
        : {
            ...base,
            suspended: { reason: e.reason, minRetrySecs: e.retryAfterSecs },
            suspensions: (prev?.suspensions ?? 0) + 1,
          };
    case 'SchemeMessageSent':
      return { ...base, contStatus: e.contStatus, schemeOut: e.messages };
    case 'PaymentCompleted':
    case 'ProcessErrorRaised':
      return answersScheme ? { ...base, contStatus: 'End', schemeOut: base.schemeOut ?? [] } : base;
    case 'PaymentFailed':
      if (e.how === 'refused')
        return { ...base, error: { errorCode: 'BusError', desc: `Business Error. ${e.statusDesc}` } };
      return answersScheme ? { ...base, contStatus: 'End', schemeOut: base.schemeOut ?? [] } : base;
    default:
      return base;
  }
}
