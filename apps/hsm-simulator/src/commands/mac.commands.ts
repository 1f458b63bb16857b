import { equalBytes, isHex } from '../crypto/bytes';
import { KEY_TYPES } from '../crypto/lmk';
import { macAlgorithm1, macAlgorithm3, type PaddingMethod } from '../crypto/mac';
import { HsmError } from '../protocol/errors';
import { type FieldReader } from '../protocol/fields';
import { type CommandContext, clearKey, type CommandHandler, keyType } from './context';

const MAC_KEY_TYPES = new Set<string>([KEY_TYPES.TAK, KEY_TYPES.ZAK]);

/**
 * Shared M6/M8 fields: mode flag (1N: only 0 = single block, the whole message in one command),
 * input format (1N: 0 binary, 1 hex-expanded, 2 text), MAC algorithm (2N: 01 ISO 9797-1 alg. 1 (CBC-MAC
 * with the whole key), 03 alg. 3 (retail MAC)), padding method (1N: 0 none, 1 method 1, 2 method 2),
 * key type (3H: 003 TAK or 008 ZAK), key (key field), message length (4H: characters of the message
 * field as sent), message.
 */
function computeMac(f: FieldReader, ctx: CommandContext): Buffer {
  if (f.text(1) !== '0') throw new HsmError('15');
  const format = f.text(1);
  if (!['0', '1', '2'].includes(format)) throw new HsmError('15');
  const algorithm = f.text(2);
  if (algorithm !== '01' && algorithm !== '03') throw new HsmError('15');
  const padding = f.text(1);
  if (!['0', '1', '2'].includes(padding)) throw new HsmError('15');
  const typeCode = f.text(3);
  if (!MAC_KEY_TYPES.has(typeCode)) throw new HsmError('04');
  const key = clearKey(ctx, f.key(), keyType(typeCode), '10');
  const length = f.hexLength(4);
  const raw = f.bytes(length);
  let message = raw;
  if (format === '1') {
    const text = raw.toString('latin1');
    if (!isHex(text)) throw new HsmError('15');
    message = Buffer.from(text, 'hex');
  }
  const method = Number(padding) as PaddingMethod;
  if (method === 0 && (message.length === 0 || message.length % 8 !== 0)) throw new HsmError('80');
  if (algorithm === '03') {
    if (key.length !== 16) throw new HsmError('27');
    return macAlgorithm3(key, message, method);
  }
  return macAlgorithm1(key, message, method);
}

/** M6 — generate a MAC. M7: MAC (16H). */
export const M6: CommandHandler = (f, ctx) => computeMac(f, ctx).toString('hex').toUpperCase();

/** M8 — verify a MAC: the M6 fields followed by the MAC (16H, or 8H for a 4-byte MAC). M9: 01 on mismatch. */
export const M8: CommandHandler = (f, ctx) => {
  const mac = computeMac(f, ctx);
  const given = f.remaining >= 16 ? f.hexBytes(8) : f.hexBytes(4);
  if (!equalBytes(mac.subarray(0, given.length), given)) throw new HsmError('01');
  return '';
};
