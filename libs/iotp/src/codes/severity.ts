/** ErrorComp/@Severity (iotp-messages §8.2); a DTD enumeration, so no `x-` extension. */
export const SEVERITIES = ['Warning', 'TransientError', 'HardError'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Several Error Components in one message: the receiver acts on the highest severity. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  Warning: 0,
  TransientError: 1,
  HardError: 2,
};

export const isSeverity = (v: string): v is Severity => (SEVERITIES as readonly string[]).includes(v);
