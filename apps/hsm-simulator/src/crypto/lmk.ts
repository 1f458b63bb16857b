import { readFileSync } from 'node:fs';
import { tdesDecryptEcb, tdesEncryptEcb } from './des';

/**
 * A variant LMK: twenty double-length 3DES pairs (00-01 … 38-39). Keys are stored encrypted under an
 * LMK pair chosen by the key type, with the key type's variant XOR-ed into the first byte of the pair
 * and, for double/triple-length keys in schemes U/T, the length variants (A6, 5A / 6A, DE, 2B)
 * XOR-ed into the first byte of the pair's right half for the 1st/2nd/3rd part of the key.
 *
 * The LMK never leaves this object: no getter, and `toJSON`/inspection print a placeholder.
 */

/** The published payShield test LMK set (variant), pairs 00-01 … 38-39. Development only. */
export const TEST_LMK_HEX: readonly string[] = [
  '01010101010101017902CD1FD36EF8BA',
  '20202020202020203131313131313131',
  '40404040404040405151515151515151',
  '61616161616161617070707070707070',
  '80808080808080809191919191919191',
  'A1A1A1A1A1A1A1A1B0B0B0B0B0B0B0B0',
  'C1C1010101010101D0D0010101010101',
  'E0E0010101010101F1F1010101010101',
  '1C587F1C13924FEF0101010101010101',
  '01010101010101010101010101010101',
  '02020202020202020404040404040404',
  '07070707070707071010101010101010',
  '13131313131313131515151515151515',
  '16161616161616161919191919191919',
  '1A1A1A1A1A1A1A1A1C1C1C1C1C1C1C1C',
  '23232323232323232525252525252525',
  '26262626262626262929292929292929',
  '2A2A2A2A2A2A2A2A2C2C2C2C2C2C2C2C',
  '2F2F2F2F2F2F2F2F3131313131313131',
  '01010101010101010101010101010101',
];

/** Key-type variants 1–9 (variant 0 = none). */
const TYPE_VARIANTS = [0x00, 0xa6, 0x5a, 0x6a, 0xde, 0x2b, 0x50, 0x74, 0x9c, 0xfa];
const DOUBLE_VARIANTS = [0xa6, 0x5a];
const TRIPLE_VARIANTS = [0x6a, 0xde, 0x2b];

/** LMK pair code (last two characters of a key type code) → index of the pair (00-01 = 0 … 38-39 = 19). */
const PAIR_CODES: Record<string, number> = {
  '00': 2, // 04-05 ZMK
  '01': 3, // 06-07 ZPK
  '02': 7, // 14-15 TPK, PVK, TMK, CVK (variant 4)
  '03': 8, // 16-17 TAK
  '04': 9, // 18-19
  '05': 10, // 20-21
  '06': 11, // 22-23
  '07': 12, // 24-25
  '08': 13, // 26-27 ZAK
  '09': 14, // 28-29 BDK, MK-AC (variant 1), MK-SMI (2), MK-SMC (3), e-purse (6, simulator)
  '0A': 15, // 30-31 ZEK
  '0B': 16, // 32-33 DEK
  '0C': 17, // 34-35
  '0D': 18, // 36-37
  '0E': 19, // 38-39
};

export const PIN_LMK_PAIR = 1; // 02-03: PINs encrypted under the LMK

/** A three-character key type code such as 001 (ZPK) or 109 (MK-AC). */
export interface KeyType {
  readonly code: string;
  readonly pair: number;
  readonly variant: number;
}

export function parseKeyType(code: string): KeyType | undefined {
  const upper = code.toUpperCase();
  if (!/^[0-9][0-9A-F]{2}$/.test(upper)) return undefined;
  const pair = PAIR_CODES[upper.slice(1)];
  if (pair === undefined) return undefined;
  return { code: upper, pair, variant: Number(upper[0]) };
}

/** Key types the commands refer to by name. */
export const KEY_TYPES = {
  ZMK: '000',
  ZPK: '001',
  TPK: '002',
  PVK: '002',
  TAK: '003',
  ZAK: '008',
  MK_AC: '109',
  /** Simulator assignment (not a payShield type): e-purse issuer/SAM master keys, LMK 28-29 variant 6. */
  EPURSE_MK: '609',
} as const;

/** Key schemes: Z/none single, U/T variant double/triple, X/Y ANSI X9.17 (ECB per block) double/triple. */
export type KeyScheme = 'Z' | 'U' | 'T' | 'X' | 'Y';
export const SCHEME_LENGTH: Record<KeyScheme, number> = { Z: 8, U: 16, T: 24, X: 16, Y: 24 };

function parsePairs(lines: readonly string[]): Buffer[] {
  const pairs = lines.map((l) => l.replace(/\s+/g, '')).filter((l) => l.length > 0);
  if (pairs.length !== 20 || !pairs.every((p) => /^[0-9A-Fa-f]{32}$/.test(p))) {
    throw new Error('an LMK must be 20 pairs of 32 hex digits');
  }
  return pairs.map((p) => Buffer.from(p, 'hex'));
}

/** Encrypts/decrypts 8-byte parts of a key under `kek` with optional length variants at byte 8. */
function variantCipher(kek: Buffer, data: Buffer, scheme: KeyScheme, encrypt: boolean): Buffer {
  const op = encrypt ? tdesEncryptEcb : tdesDecryptEcb;
  const lengthVariants = scheme === 'U' ? DOUBLE_VARIANTS : scheme === 'T' ? TRIPLE_VARIANTS : undefined;
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 8) {
    const k = Buffer.from(kek);
    if (lengthVariants) k[8] ^= lengthVariants[i / 8];
    parts.push(op(k, data.subarray(i, i + 8)));
  }
  return Buffer.concat(parts);
}

/** Encrypts a clear key under a ZMK/KEK in scheme U/T (variant) or X/Y/Z (plain ECB). */
export function encryptUnderKek(kek: Buffer, clear: Buffer, scheme: KeyScheme): Buffer {
  return variantCipher(kek.length === 8 ? Buffer.concat([kek, kek]) : kek, clear, scheme, true);
}

export function decryptUnderKek(kek: Buffer, encrypted: Buffer, scheme: KeyScheme): Buffer {
  return variantCipher(kek.length === 8 ? Buffer.concat([kek, kek]) : kek, encrypted, scheme, false);
}

export class Lmk {
  readonly #pairs: Buffer[];

  private constructor(pairs: Buffer[]) {
    this.#pairs = pairs;
  }

  static test(): Lmk {
    return new Lmk(parsePairs(TEST_LMK_HEX));
  }

  /** 640 hex digits (whitespace ignored), pairs in order 00-01 … 38-39. */
  static fromHex(hex: string): Lmk {
    const clean = hex.replace(/\s+/g, '');
    if (clean.length !== 640) throw new Error('an LMK must be 20 pairs of 32 hex digits');
    return new Lmk(parsePairs(clean.match(/.{32}/g) ?? []));
  }

  /** One pair per line (32 hex digits, spaces allowed); blank lines and lines starting with ';' or '#' ignored. */
  static fromFile(path: string): Lmk {
    const lines = readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .filter((l) => !/^\s*[;#]/.test(l));
    return new Lmk(parsePairs(lines));
  }

  /** 16 hex digits identifying the LMK set: 3DES of zeros under pair 00-01 (simulator definition). */
  checkValue(): string {
    return tdesEncryptEcb(this.#pairs[0], Buffer.alloc(8)).toString('hex').toUpperCase();
  }

  private kek(type: KeyType): Buffer {
    const k = Buffer.from(this.#pairs[type.pair]);
    k[0] ^= TYPE_VARIANTS[type.variant];
    return k;
  }

  encryptKey(clear: Buffer, type: KeyType, scheme: KeyScheme): Buffer {
    return variantCipher(this.kek(type), clear, scheme, true);
  }

  decryptKey(encrypted: Buffer, type: KeyType, scheme: KeyScheme): Buffer {
    return variantCipher(this.kek(type), encrypted, scheme, false);
  }

  /** An 8-byte block (a formatted PIN) encrypted under LMK pair 02-03. */
  encryptPinBlock(block: Buffer): Buffer {
    return tdesEncryptEcb(this.#pairs[PIN_LMK_PAIR], block);
  }

  decryptPinBlock(block: Buffer): Buffer {
    return tdesDecryptEcb(this.#pairs[PIN_LMK_PAIR], block);
  }

  toJSON(): string {
    return '[LMK]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[LMK]';
  }
}
