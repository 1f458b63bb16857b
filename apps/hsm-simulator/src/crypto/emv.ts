import { createHash } from 'node:crypto';
import { xor } from './bytes';
import { adjustParity, tdesEncryptEcb } from './des';
import { macAlgorithm3, type PaddingMethod } from './mac';

/**
 * EMV 4.x Book 2 Annex A1 key derivation and cryptograms (the functions pyemv's `kd` and `ac`
 * modules implement, and against which the unit tests check their documented vectors).
 */

const FF8 = Buffer.alloc(8, 0xff);

/** ICC master key from the 8-byte value Y: 3DES_MK(Y ‖ ¬Y), odd parity. Y comes from option A or B. */
export function iccMasterKeyFromY(issuerMk: Uint8Array, y: Uint8Array): Buffer {
  if (y.length !== 8) throw new RangeError('Y must be 8 bytes');
  return adjustParity(tdesEncryptEcb(issuerMk, Buffer.concat([y, xor(y, FF8)])));
}

function checkDigits(name: string, value: string, min: number, max: number): void {
  if (!/^[0-9]+$/.test(value) || value.length < min || value.length > max) {
    throw new RangeError(`${name} must be ${min}-${max} digits`);
  }
}

/** Option A: Y = rightmost 16 digits of PAN ‖ PSN (left-padded with zeros). */
export function optionAY(pan: string, psn = '00'): Buffer {
  checkDigits('PAN', pan, 1, 19);
  checkDigits('PSN', psn, 2, 2);
  return Buffer.from((pan + psn).slice(-16).padStart(16, '0'), 'hex');
}

/**
 * Option B (PAN longer than 16 digits): SHA-1 of PAN ‖ PSN (as BCD, a leading 0 when odd), the
 * first 16 decimal digits of the hex digest, topped up with the letters a–f decimalised as 0–5.
 * For PANs of 16 digits or fewer option B is option A.
 */
export function optionBY(pan: string, psn = '00'): Buffer {
  checkDigits('PAN', pan, 1, 19);
  checkDigits('PSN', psn, 2, 2);
  if (pan.length <= 16) return optionAY(pan, psn);
  const digest = createHash('sha1')
    .update(Buffer.from((pan.length % 2 ? '0' + pan : pan) + psn, 'hex'))
    .digest('hex');
  const digits = [...digest].filter((c) => c >= '0' && c <= '9');
  const letters = [...digest].filter((c) => c >= 'a' && c <= 'f').map((c) => String(c.charCodeAt(0) - 97));
  return Buffer.from([...digits, ...letters].slice(0, 16).join(''), 'hex');
}

export function deriveIccMasterKeyA(issuerMk: Uint8Array, pan: string, psn = '00'): Buffer {
  return iccMasterKeyFromY(issuerMk, optionAY(pan, psn));
}

export function deriveIccMasterKeyB(issuerMk: Uint8Array, pan: string, psn = '00'): Buffer {
  return iccMasterKeyFromY(issuerMk, optionBY(pan, psn));
}

/** EMV common session key (Book 2 A1.3.1): SK = 3DES_MK(R with byte 3 = F0 ‖ R with byte 3 = 0F), odd parity. */
export function deriveCommonSessionKey(iccMk: Uint8Array, r: Uint8Array): Buffer {
  if (iccMk.length !== 16) throw new RangeError('ICC master key must be double length');
  if (r.length !== 8) throw new RangeError('diversification value must be 8 bytes');
  const left = Buffer.from(r);
  left[2] = 0xf0;
  const right = Buffer.from(r);
  right[2] = 0x0f;
  return adjustParity(tdesEncryptEcb(iccMk, Buffer.concat([left, right])));
}

/** R = ATC ‖ 00×6: the EMV CSK for application cryptograms. */
export function emvCskR(atc: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(atc), Buffer.alloc(6)]);
}

/** R = ATC ‖ 00 00 ‖ UN: the Mastercard (M/Chip) session key derivation. */
export function mastercardSkdR(atc: Uint8Array, un: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(atc), Buffer.alloc(2), Buffer.from(un)]);
}

/** ARQC/TC/AAC: ISO 9797-1 MAC algorithm 3 under the session key, padding method 1 (Visa) or 2 (EMV). */
export function generateAc(
  sessionKey: Uint8Array,
  data: Uint8Array,
  padding: PaddingMethod,
  length = 8,
): Buffer {
  return macAlgorithm3(sessionKey, data, padding).subarray(0, length);
}

/** ARPC method 1: 3DES_SK(ARQC ⊕ (ARC ‖ 00×6)), 8 bytes. */
export function arpcMethod1(sessionKey: Uint8Array, arqc: Uint8Array, arc: Uint8Array): Buffer {
  if (arqc.length !== 8 || arc.length !== 2) throw new RangeError('ARQC must be 8 bytes and ARC 2 bytes');
  return tdesEncryptEcb(sessionKey, xor(arqc, Buffer.concat([Buffer.from(arc), Buffer.alloc(6)])));
}

/** ARPC method 2: MAC algorithm 3 (padding 2) over ARQC ‖ CSU ‖ proprietary data, first 4 bytes. */
export function arpcMethod2(
  sessionKey: Uint8Array,
  arqc: Uint8Array,
  csu: Uint8Array,
  proprietary: Uint8Array = Buffer.alloc(0),
): Buffer {
  if (arqc.length !== 8 || csu.length !== 4 || proprietary.length > 8) {
    throw new RangeError('ARQC 8 bytes, CSU 4 bytes, proprietary data at most 8 bytes');
  }
  return macAlgorithm3(sessionKey, Buffer.concat([arqc, csu, proprietary]), 2).subarray(0, 4);
}
