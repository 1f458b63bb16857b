import { asErrorCode, wireCompletionCode as normalizeCompletionCode } from './api-answers';
import type { SchemeMessageDigest } from '../digest';
import type { SchemeOutcome } from '../scheme-outcome';
import type { ChangeProcessState, PaymentCommand, PaymentCommandType, PaymentStartContext } from './commands';
import type { PaymentEvent } from './events';
import { busError, unknownPayment, type Rejection } from './rejection';
import type { PaymentTransactionState, RecordedReply } from './state';
import { isAllowedFrom, isFinal } from './transitions';

/**
 * The outcome of `decide`: events to append, or a rejection (nothing appended, answered with an
 * ErrorResponse). `replay` is set when nothing is to be appended but the call has an answer: a
 * command already in the stream (its recorded reply) or a ChangeProcessState on a final payment (P18).
 */
export type Decision =
  | {
      readonly events: readonly PaymentEvent[];
      readonly replay?: RecordedReply;
      /** >0 when a call that ended in a suspension runs again: its events need fresh ids (toNewEvents). */
      readonly attempt?: number;
    }
  | { readonly rejection: Rejection };

/** What `precheck` needs: the command without the bridge's outcome. */
export interface PrecheckInput {
  readonly type: PaymentCommandType;
  readonly commandId: string;
  readonly context?: PaymentStartContext;
}

/**
 * Everything decided by the state alone. The worker calls it BEFORE calling the bridge, so a
 * redelivered or reissued command never reaches the scheme twice (no double charge) and a
 * ContinueProcess on a suspended payment never reaches it at all. `undefined` = call the bridge.
 */
export function precheck(state: PaymentTransactionState, cmd: PrecheckInput): Decision | undefined {
  const recorded = state.handled[cmd.commandId];
  if (recorded && !recorded.suspended) return { events: [], replay: recorded };
  if (recorded && cmd.type !== 'ResumePayment') {
    // A reissued Start/Continue that had ended in a suspension: only a Resume leaves it (P9, P14);
    // the AppCore asks Inquire Process State and resumes, or finds the payment decided meanwhile.
    return {
      rejection: busError(
        state.payId,
        state.processState === 'Suspended' ? 'Payment is suspended; resume it.' : 'Payment is not pending.',
      ),
    };
  }
  if (!state.exists) return cmd.type === 'StartPayment' ? undefined : { rejection: unknownPayment }; // P10
  if (state.removed) {
    // The log is purgeable: the payment is no longer known; removing it again changes nothing.
    return cmd.type === 'RemovePaymentLog'
      ? { events: [], replay: stateReply(state, cmd.type) }
      : { rejection: unknownPayment };
  }
  switch (cmd.type) {
    case 'StartPayment':
      return reissuedStart(state, cmd.context);
    case 'ContinuePayment':
      return isAllowedFrom(cmd.type, state.processState)
        ? undefined
        : { rejection: busError(state.payId, 'Payment is not pending.') }; // P9
    case 'ResumePayment':
      return isAllowedFrom(cmd.type, state.processState)
        ? undefined
        : { rejection: busError(state.payId, 'Payment is not suspended.') }; // P14, P19
    case 'SuspendPayment':
    case 'ChangeProcessState':
      // P18: a final state never changes and this is not an error: answer with the unchanged state.
      return isFinal(state.processState) ? { events: [], replay: stateReply(state, cmd.type) } : undefined;
    case 'RemovePaymentLog':
      return isAllowedFrom(cmd.type, state.processState)
        ? undefined
        : { rejection: busError(state.payId, 'Payment is not finished; its log is kept for resumption.') }; // P20
  }
}

/** Pure: the events a command produces in this state, given the bridge's outcome it carries. */
export function decide(state: PaymentTransactionState, cmd: PaymentCommand): Decision {
  const early = precheck(state, cmd.type === 'StartPayment' ? { ...cmd } : cmd);
  if (early) return early;
  const decided = decideFresh(state, cmd);
  const attempt = state.handled[cmd.commandId]?.suspensions ?? 0;
  return attempt > 0 && 'events' in decided ? { ...decided, attempt } : decided;
}

function decideFresh(state: PaymentTransactionState, cmd: PaymentCommand): Decision {
  let seq = state.messageCount;
  const received = (messages: readonly SchemeMessageDigest[]): PaymentEvent => ({
    type: 'SchemeMessageReceived',
    commandId: cmd.commandId,
    command: cmd.type,
    sequence: ++seq,
    messages,
  });
  switch (cmd.type) {
    case 'StartPayment': {
      const head: PaymentEvent[] = [
        { type: 'PaymentStarted', commandId: cmd.commandId, context: cmd.context },
      ];
      if (cmd.schemeIn.length > 0) head.push(received(cmd.schemeIn));
      return withOutcome(head, cmd.commandId, cmd.outcome, () => ++seq);
    }
    case 'ContinuePayment':
      // Always recorded, even without digests, so the reply is known to be a ContinueProcess answer.
      return withOutcome([received(cmd.schemeIn)], cmd.commandId, cmd.outcome, () => ++seq);
    case 'ResumePayment': {
      const head: PaymentEvent[] = [{ type: 'PaymentResumed', commandId: cmd.commandId }];
      if (cmd.schemeIn && cmd.schemeIn.length > 0) head.push(received(cmd.schemeIn));
      return withOutcome(head, cmd.commandId, cmd.outcome, () => ++seq);
    }
    case 'SuspendPayment':
      return { events: [{ type: 'PaymentSuspended', commandId: cmd.commandId, reason: cmd.reason }] }; // P11
    case 'ChangeProcessState':
      return changeProcessState(state, cmd);
    case 'RemovePaymentLog':
      return { events: [{ type: 'PaymentLogRemoved', commandId: cmd.commandId }] };
  }
}

/** A StartPayment for a payment that exists: the AppCore's reissue (same facts) or a clash of ids. */
function reissuedStart(state: PaymentTransactionState, context: PaymentStartContext | undefined): Decision {
  if (context && state.context && sameContext(context, state.context) && state.startCommandId) {
    return { events: [], replay: state.handled[state.startCommandId] };
  }
  return {
    rejection: {
      ...busError(state.payId, 'PaymentHandlerPayId is already used by a different payment.'),
      attName: 'PaymentHandlerPayId',
    },
  };
}

function sameContext(a: PaymentStartContext, b: PaymentStartContext): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof PaymentStartContext)[]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** P11, P15–P17 for a non-final payment (final ones were answered by precheck, P18). */
function changeProcessState(state: PaymentTransactionState, cmd: ChangeProcessState): Decision {
  const declined: Decision = {
    events: [
      {
        type: 'ProcessStateChangeDeclined',
        commandId: cmd.commandId,
        requested: cmd.target,
        actual: state.processState,
      },
    ],
  };
  switch (cmd.target) {
    case 'Suspended':
      if (state.processState === 'Suspended') return declined;
      return {
        events: [
          {
            type: 'PaymentSuspended',
            commandId: cmd.commandId,
            reason: cmd.statusDesc ?? 'Suspended by the AppCore',
          },
        ],
      };
    case 'Failed':
      if (!cmd.completionCode) {
        return {
          rejection: {
            errorCode: 'AttMissing',
            severity: 'HardError',
            desc: 'Attribute missing. CompletionCode is required with ProcessState Failed.',
            attName: 'CompletionCode',
          },
        };
      }
      return {
        events: [
          {
            type: 'PaymentFailed',
            commandId: cmd.commandId,
            completionCode: normalizeCompletionCode(cmd.completionCode),
            statusDesc: cmd.statusDesc ?? 'Closed by the AppCore',
            how: 'changeProcessState',
            notes: [],
          },
        ],
      };
    case 'ProcessError':
      return {
        events: [
          {
            type: 'ProcessErrorRaised',
            commandId: cmd.commandId,
            statusDesc: cmd.statusDesc ?? 'Aborted by the AppCore',
            how: 'changeProcessState',
          },
        ],
      };
    // P17: only the scheme completes a payment (that makes it final at once); otherwise the
    // real state is returned. NotYetStarted/InProgress are not set by CPS either [IMPL].
    case 'CompletedOk':
    case 'InProgress':
    case 'NotYetStarted':
      return declined;
  }
}

/** Turns the bridge's outcome into events (after `head`), or a rejection that leaves the stream as is. */
function withOutcome(
  head: PaymentEvent[],
  commandId: string,
  outcome: SchemeOutcome,
  nextSeq: () => number,
): Decision {
  switch (outcome.kind) {
    case 'continue':
      if (outcome.schemeOut.length === 0) {
        // A Continue answer must carry scheme data (§7.7); a bridge that breaks this is a bug.
        return {
          rejection: {
            errorCode: 'UnknownError',
            severity: 'HardError',
            desc: 'The payment bridge returned Continue without scheme data.',
          },
        };
      }
      return {
        events: [
          ...head,
          {
            type: 'SchemeMessageSent',
            commandId,
            sequence: nextSeq(),
            contStatus: 'Continue',
            messages: outcome.schemeOut,
            bridgeState: outcome.state,
          },
        ],
      };
    case 'end': {
      const events = [...head];
      if (outcome.schemeOut.length > 0) {
        events.push({
          type: 'SchemeMessageSent',
          commandId,
          sequence: nextSeq(),
          contStatus: 'End',
          messages: outcome.schemeOut,
          bridgeState: outcome.state,
        });
      }
      const notes = outcome.notes ?? [];
      if (outcome.processState === 'CompletedOk') {
        events.push({
          type: 'PaymentCompleted',
          commandId,
          ...(outcome.completionCode !== undefined && { completionCode: outcome.completionCode }),
          statusDesc: outcome.statusDesc,
          receiptNameRefs: outcome.receiptNameRefs ?? [],
          notes,
        });
      } else if (outcome.processState === 'Failed') {
        // CompletionCode is required with Failed (§2.5); Unspecified is the code for "anything else".
        const completionCode = normalizeCompletionCode(outcome.completionCode ?? 'Unspecified');
        events.push({
          type: 'PaymentFailed',
          commandId,
          completionCode,
          statusDesc: outcome.statusDesc,
          how: 'scheme',
          notes,
        });
      } else {
        events.push({ type: 'ProcessErrorRaised', commandId, statusDesc: outcome.statusDesc, how: 'scheme' });
      }
      return { events };
    }
    case 'refuse':
      return {
        events: [
          ...head,
          {
            type: 'PaymentFailed',
            commandId,
            completionCode: normalizeCompletionCode(outcome.completionCode),
            statusDesc: outcome.statusDesc,
            how: 'refused',
            notes: [],
          },
        ],
      };
    case 'reject':
      return {
        rejection: {
          errorCode: asErrorCode(outcome.errorCode),
          severity: outcome.severity,
          desc: outcome.errorDesc,
          ...(outcome.attName !== undefined && { attName: outcome.attName }),
          ...(outcome.elementRef !== undefined && { elementRef: outcome.elementRef }),
        },
      };
    case 'suspend':
      return {
        events: [
          ...head,
          {
            type: 'PaymentSuspended',
            commandId,
            reason: outcome.reason,
            bridgeState: outcome.state,
            retryAfterSecs: outcome.minRetrySecs,
          },
        ],
      };
    case 'transient':
      return {
        rejection: {
          errorCode: outcome.errorCode,
          severity: 'TransientError',
          desc: outcome.errorDesc,
          minRetrySecs: outcome.minRetrySecs,
        },
      };
  }
}

/** The answer to a call that leaves the payment as it is. */
export function stateReply(state: PaymentTransactionState, command: PaymentCommandType): RecordedReply {
  return {
    command,
    processState: state.processState,
    ...(state.completionCode !== undefined && { completionCode: state.completionCode }),
    ...(state.statusDesc !== undefined && { statusDesc: state.statusDesc }),
  };
}
