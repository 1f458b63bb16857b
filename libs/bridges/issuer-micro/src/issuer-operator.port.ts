import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The merchant POS ↔ Issuer Operator protocol of schemes.md §4.2, D1/D2. Amounts in minimal form
 * (sub-cent allowed); the card is named by its token (cardRef), never by a PAN.
 */
export interface MicroAuthRequest {
  readonly merchantId: string;
  /** Unique per merchant: the PaymentHandlerPayId, so a retry is the same transaction. */
  readonly merchantTxnId: string;
  readonly cardRef: string;
  readonly amount: string;
  readonly currency: string;
  readonly productId: string;
  /** ISO 8601; not part of the idempotency key (a retry is sent later). */
  readonly timestamp: string;
  /** MAC_K_MIO over the fields above (hex). */
  readonly mac: string;
}

export type MicroDeclineReason =
  | 'InsufficientBalance'
  | 'DailyLimitReached'
  | 'OverPaymentLimit'
  | 'UnknownCard'
  | 'CardBlocked'
  | 'CurrencyMismatch'
  | 'DuplicateTxn';

export interface MicroAuthResponse {
  readonly merchantTxnId: string;
  readonly result: 'approved' | 'declined';
  readonly authId: string;
  /** Only with declined. */
  readonly reason?: MicroDeclineReason;
  /** What this card may still spend in micro-payments today (minimal form). */
  readonly remaining: string;
  readonly mac: string;
}

export interface IssuerOperator {
  /** Resolves with the issuer's answer; rejects with IssuerUnavailableError. */
  microAuth(request: MicroAuthRequest): Promise<MicroAuthResponse>;
}

/** The issuer is unreachable, slow, refused our MAC or answered something unusable; retrying is safe. */
export class IssuerUnavailableError extends Error {
  readonly kind = 'IssuerUnavailable';
  constructor(
    message: string,
    /** The request went out and no answer came in time: the issuer may have debited the card. */
    readonly maybeDelivered = false,
  ) {
    super(message);
    this.name = 'IssuerUnavailableError';
  }
}

function mac(key: Buffer, fields: readonly string[]): string {
  const h = createHmac('sha256', key);
  for (const f of fields) {
    const bytes = Buffer.from(f, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    h.update(len).update(bytes);
  }
  return h.digest('hex');
}

const requestFields = (q: Omit<MicroAuthRequest, 'mac'>) => [
  'microauth',
  q.merchantId,
  q.merchantTxnId,
  q.cardRef,
  q.amount,
  q.currency,
  q.productId,
  q.timestamp,
];
const responseFields = (r: Omit<MicroAuthResponse, 'mac'>) => [
  'microauthres',
  r.merchantTxnId,
  r.result,
  r.authId,
  r.reason ?? '',
  r.remaining,
];

function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b.toLowerCase(), 'hex');
  return x.length === 32 && x.length === y.length && timingSafeEqual(x, y);
}

export const signMicroAuthRequest = (kmio: Buffer, q: Omit<MicroAuthRequest, 'mac'>): MicroAuthRequest => ({
  ...q,
  mac: mac(kmio, requestFields(q)),
});
export const verifyMicroAuthRequest = (kmio: Buffer, q: MicroAuthRequest): boolean =>
  /^[0-9a-fA-F]{64}$/.test(q.mac) && equalHex(mac(kmio, requestFields(q)), q.mac);
export const signMicroAuthResponse = (
  kmio: Buffer,
  r: Omit<MicroAuthResponse, 'mac'>,
): MicroAuthResponse => ({
  ...r,
  mac: mac(kmio, responseFields(r)),
});
export const verifyMicroAuthResponse = (kmio: Buffer, r: MicroAuthResponse): boolean =>
  /^[0-9a-fA-F]{64}$/.test(r.mac) && equalHex(mac(kmio, responseFields(r)), r.mac);
