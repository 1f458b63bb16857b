import { currency, minimalDecimal, PreciseDecimal } from '@ph/money';

/** Minimal-form amount → minor units as an exact decimal string ('12.5' EUR → '1250', '0.001' → '0.1'). */
export function toMinorUnits(amount: string, currencyCode: string): string {
  return new PreciseDecimal(amount).times(10 ** currency(currencyCode).minorUnits).toFixed();
}

/** Minor units as PostgreSQL returns numeric → minimal form of profile §3.2 ('99998750' → '999987.5'). */
export function fromMinorUnits(minor: string, currencyCode: string): string {
  return minimalDecimal(
    new PreciseDecimal(minor).dividedBy(10 ** currency(currencyCode).minorUnits).toFixed(),
  );
}
