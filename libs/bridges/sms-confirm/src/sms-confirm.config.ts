import { createHash } from 'node:crypto';

/** What the SMS confirmation bridge needs besides its operator (schemes.md §3.2, profile §3.6). */
export interface SmsConfirmConfig {
  /** Key of the reply codes and the MSISDN fingerprints kept in the payment's state (never in events). */
  readonly codeKey: Buffer;
  /** The originating address booked with the operator for the PH (S0). */
  readonly tpoa: string;
  /** Offer lifetime; profile §3.6: 600 s. */
  readonly ttlSecs: number;
  /** What SMS-Pending tells the wallet to wait between polls. */
  readonly pollAfterSecs: number;
}

/** The TPOA the bank simulator's operator has booked for the demo PH. */
export const DEMO_SMS_TPOA = 'IOTP-PH';

/** DEV ONLY: the key is derived from a public text, like every development key of the profile. */
export function demoSmsConfirmConfig(overrides: Partial<SmsConfirmConfig> = {}): SmsConfirmConfig {
  return {
    codeKey: createHash('sha256').update('IOTP profile 1.0 SMS reply-code key (DEV ONLY)').digest(),
    tpoa: DEMO_SMS_TPOA,
    ttlSecs: 600,
    pollAfterSecs: 2,
    ...overrides,
  };
}
