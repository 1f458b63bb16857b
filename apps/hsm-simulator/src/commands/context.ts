import { randomBytes } from 'node:crypto';
import { adjustParity, hasOddParity } from '../crypto/des';
import { type KeyScheme, type KeyType, type Lmk, parseKeyType, SCHEME_LENGTH } from '../crypto/lmk';
import { HsmError } from '../protocol/errors';
import { type FieldReader, type KeyField } from '../protocol/fields';

export interface CommandContext {
  readonly lmk: Lmk;
  readonly firmware: string;
}

/** A command handler reads its fields and returns what follows the '00' error code. */
export type CommandHandler = (fields: FieldReader, ctx: CommandContext) => Buffer | string;

export function keyType(code: string): KeyType {
  const type = parseKeyType(code);
  if (!type) throw new HsmError('04');
  return type;
}

/** Decrypts a key under the LMK and checks its parity; `parityError` is the command's code for it. */
export function clearKey(ctx: CommandContext, field: KeyField, type: KeyType, parityError = '10'): Buffer {
  const clear = ctx.lmk.decryptKey(field.encrypted, type, field.scheme);
  if (!hasOddParity(clear)) throw new HsmError(parityError);
  return clear;
}

/** Requires a double-length key (the EMV, PVK and retail-MAC commands). */
export function requireDouble(key: Buffer): Buffer {
  if (key.length !== 16) throw new HsmError('27');
  return key;
}

export function keySchemeFlag(flag: string): KeyScheme {
  if (!(flag in SCHEME_LENGTH)) throw new HsmError('26');
  return flag as KeyScheme;
}

/** Formats an encrypted key as a payShield returns it: scheme letter + hex, single-length keys untagged. */
export function formatKey(scheme: KeyScheme, encrypted: Buffer): string {
  const hex = encrypted.toString('hex').toUpperCase();
  return scheme === 'Z' ? hex : scheme + hex;
}

export function randomKey(length: number): Buffer {
  return adjustParity(randomBytes(length));
}
