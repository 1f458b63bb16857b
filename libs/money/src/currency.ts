/**
 * ISO 4217 alphabetic codes with their minor units (number of decimal places of the minor unit).
 * Only currencies a payment scheme of this project may meet; extend the table, never guess.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  JPY: 0,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  INR: 2,
  BRL: 2,
  MXN: 2,
  ZAR: 2,
  KRW: 0,
  ISK: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
};

export interface Currency {
  readonly code: string;
  readonly minorUnits: number;
}

export class UnknownCurrencyError extends Error {
  constructor(readonly code: string) {
    super(`unknown ISO 4217 currency code '${code}'`);
    this.name = 'UnknownCurrencyError';
  }
}

export function currency(code: string): Currency {
  const minorUnits = MINOR_UNITS[code];
  if (minorUnits === undefined) throw new UnknownCurrencyError(code);
  return { code, minorUnits };
}

export function isKnownCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(MINOR_UNITS, code);
}
