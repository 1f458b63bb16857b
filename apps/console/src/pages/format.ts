import { isKnownCurrency, Money } from '@ph/money';

/** HTML text escaping for the server-rendered pages. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An amount with its currency's minor units ("12.5" EUR → "12.50 EUR"); never through a float. */
export function formatAmount(amount: string, currency: string): string {
  if (!isKnownCurrency(currency)) return `${amount} ${currency}`;
  try {
    return `${Money.parse(amount, currency).toCanonical()} ${currency}`;
  } catch {
    return `${amount} ${currency}`;
  }
}

const PAN = /(?<![0-9])([0-9]{6})([0-9 -]{3,13})([0-9]{4})(?![0-9])/g;

/** Card numbers (13–19 digits, spaces or dashes allowed) shown as first 6 … last 4, anywhere in a text. */
export function maskPan(text: string): string {
  return text.replace(PAN, (whole, first: string, middle: string, last: string) => {
    const digits = middle.replace(/[ -]/g, '');
    const total = first.length + digits.length + last.length;
    if (total < 13 || total > 19 || !/^[0-9]+$/.test(digits)) return whole;
    return `${first}${'•'.repeat(digits.length)}${last}`;
  });
}

/** Masks every string inside a JSON value (event data shown to operators). */
export function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPan(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  return value;
}
