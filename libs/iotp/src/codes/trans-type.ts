import { isUserDefinedCode } from './user-defined-code';

/** TransId/@IotpTransType (iotp-messages §2.3); IANA controlled. */
export const IOTP_TRANS_TYPES = [
  'BaselineAuthentication',
  'BaselineDeposit',
  'BaselinePurchase',
  'BaselineRefund',
  'BaselineWithdrawal',
  'BaselineValueExchange',
  'BaselineInquiry',
  'BaselinePing',
] as const;
export type KnownIotpTransType = (typeof IOTP_TRANS_TYPES)[number];
export type IotpTransType = KnownIotpTransType | `x-${string}` | `X-${string}`;

/** Used in a new TransId when the inbound type could not be read (iotp-messages register #5). */
export const UNKNOWN_TRANS_TYPE = 'x-iotp-unknown';

export const isIotpTransType = (v: string): v is IotpTransType =>
  (IOTP_TRANS_TYPES as readonly string[]).includes(v) || isUserDefinedCode(v);
