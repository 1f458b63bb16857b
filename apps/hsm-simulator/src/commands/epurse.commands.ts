import { createHash, createHmac } from 'node:crypto';
import { equalBytes } from '../crypto/bytes';
import { keyCheckValue } from '../crypto/des';
import { iccMasterKeyFromY } from '../crypto/emv';
import { encryptUnderKek, KEY_TYPES, Lmk, SCHEME_LENGTH } from '../crypto/lmk';
import { macAlgorithm3 } from '../crypto/mac';
import { HsmError } from '../protocol/errors';
import { type FieldReader } from '../protocol/fields';
import {
  type CommandContext,
  type CommandHandler,
  clearKey,
  formatKey,
  keySchemeFlag,
  keyType,
  requireDouble,
} from './context';

/**
 * SIMULATOR EXTENSIONS — not payShield commands. The GeldKarte-like e-purse (schemes.md §1.4) needs a
 * merchant SAM: per-card keys derived from a master key, and MACs over purse messages.
 *
 * Keys: a purse issuer master key (for card keys K_C) and a SAM master key (for merchant-card keys
 * K_M) are both key type 609 (LMK 28-29 variant 6, a simulator assignment; A8 refuses to export them).
 * The per-card key is derived like an EMV option A ICC key from the 8-byte card id:
 * K = odd-parity(3DES_MK(id ‖ ¬id)).
 * MAC algorithms: 1 = HMAC-SHA-256 with K (32 bytes, schemes.md's MAC_K), 2 = its first 16 bytes
 * (profile §3.5's MAC_K), 3 = ISO 9797-1 algorithm 3 with K, padding method 2 (8 bytes, what a DES
 * purse chip computes).
 *
 * Key source: the master key and 16H card id above, or 'P' + id length (2H) + id (text): the DEV ONLY
 * profile key of profile §3.5, K = SHA-256("IOTP profile 1.0 e-purse key <id> (DEV ONLY)"), which the
 * wallet simulator computes too. Anyone knowing an id knows that key, so the simulator grants it only
 * while it runs with the published test LMK (else 29, key function not permitted).
 */

let testLmkCheck: string | undefined;
const runsWithTestLmk = (ctx: CommandContext): boolean =>
  ctx.lmk.checkValue() === (testLmkCheck ??= Lmk.test().checkValue());

function profileDevKey(f: FieldReader, ctx: CommandContext): Buffer {
  const id = f.text(f.hexLength(2));
  if (!/^[A-Za-z0-9-]{1,32}$/.test(id)) throw new HsmError('15');
  if (!runsWithTestLmk(ctx)) throw new HsmError('29');
  return createHash('sha256').update(`IOTP profile 1.0 e-purse key ${id} (DEV ONLY)`, 'utf8').digest();
}

function derivedKey(f: FieldReader, ctx: CommandContext): Buffer {
  if (f.optionalDelimiter('P')) return profileDevKey(f, ctx);
  const mk = requireDouble(clearKey(ctx, f.key(16), keyType(KEY_TYPES.EPURSE_MK), '10'));
  return iccMasterKeyFromY(mk, f.hexBytes(8));
}

function purseMac(f: FieldReader, key: Buffer): { mac: Buffer; size: number } {
  const algorithm = f.text(1);
  if (algorithm !== '1' && algorithm !== '2' && algorithm !== '3') throw new HsmError('15');
  const data = f.bytes(f.hexLength(4));
  if (algorithm === '3') return { mac: macAlgorithm3(key, data, 2), size: 8 };
  const full = createHmac('sha256', key).update(data).digest();
  return algorithm === '1' ? { mac: full, size: 32 } : { mac: full.subarray(0, 16), size: 16 };
}

/**
 * E1 (simulator extension) — e-purse SAM: mode (1N), key source (master key 1A+32H of type 609 and
 * card id 16H, or 'P' + 2H length + id), then
 * mode 0 (generate a MAC with the card's key): MAC algorithm (1N), data length (4H), data (nB) → E2: MAC (hex);
 * mode 1 (personalise: export the card's key under a ZMK): ZMK (key field), key scheme ZMK (1A)
 * → E2: key under ZMK, check value (6H).
 */
export const E1: CommandHandler = (f, ctx) => {
  const mode = f.text(1);
  if (mode !== '0' && mode !== '1') throw new HsmError('15');
  const key = derivedKey(f, ctx);
  if (mode === '0') return purseMac(f, key).mac.toString('hex').toUpperCase();
  // The DEV ONLY profile keys are public by construction: there is nothing to personalise under a ZMK.
  if (key.length !== 16) throw new HsmError('29');
  const zmk = clearKey(ctx, f.key(), keyType(KEY_TYPES.ZMK), '11');
  const scheme = keySchemeFlag(f.text(1));
  if (SCHEME_LENGTH[scheme] !== 16) throw new HsmError('27');
  return (
    formatKey(scheme, encryptUnderKek(zmk, key, scheme)) + keyCheckValue(key).toString('hex').toUpperCase()
  );
};

/**
 * E3 (simulator extension) — verify an e-purse MAC: key source (as E1), MAC algorithm (1N), data
 * length (4H), data (nB), MAC (64H for algorithm 1, 32H for 2, 16H for 3). E4: 00 or 01.
 */
export const E3: CommandHandler = (f, ctx) => {
  const key = derivedKey(f, ctx);
  const { mac, size } = purseMac(f, key);
  if (!equalBytes(mac, f.hexBytes(size))) throw new HsmError('01');
  return '';
};
