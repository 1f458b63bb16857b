import { emit, read, str } from '../hash-secret/hs-json';

/** The wallet's own codec of profile §3.6 (SMS-Start, SMS-Pending-<n>, SMS-Poll-<n>, SMS-Result). */
export const E164 = /^\+[1-9][0-9]{6,14}$/;
const REF = /^[!-~]{1,40}$/;

export const buildSmsStart = (msisdn: string): string =>
  emit([
    ['type', 'SMS-Start'],
    ['v', 1],
    ['msisdn', msisdn],
  ]);

export const buildSmsPoll = (n: number, offerRef: string): string =>
  emit([
    ['type', `SMS-Poll-${n}`],
    ['v', 1],
    ['offerRef', offerRef],
  ]);

export interface SmsPendingIn {
  readonly n: number;
  readonly offerRef: string;
  readonly msisdnMasked: string;
  readonly expiresAt: string;
  readonly pollAfterSecs: number;
}

/** Reads `SMS-Pending-<n>` from its PackagedContent name and text. */
export function readSmsPending(name: string, text: string): SmsPendingIn {
  const m = /^SMS-Pending-([1-9][0-9]*)$/.exec(name);
  if (!m) throw new Error(`unexpected PackagedContent "${name}"`);
  const f = read(text, name);
  return {
    n: Number(m[1]),
    offerRef: str(f, 'offerRef', REF),
    msisdnMasked: str(f, 'msisdnMasked', /^\+[0-9*]{7,15}$/),
    expiresAt: str(f, 'expiresAt', /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/),
    pollAfterSecs: Number(str(f, 'pollAfterSecs', /^[0-9]{1,6}$/)),
  };
}

export function readSmsResult(text: string): { readonly offerRef: string; readonly status: string } {
  const f = read(text, 'SMS-Result');
  return { offerRef: str(f, 'offerRef', REF), status: str(f, 'status', /^CompletedOk$/) };
}
