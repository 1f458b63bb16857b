/**
 * The PH's view of the clearing bank of the hash/secret scheme (seed 002 M8/M9, profile §3.3.6).
 * Binary values travel as lower-case hex so the same shape serves the HTTP adapter and an in-process bank.
 */
export interface ClearingRequest {
  /** Merchant OrgId, lower-cased. */
  readonly M: string;
  readonly C: string;
  readonly t: string;
  readonly y: string;
  /** Minimal-form amount and currency (profile §3.2). */
  readonly u: string;
  readonly cur: string;
  readonly nC: string;
  readonly pi: string;
  /** Merchant authentication [PROFILE-EXT], see clearing-request-mac.ts. */
  readonly mac: string;
}

export type ClearingStatus = 'CompletedOk' | 'InsuffFunds';
export type ClearingRejection = 'BadPi' | 'PiReplayed' | 'MerchantAuth';

export type ClearingResult =
  /** Steps 4–5 of §3.3.6: A_B = MAC_K_CB("ack", π, status), balance after the step (minimal form). */
  | {
      readonly outcome: 'answered';
      readonly status: ClearingStatus;
      readonly AB: string;
      readonly balance: string;
      readonly cur: string;
    }
  /** Steps 1–3: nothing was booked and nothing stored. */
  | { readonly outcome: 'rejected'; readonly reason: ClearingRejection };

export interface ClearingBank {
  /** Resolves with the bank's answer; rejects with ClearingUnavailableError when the bank cannot be asked. */
  clear(request: ClearingRequest): Promise<ClearingResult>;
}

export const CLEARING_BANK = Symbol('CLEARING_BANK');

/** The bank is unreachable, timed out or answered something unusable; an identical retry is safe. */
export class ClearingUnavailableError extends Error {
  readonly kind = 'ClearingUnavailable';
  constructor(
    message: string,
    /** The request went out and no answer came in time: the bank may have booked it. */
    readonly maybeDelivered = false,
  ) {
    super(message);
    this.name = 'ClearingUnavailableError';
  }
}
