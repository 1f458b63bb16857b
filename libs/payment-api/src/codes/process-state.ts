/** payment-api §3.1: the six process states seen at the AppCore ↔ IPB interface. */
export const PROCESS_STATES = [
  'NotYetStarted',
  'InProgress',
  'Suspended',
  'CompletedOk',
  'Failed',
  'ProcessError',
] as const;
export type ProcessState = (typeof PROCESS_STATES)[number];

export const FINAL_PROCESS_STATES = ['CompletedOk', 'Failed', 'ProcessError'] as const;
export type FinalState = (typeof FINAL_PROCESS_STATES)[number];

/** CompletedOk, Failed and ProcessError never change again (-01 added CompletedOk; §12 #21). */
export const isFinalProcessState = (s: ProcessState): s is FinalState =>
  s === 'CompletedOk' || s === 'Failed' || s === 'ProcessError';

/** Suspended exists only inside the API: the counter party is told InProgress (§3.6). */
export const reportedToCounterParty = (s: ProcessState): Exclude<ProcessState, 'Suspended'> =>
  s === 'Suspended' ? 'InProgress' : s;
