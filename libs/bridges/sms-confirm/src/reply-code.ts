import { createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 symbols: no bias from bytes mod 32, no 0/O/1/I
const CODE_LENGTH = 8;

function hmac(key: Buffer, ...fields: string[]): Buffer {
  const h = createHmac('sha256', key);
  for (const f of fields) {
    const bytes = Buffer.from(f, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    h.update(len).update(bytes);
  }
  return h.digest();
}

/**
 * The one-time reply code k of offer S1, bound to the payment: derived from the bridge's key and the
 * PaymentHandlerPayId, so a resent offer (after an operator outage) carries the same k and the state
 * never has to hold it.
 */
export function replyCode(key: Buffer, payId: string): string {
  const bytes = hmac(key, 'sms-reply-code', payId);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[bytes[i] % 32];
  return code;
}

export function codeMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toUpperCase());
  const b = Buffer.from(given.toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A keyed fingerprint of the MSISDN: the state recognises replies from the number without holding it. */
export function msisdnFingerprint(key: Buffer, msisdn: string): string {
  return hmac(key, 'sms-msisdn', msisdn).toString('hex');
}

/** `YES k` / `NO k` (case-insensitive, surrounding blanks ignored); anything else is not a reply. */
export function parseReply(
  text: string,
): { readonly answer: 'YES' | 'NO'; readonly code: string } | undefined {
  const m = /^\s*(YES|NO)\s+([A-Za-z0-9]{1,32})\s*$/i.exec(text);
  if (!m) return undefined;
  return { answer: m[1].toUpperCase() as 'YES' | 'NO', code: m[2] };
}
