import { isUserDefinedCode } from './user-defined-code';

/** Status/@StatusType (iotp-messages §7.1); IANA controlled, so `x-…` values are legal too. */
export const STATUS_TYPES = ['Offer', 'Payment', 'Delivery', 'Authentication', 'Undefined'] as const;
export type KnownStatusType = (typeof STATUS_TYPES)[number];
export type StatusType = KnownStatusType | `x-${string}` | `X-${string}`;

/** RFC 2801 §12.1 writes `Unidentified` for `Undefined` (register #17): accepted on input only. */
export const normaliseStatusType = (v: string): string => (v === 'Unidentified' ? 'Undefined' : v);

export const isStatusType = (v: string): v is StatusType =>
  (STATUS_TYPES as readonly string[]).includes(v) || isUserDefinedCode(v);
