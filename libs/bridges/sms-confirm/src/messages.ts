import { decodeJson, encodeJson, readString } from './payload';

/** E.164: '+', country code, up to 15 digits in all. */
export const MSISDN = /^\+[1-9][0-9]{6,14}$/;
export const OFFER_REF = /^[!-~]{1,40}$/;
const MASKED = /^\+[0-9*]{7,15}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const SECS = /^(0|[1-9][0-9]{0,5})$/;

export const SMS_START = 'SMS-Start';
export const SMS_RESULT = 'SMS-Result';
export const smsPendingName = (n: number): string => `SMS-Pending-${n}`;
export const smsPollName = (n: number): string => `SMS-Poll-${n}`;

/** Payment Request `SMS-Start`: `type, v, msisdn` (profile §3.6). */
export interface SmsStart {
  readonly msisdn: string;
}
export function encodeSmsStart(m: SmsStart): string {
  return encodeJson({ type: SMS_START, v: 1, msisdn: m.msisdn });
}
export function decodeSmsStart(text: string): SmsStart {
  return { msisdn: readString(decodeJson(text, SMS_START), 'msisdn', MSISDN) };
}

/** Payment Exchange `SMS-Pending-<n>`: `type, v, offerRef, msisdnMasked, expiresAt, pollAfterSecs`. */
export interface SmsPending {
  readonly offerRef: string;
  readonly msisdnMasked: string;
  readonly expiresAt: string;
  readonly pollAfterSecs: string;
}
export function encodeSmsPending(n: number, m: SmsPending): string {
  return encodeJson({
    type: smsPendingName(n),
    v: 1,
    offerRef: m.offerRef,
    msisdnMasked: m.msisdnMasked,
    expiresAt: m.expiresAt,
    pollAfterSecs: m.pollAfterSecs,
  });
}
export function decodeSmsPending(n: number, text: string): SmsPending {
  const obj = decodeJson(text, smsPendingName(n));
  return {
    offerRef: readString(obj, 'offerRef', OFFER_REF),
    msisdnMasked: readString(obj, 'msisdnMasked', MASKED),
    expiresAt: readString(obj, 'expiresAt', ISO_TIME),
    pollAfterSecs: readString(obj, 'pollAfterSecs', SECS),
  };
}

/** Payment Exchange `SMS-Poll-<n>`: `type, v, offerRef`. */
export function encodeSmsPoll(n: number, offerRef: string): string {
  return encodeJson({ type: smsPollName(n), v: 1, offerRef });
}
export function decodeSmsPoll(n: number, text: string): { readonly offerRef: string } {
  return { offerRef: readString(decodeJson(text, smsPollName(n)), 'offerRef', OFFER_REF) };
}

/** Payment Response `SMS-Result`: `type, v, offerRef, status` (`CompletedOk`). */
export interface SmsResult {
  readonly offerRef: string;
  readonly status: 'CompletedOk';
}
export function encodeSmsResult(m: SmsResult): string {
  return encodeJson({ type: SMS_RESULT, v: 1, offerRef: m.offerRef, status: m.status });
}
export function decodeSmsResult(text: string): SmsResult {
  const obj = decodeJson(text, SMS_RESULT);
  readString(obj, 'status', /^CompletedOk$/);
  return { offerRef: readString(obj, 'offerRef', OFFER_REF), status: 'CompletedOk' };
}

/** `+4915100000001` → `+49151*****001`: country/operator prefix and the last three digits only. */
export function maskMsisdn(msisdn: string): string {
  const digits = msisdn.slice(1);
  const keepHead = Math.min(5, digits.length - 3);
  return `+${digits.slice(0, keepHead)}${'*'.repeat(digits.length - keepHead - 3)}${digits.slice(-3)}`;
}
