import type { ProcessState } from '@ph/payment-api';
import type { PaymentCommandType } from './commands';

/**
 * From which states each command may act (payment-api §3.3, P1–P20), written once and checked for
 * completeness by the compiler. States outside the list get the answer named in `refusedWith`.
 */
export const ALLOWED_FROM = {
  StartPayment: ['NotYetStarted'], // P3–P5 (a repeated start of the same payment is a reissue, §4)
  ContinuePayment: ['InProgress'], // P6–P8; P9 otherwise
  ResumePayment: ['Suspended'], // P12–P13; P14/P19 otherwise
  SuspendPayment: ['NotYetStarted', 'InProgress'], // P11
  ChangeProcessState: ['NotYetStarted', 'InProgress', 'Suspended'], // P11, P15–P17; P18 for final states
  RemovePaymentLog: ['CompletedOk', 'Failed', 'ProcessError'], // P20 [IMPL]
} as const satisfies Record<PaymentCommandType, readonly ProcessState[]>;

export const isAllowedFrom = (command: PaymentCommandType, state: ProcessState): boolean =>
  (ALLOWED_FROM[command] as readonly ProcessState[]).includes(state);

/** CompletedOk, Failed and ProcessError never change again (§3.1). */
export const isFinal = (s: ProcessState): boolean =>
  s === 'CompletedOk' || s === 'Failed' || s === 'ProcessError';

/** Suspended is internal to the API: the counter party (Consumer) is told InProgress (§3.1, §3.6). */
export const reportedState = (state: ProcessState): ProcessState =>
  state === 'Suspended' ? 'InProgress' : state;

/** Pending = started and not final: these block nothing but are listed by InquirePendingPayment. */
export const isPending = (state: ProcessState): boolean => state === 'InProgress' || state === 'Suspended';
