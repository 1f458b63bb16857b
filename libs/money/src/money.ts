import { currency, type Currency } from './currency';
import { PreciseDecimal, isIotpAmount, minimalDecimal } from './decimal-string';

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/**
 * An amount in one ISO 4217 currency, on decimal.js. Values below the minor unit are allowed
 * (RFC 3867: one tenth of a cent is '0.001'), so nothing is rounded unless asked.
 */
export class Money {
  private constructor(
    readonly amount: PreciseDecimal,
    readonly currency: Currency,
  ) {}

  /** From an IOTP Amount string ('245.35', '0.001'); rejects signs, exponents, blanks. */
  static parse(amount: string, currencyCode: string): Money {
    if (!isIotpAmount(amount)) throw new MoneyError(`'${amount.slice(0, 40)}' is not an IOTP amount`);
    return new Money(new PreciseDecimal(amount), currency(currencyCode));
  }

  /** From an integer count of minor units (e.g. cents), as stored by the bank simulator. */
  static ofMinor(minor: bigint, currencyCode: string): Money {
    const cur = currency(currencyCode);
    return new Money(new PreciseDecimal(minor.toString()).dividedBy(10 ** cur.minorUnits), cur);
  }

  static zero(currencyCode: string): Money {
    return new Money(new PreciseDecimal(0), currency(currencyCode));
  }

  plus(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  compare(other: Money): -1 | 0 | 1 {
    this.sameCurrency(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  /** True when the amount has no digits below the currency's minor unit. */
  fitsMinorUnits(): boolean {
    return this.amount.decimalPlaces() <= this.currency.minorUnits;
  }

  /** Integer minor units; throws if the amount has finer digits (never rounds silently). */
  toMinor(): bigint {
    if (!this.fitsMinorUnits()) throw new MoneyError(`${this.toString()} has digits below the minor unit`);
    return BigInt(this.amount.times(10 ** this.currency.minorUnits).toFixed(0));
  }

  /** Canonical decimal string with at least the currency's minor digits: '12.50', '0.001'. */
  toCanonical(): string {
    const places = Math.max(this.currency.minorUnits, this.amount.decimalPlaces());
    return this.amount.toFixed(places);
  }

  /** Minimal form of profile §3.2 ('12.5'), used in scheme payloads and MAC inputs. */
  toMinimal(): string {
    const text = this.amount.abs().toFixed();
    return (this.isNegative() ? '-' : '') + minimalDecimal(text);
  }

  equals(other: Money): boolean {
    return this.currency.code === other.currency.code && this.amount.equals(other.amount);
  }

  toString(): string {
    return `${this.toCanonical()} ${this.currency.code}`;
  }

  private sameCurrency(other: Money): void {
    if (other.currency.code !== this.currency.code) {
      throw new MoneyError(`currency mismatch: ${this.currency.code} vs ${other.currency.code}`);
    }
  }
}
