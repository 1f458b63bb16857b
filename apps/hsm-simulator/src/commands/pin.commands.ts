import { equalBytes } from '../crypto/bytes';
import { KEY_TYPES } from '../crypto/lmk';
import {
  decodePinBlock,
  encodePinBlock,
  PIN_BLOCK_FORMATS,
  PinBlockError,
  type PinBlockFormat,
  visaPvv,
} from '../crypto/pin';
import { tdesDecryptEcb, tdesEncryptEcb } from '../crypto/des';
import { HsmError } from '../protocol/errors';
import { type FieldReader } from '../protocol/fields';
import { type CommandContext, type CommandHandler, clearKey, keyType, requireDouble } from './context';

/**
 * PIN translation and Visa PVV verification. PIN blocks: ISO 9564-1 formats 0 (code 01), 1 (05) and
 * 3 (47). A PIN "under the LMK" is, in this simulator, an ISO format 0 block bound to the account and
 * encrypted under LMK pair 02-03 (16H) — payShield's own LMK PIN encryption (LN or LN+1 digits) is
 * proprietary and not reproduced. Clear PINs never leave these functions.
 */

function format(f: FieldReader): PinBlockFormat {
  const code = f.text(2);
  if (!(PIN_BLOCK_FORMATS as readonly string[]).includes(code)) throw new HsmError('23');
  return code as PinBlockFormat;
}

function pinFromBlock(key: Buffer, block: Buffer, fmt: PinBlockFormat, account: string): string {
  try {
    return decodePinBlock(tdesDecryptEcb(key, block), fmt, account);
  } catch (error) {
    if (error instanceof PinBlockError) throw new HsmError(error.code);
    throw error;
  }
}

function pinBlockUnder(key: Buffer, pin: string, fmt: PinBlockFormat, account: string): string {
  return tdesEncryptEcb(key, encodePinBlock(pin, fmt, account))
    .toString('hex')
    .toUpperCase();
}

function pinUnderLmk(ctx: CommandContext, pin: string, account: string): string {
  return ctx.lmk
    .encryptPinBlock(encodePinBlock(pin, '01', account))
    .toString('hex')
    .toUpperCase();
}

function pinFromLmk(ctx: CommandContext, encrypted: Buffer, account: string): string {
  try {
    return decodePinBlock(ctx.lmk.decryptPinBlock(encrypted), '01', account);
  } catch (error) {
    if (error instanceof PinBlockError) throw new HsmError('14');
    throw error;
  }
}

const tpk = (f: FieldReader, ctx: CommandContext, parity = '10') =>
  clearKey(ctx, f.key(), keyType(KEY_TYPES.TPK), parity);
const zpk = (f: FieldReader, ctx: CommandContext, parity = '10') =>
  clearKey(ctx, f.key(), keyType(KEY_TYPES.ZPK), parity);

/**
 * CA — translate a PIN from TPK to ZPK. Source TPK, destination ZPK (key fields), maximum PIN length
 * (2N), source PIN block (16H), source format (2N), destination format (2N), account number (12N).
 * CB: PIN length (2N), destination PIN block (16H), destination format (2N).
 */
export const CA: CommandHandler = (f, ctx) => {
  const source = tpk(f, ctx, '10');
  const destination = zpk(f, ctx, '11');
  const maxLength = Number(f.digits(2));
  const block = f.hexBytes(8);
  const sourceFormat = format(f);
  const destinationFormat = format(f);
  const account = f.digits(12);
  const pin = pinFromBlock(source, block, sourceFormat, account);
  if (pin.length > maxLength) throw new HsmError('24');
  return (
    String(pin.length).padStart(2, '0') +
    pinBlockUnder(destination, pin, destinationFormat, account) +
    destinationFormat
  );
};

/** JC — translate a PIN from TPK to LMK. TPK, PIN block (16H), format (2N), account (12N). JD: PIN under LMK (16H). */
export const JC: CommandHandler = (f, ctx) => {
  const key = tpk(f, ctx);
  const block = f.hexBytes(8);
  const fmt = format(f);
  const account = f.digits(12);
  return pinUnderLmk(ctx, pinFromBlock(key, block, fmt, account), account);
};

/** JE — translate a PIN from ZPK to LMK. ZPK, PIN block (16H), format (2N), account (12N). JF: PIN under LMK (16H). */
export const JE: CommandHandler = (f, ctx) => {
  const key = zpk(f, ctx);
  const block = f.hexBytes(8);
  const fmt = format(f);
  const account = f.digits(12);
  return pinUnderLmk(ctx, pinFromBlock(key, block, fmt, account), account);
};

/** JG — translate a PIN from LMK to ZPK. ZPK, format (2N), account (12N), PIN under LMK (16H). JH: PIN block (16H). */
export const JG: CommandHandler = (f, ctx) => {
  const key = zpk(f, ctx, '11');
  const fmt = format(f);
  const account = f.digits(12);
  const pin = pinFromLmk(ctx, f.hexBytes(8), account);
  return pinBlockUnder(key, pin, fmt, account);
};

/** Shared DC/EC tail: PVK pair (32H or 1A+32H), PIN block (16H), format (2N), account (12N), PVKI (1N), PVV (4N). */
function verifyPvv(f: FieldReader, ctx: CommandContext, pinKey: Buffer): string {
  const pvk = requireDouble(clearKey(ctx, f.key(16), keyType(KEY_TYPES.PVK), '11'));
  const block = f.hexBytes(8);
  const fmt = format(f);
  const account = f.digits(12);
  const pvki = f.digits(1);
  const pvv = f.digits(4);
  const pin = pinFromBlock(pinKey, block, fmt, account);
  if (!equalBytes(Buffer.from(visaPvv(pvk, account, pvki, pin)), Buffer.from(pvv))) throw new HsmError('01');
  return '';
}

/** DC — verify a terminal PIN (under a TPK) with the Visa PVV method. DD: 00 or 01. */
export const DC: CommandHandler = (f, ctx) => verifyPvv(f, ctx, tpk(f, ctx));

/** EC — verify an interchange PIN (under a ZPK) with the Visa PVV method. ED: 00 or 01. */
export const EC: CommandHandler = (f, ctx) => verifyPvv(f, ctx, zpk(f, ctx));
