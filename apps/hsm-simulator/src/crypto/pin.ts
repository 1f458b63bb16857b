import { randomInt } from 'node:crypto';
import { tdesEncryptEcb } from './des';

/**
 * ISO 9564-1 PIN blocks (formats 0, 1 and 3; payShield format codes 01, 05 and 47) and the Visa PIN
 * verification value. Clear PINs exist only inside these functions' callers in the HSM; never log them.
 */

export type PinBlockFormat = '01' | '05' | '47';
export const PIN_BLOCK_FORMATS: readonly PinBlockFormat[] = ['01', '05', '47'];

export class PinBlockError extends Error {
  /** 20 = PIN block does not contain valid values, 24 = PIN shorter than 4 or longer than 12 digits. */
  constructor(readonly code: '20' | '24') {
    super(`PIN block error ${code}`);
  }
}

function panField(account12: string): Buffer {
  if (!/^[0-9]{12}$/.test(account12)) throw new RangeError('account number must be 12 digits');
  return Buffer.from('0000' + account12, 'hex');
}

/** The 12 rightmost PAN digits excluding the check digit (payShield's "account number" field). */
export function accountNumber12(pan: string): string {
  return pan.slice(0, -1).slice(-12).padStart(12, '0');
}

function fill(count: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < count; i += 1) s += alphabet[randomInt(alphabet.length)];
  return s;
}

export function encodePinBlock(pin: string, format: PinBlockFormat, account12: string): Buffer {
  if (!/^[0-9]+$/.test(pin)) throw new PinBlockError('20');
  if (pin.length < 4 || pin.length > 12) throw new PinBlockError('24');
  const len = pin.length.toString(16).toUpperCase();
  const rest = 14 - pin.length;
  if (format === '05') return Buffer.from('1' + len + pin + fill(rest, '0123456789ABCDEF'), 'hex');
  const field1 =
    format === '01' ? '0' + len + pin + 'F'.repeat(rest) : '3' + len + pin + fill(rest, 'ABCDEF');
  const p = Buffer.from(field1, 'hex');
  const a = panField(account12);
  for (let i = 0; i < 8; i += 1) p[i] ^= a[i];
  return p;
}

export function decodePinBlock(block: Uint8Array, format: PinBlockFormat, account12: string): string {
  const b = Buffer.from(block);
  if (b.length !== 8) throw new PinBlockError('20');
  if (format !== '05') {
    const a = panField(account12);
    for (let i = 0; i < 8; i += 1) b[i] ^= a[i];
  }
  const hex = b.toString('hex').toUpperCase();
  const control = { '01': '0', '05': '1', '47': '3' }[format];
  if (hex[0] !== control) throw new PinBlockError('20');
  const len = parseInt(hex[1], 16);
  if (len < 4 || len > 12) throw new PinBlockError('24');
  const pin = hex.slice(2, 2 + len);
  const padding = hex.slice(2 + len);
  if (!/^[0-9]+$/.test(pin)) throw new PinBlockError('20');
  const paddingOk =
    format === '01' ? /^F*$/.test(padding) : format === '47' ? /^[A-F]*$/.test(padding) : true;
  if (!paddingOk) throw new PinBlockError('20');
  return pin;
}

/**
 * Visa PVV: TSP = 11 rightmost account digits (check digit excluded) ‖ PVKI ‖ 4 leftmost PIN digits,
 * encrypted under the double-length PVK; decimalise (digits first, then A–F as 0–5), keep 4 digits.
 */
export function visaPvv(pvk: Uint8Array, account12: string, pvki: string, pin: string): string {
  if (pvk.length !== 16) throw new RangeError('PVK must be a double-length key');
  if (!/^[0-9]{12}$/.test(account12) || !/^[0-9]$/.test(pvki) || !/^[0-9]{4,12}$/.test(pin)) {
    throw new RangeError('invalid PVV input');
  }
  const tsp = account12.slice(1) + pvki + pin.slice(0, 4);
  const hex = tdesEncryptEcb(pvk, Buffer.from(tsp, 'hex')).toString('hex').toUpperCase();
  const digits = [...hex].filter((c) => c <= '9');
  const letters = [...hex].filter((c) => c >= 'A').map((c) => String(c.charCodeAt(0) - 65));
  return [...digits, ...letters].slice(0, 4).join('');
}
