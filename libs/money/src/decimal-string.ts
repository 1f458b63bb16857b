import Decimal from 'decimal.js';

/** IOTP Amount attribute syntax (profile §2.3 check 8): digits, optionally a point and digits. */
const IOTP_AMOUNT = /^[0-9]+(\.[0-9]+)?$/;
/** Longest amount we accept, to bound work on hostile input (RFC 3867 recommends 11). */
const MAX_AMOUNT_LENGTH = 32;

export function isIotpAmount(text: string): boolean {
  return text.length <= MAX_AMOUNT_LENGTH && IOTP_AMOUNT.test(text);
}

/**
 * Minimal decimal form of profile §3.2: no leading zeros in the integer part ('0' if empty), no
 * trailing zeros in the fraction, no point if the fraction is empty. '12.50' → '12.5', '012.00' → '12'.
 * Works on the text itself so no precision can be lost.
 */
export function minimalDecimal(text: string): string {
  if (!isIotpAmount(text)) throw new RangeError(`not a decimal amount: '${text.slice(0, 40)}'`);
  const [intPart, fraction = ''] = text.split('.');
  const int = intPart.replace(/^0+/, '') || '0';
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Decimal with enough precision for any amount we accept; never a binary float. */
export const PreciseDecimal = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_EVEN });
export type PreciseDecimal = Decimal;
