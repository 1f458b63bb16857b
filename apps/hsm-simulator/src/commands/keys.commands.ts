import { hasOddParity, keyCheckValue } from '../crypto/des';
import { decryptUnderKek, encryptUnderKek, KEY_TYPES, SCHEME_LENGTH } from '../crypto/lmk';
import { HsmError } from '../protocol/errors';
import { type CommandHandler, clearKey, formatKey, keySchemeFlag, keyType, randomKey } from './context';

const kcv6 = (key: Buffer) => keyCheckValue(key).toString('hex').toUpperCase();

/** NC — diagnostics. ND: LMK check value (16H) + firmware number (9A). */
export const NC: CommandHandler = (_f, ctx) => ctx.lmk.checkValue() + ctx.firmware;

/**
 * A0 — generate a key. Mode (1H: 0 generate, 1 generate and export under a ZMK), key type (3H),
 * key scheme LMK (1A); mode 1: ZMK (key field), key scheme ZMK (1A).
 * A1: key under LMK, [key under ZMK], check value (6H).
 */
export const A0: CommandHandler = (f, ctx) => {
  const mode = f.text(1);
  if (mode !== '0' && mode !== '1') throw new HsmError('15');
  const type = keyType(f.text(3));
  const scheme = keySchemeFlag(f.text(1));
  const key = randomKey(SCHEME_LENGTH[scheme]);
  let out = formatKey(scheme, ctx.lmk.encryptKey(key, type, scheme));
  if (mode === '1') {
    f.optionalDelimiter(';');
    const zmk = clearKey(ctx, f.key(), keyType(KEY_TYPES.ZMK), '10');
    const zmkScheme = keySchemeFlag(f.text(1));
    if (SCHEME_LENGTH[zmkScheme] !== key.length) throw new HsmError('27');
    out += formatKey(zmkScheme, encryptUnderKek(zmk, key, zmkScheme));
  }
  return out + kcv6(key);
};

/**
 * BU — generate a key check value. Key type code (2A: LMK pair code 00–0E, or FF to give a 3H key
 * type after ';'), key length flag (1N: 0 single, 1 double, 2 triple), key (key field)
 * [';' key type 3H]. BV: check value (16H).
 */
export const BU: CommandHandler = (f, ctx) => {
  const code = f.text(2).toUpperCase();
  const lengthFlag = f.text(1);
  const expected = { '0': 8, '1': 16, '2': 24 }[lengthFlag];
  if (expected === undefined) throw new HsmError('05');
  const field = f.key(expected === 8 ? 8 : 16);
  let typeCode = '0' + code;
  if (code === 'FF') {
    f.delimiter(';');
    typeCode = f.text(3);
  }
  const type = keyType(typeCode);
  if (field.encrypted.length !== expected) throw new HsmError('27');
  const key = clearKey(ctx, field, type, '10');
  return keyCheckValue(key, 8).toString('hex').toUpperCase();
};

/**
 * A6 — import a key from a ZMK to the LMK. Key type (3H), ZMK (key field), key under ZMK (key field),
 * key scheme LMK (1A). A7: key under LMK, check value (6H). An imported key with bad parity: 01.
 */
export const A6: CommandHandler = (f, ctx) => {
  const type = keyType(f.text(3));
  const zmk = clearKey(ctx, f.key(), keyType(KEY_TYPES.ZMK), '10');
  const field = f.key();
  const lmkScheme = keySchemeFlag(f.text(1));
  const key = decryptUnderKek(zmk, field.encrypted, field.scheme);
  if (!hasOddParity(key)) throw new HsmError('01');
  if (SCHEME_LENGTH[lmkScheme] !== key.length) throw new HsmError('27');
  return formatKey(lmkScheme, ctx.lmk.encryptKey(key, type, lmkScheme)) + kcv6(key);
};

/** Key types that never leave the HSM under a ZMK (ZMKs themselves and the e-purse master keys). */
const NOT_EXPORTABLE = new Set<string>([KEY_TYPES.ZMK, KEY_TYPES.EPURSE_MK]);

/**
 * A8 — export a key from the LMK to a ZMK. Key type (3H), ZMK (key field), key under LMK (key field),
 * key scheme ZMK (1A). A9: key under ZMK, check value (6H).
 */
export const A8: CommandHandler = (f, ctx) => {
  const type = keyType(f.text(3));
  if (NOT_EXPORTABLE.has(type.code)) throw new HsmError('29');
  const zmk = clearKey(ctx, f.key(), keyType(KEY_TYPES.ZMK), '10');
  const key = clearKey(ctx, f.key(), type, '11');
  const zmkScheme = keySchemeFlag(f.text(1));
  if (SCHEME_LENGTH[zmkScheme] !== key.length) throw new HsmError('27');
  return formatKey(zmkScheme, encryptUnderKek(zmk, key, zmkScheme)) + kcv6(key);
};
