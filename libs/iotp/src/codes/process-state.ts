/** Status/@ProcessState (iotp-messages §7.2); a DTD enumeration. */
export const PROCESS_STATES = [
  'NotYetStarted',
  'InProgress',
  'CompletedOk',
  'Failed',
  'ProcessError',
] as const;
export type ProcessState = (typeof PROCESS_STATES)[number];

export const isProcessState = (v: string): v is ProcessState =>
  (PROCESS_STATES as readonly string[]).includes(v);
