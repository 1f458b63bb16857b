import { isIotpAmount } from '@ph/money';

/** SET PurchAmt (schemes.md §6.3): ISO 4217 numeric currency, integer amount, decimal exponent. */
export interface PurchAmt {
  readonly currency: string;
  readonly amount: string;
  readonly amtExp10: string;
}

/** ISO 4217 alpha → numeric for the currencies the simulation accepts. */
export const ISO4217_NUMERIC: Readonly<Record<string, string>> = {
  EUR: '978',
  USD: '840',
  GBP: '826',
  CHF: '756',
  JPY: '392',
  SEK: '752',
  DKK: '208',
};

/** IOTP `CurrCode="USD" Amount="129.50"` → `840 12950 -2`; undefined for an unknown currency or amount. */
export function toPurchAmt(amount: string, currency: string): PurchAmt | undefined {
  const numeric = ISO4217_NUMERIC[currency];
  if (numeric === undefined || !isIotpAmount(amount)) return undefined;
  const [int, frac = ''] = amount.split('.');
  const digits = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  return { currency: numeric, amount: digits, amtExp10: String(-frac.length) };
}

/** Equal by decimal value and currency (`129.5` equals `840 12950 -2`). */
export function samePurchAmt(a: PurchAmt, b: PurchAmt): boolean {
  if (a.currency !== b.currency) return false;
  const scale = Math.min(Number(a.amtExp10), Number(b.amtExp10));
  const norm = (p: PurchAmt) => BigInt(p.amount) * 10n ** BigInt(Number(p.amtExp10) - scale);
  try {
    return norm(a) === norm(b);
  } catch {
    return false;
  }
}

export function readPurchAmt(value: unknown): PurchAmt | undefined {
  const p = value as Partial<PurchAmt> | null;
  if (!p || typeof p !== 'object') return undefined;
  if (typeof p.currency !== 'string' || !/^\d{3}$/.test(p.currency)) return undefined;
  if (typeof p.amount !== 'string' || !/^\d{1,30}$/.test(p.amount)) return undefined;
  if (typeof p.amtExp10 !== 'string' || !/^(0|-[1-9]|-1[0-8])$/.test(p.amtExp10)) return undefined;
  return { currency: p.currency, amount: p.amount, amtExp10: p.amtExp10 };
}
