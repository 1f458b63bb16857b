/**
 * The PH's view of the SMS operator (SMSC) of schemes.md §3.2: it sends mobile-terminated messages from
 * the PH's booked originating address (TPOA) and keeps the mobile-originated replies routed to it.
 */
export interface OutgoingSms {
  /** The TPOA booked for the PH (S0). */
  readonly from: string;
  /** E.164 MSISDN. */
  readonly to: string;
  readonly text: string;
  /** Idempotency key: a resend with the same clientRef sends nothing new (the offerRef). */
  readonly clientRef: string;
}

export interface InboundSms {
  /** Operator message id (unique; duplicates of one reply share it). */
  readonly messageId: string;
  readonly from: string;
  readonly text: string;
  /** ISO 8601. */
  readonly receivedAt: string;
}

export interface SmsOperator {
  /** Resolves with the operator's message id; rejects with SmsOperatorUnavailableError. */
  send(sms: OutgoingSms): Promise<{ readonly messageId: string }>;
  /** Replies addressed to `tpoa` received at or after `since`; rejects with SmsOperatorUnavailableError. */
  inbox(tpoa: string, since: Date): Promise<readonly InboundSms[]>;
}

/** The operator is unreachable, slow, refused the TPOA or answered something unusable; retrying is safe. */
export class SmsOperatorUnavailableError extends Error {
  readonly kind = 'SmsOperatorUnavailable';
  constructor(
    message: string,
    /** The request went out and no answer came in time: the offer may have reached the phone. */
    readonly maybeDelivered = false,
  ) {
    super(message);
    this.name = 'SmsOperatorUnavailableError';
  }
}
