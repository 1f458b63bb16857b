import { PreciseDecimal } from '@ph/money';

/** `before − after` of two decimal amount strings, in minimal form ('12.5', '0.001'): never a float. */
export const decrease = (before: string, after: string): string =>
  new PreciseDecimal(before).minus(after).toFixed();

/** `after − before`, likewise. */
export const increase = (before: string, after: string): string =>
  new PreciseDecimal(after).minus(before).toFixed();
