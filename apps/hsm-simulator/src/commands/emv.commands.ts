import { equalBytes } from '../crypto/bytes';
import {
  arpcMethod1,
  arpcMethod2,
  deriveCommonSessionKey,
  emvCskR,
  generateAc,
  iccMasterKeyFromY,
  mastercardSkdR,
  optionAY,
  optionBY,
} from '../crypto/emv';
import { KEY_TYPES } from '../crypto/lmk';
import { type PaddingMethod } from '../crypto/mac';
import { HsmError } from '../protocol/errors';
import { type FieldReader } from '../protocol/fields';
import { type CommandContext, type CommandHandler, clearKey, keyType, requireDouble } from './context';

function issuerMasterKey(f: FieldReader, ctx: CommandContext): Buffer {
  return requireDouble(clearKey(ctx, f.key(16), keyType(KEY_TYPES.MK_AC), '10'));
}

/** Transaction data: 2H length (1–255 bytes), the bytes, ';'. */
function transactionData(f: FieldReader): Buffer {
  const length = f.hexLength(2);
  if (length < 1) throw new HsmError('80');
  const data = f.bytes(length);
  f.delimiter(';');
  return data;
}

function verify(expected: Buffer, given: Buffer): void {
  if (!equalBytes(expected, given)) throw new HsmError('01');
}

/**
 * KQ — ARQC verification and/or ARPC generation (the older command; payShield "Legacy Host Commands").
 * Mode (1N: 0 verify, 1 verify + ARPC, 2 ARPC only), scheme ID (1N: 0 Visa VSDC/UKIS — the ICC master
 * key is the AC key, no session key; 1 Europay/Mastercard M/Chip — session key by the Mastercard SKD,
 * R = ATC ‖ 0000 ‖ UN), MK-AC (32H or 1A+32H, key type 109), PAN/PSN (8B, pre-formatted Y of EMV
 * option A — or of option B, which the host formats the same way), ATC (2B), UN (4B); modes 0/1:
 * transaction data length (2H), data (nB), ';'; ARQC (8B); modes 1/2: ARC (2B).
 * As documented, the host adds any scheme padding (0x80 for method 2); the HSM only zero-pads to a
 * whole block (method 1). ARPC is method 1. KR: [ARPC 8B].
 */
export const KQ: CommandHandler = (f, ctx) => {
  const mode = f.text(1);
  if (!['0', '1', '2'].includes(mode)) throw new HsmError('04');
  const scheme = f.text(1);
  if (scheme !== '0' && scheme !== '1') throw new HsmError('05');
  const issuerMk = issuerMasterKey(f, ctx);
  const y = f.bytes(8);
  const atc = f.bytes(2);
  const un = f.bytes(4);
  const data = mode === '2' ? undefined : transactionData(f);
  const arqc = f.bytes(8);
  const arc = mode === '0' ? undefined : f.bytes(2);

  const iccMk = iccMasterKeyFromY(issuerMk, y);
  const sessionKey = scheme === '0' ? iccMk : deriveCommonSessionKey(iccMk, mastercardSkdR(atc, un));
  if (data) verify(generateAc(sessionKey, data, 1), arqc);
  return arc ? arpcMethod1(sessionKey, arqc, arc) : Buffer.alloc(0);
};

/**
 * KW — ARQC verification and/or ARPC generation with EMV 4.x key derivation (simulator layout; the
 * field order follows KQ, with the additions EMV 4.x needs):
 * Mode (1N: 0 verify, 1 verify + ARPC method 1, 2 ARPC method 1 only, 3 verify + ARPC method 2,
 * 4 ARPC method 2 only), scheme ID (1N: 0 no session key (Visa CVN 10), 1 EMV common session key
 * R = ATC ‖ 00×6 (EMV 4.x Book 2 A1.3.1), 2 Mastercard SKD R = ATC ‖ 0000 ‖ UN), MK-AC (key field),
 * ICC master key derivation (1A: A or B), PAN length (2N, 12–19), PAN (nN), PSN (2N), ATC (2B), UN (4B);
 * modes 0/1/3: padding method (1N: 1 or 2, applied by the HSM), transaction data length (2H), data (nB),
 * ';'; ARQC (8B); modes 1/2: ARC (2B); modes 3/4: CSU (4B), proprietary data length (1N, 0–8), data (nB).
 * KX: [ARPC: 8B method 1, 4B method 2].
 */
export const KW: CommandHandler = (f, ctx) => {
  const mode = f.text(1);
  if (!['0', '1', '2', '3', '4'].includes(mode)) throw new HsmError('04');
  const scheme = f.text(1);
  if (!['0', '1', '2'].includes(scheme)) throw new HsmError('05');
  const issuerMk = issuerMasterKey(f, ctx);
  const option = f.text(1);
  if (option !== 'A' && option !== 'B') throw new HsmError('15');
  const panLength = Number(f.digits(2));
  if (panLength < 12 || panLength > 19) throw new HsmError('15');
  const pan = f.digits(panLength);
  const psn = f.digits(2);
  const atc = f.bytes(2);
  const un = f.bytes(4);
  const verifies = mode === '0' || mode === '1' || mode === '3';
  let padding: PaddingMethod = 1;
  let data: Buffer | undefined;
  if (verifies) {
    const p = f.text(1);
    if (p !== '1' && p !== '2') throw new HsmError('15');
    padding = Number(p) as PaddingMethod;
    data = transactionData(f);
  }
  const arqc = f.bytes(8);

  const iccMk = iccMasterKeyFromY(issuerMk, option === 'A' ? optionAY(pan, psn) : optionBY(pan, psn));
  const sessionKey =
    scheme === '0'
      ? iccMk
      : deriveCommonSessionKey(iccMk, scheme === '1' ? emvCskR(atc) : mastercardSkdR(atc, un));
  let arpc: Buffer = Buffer.alloc(0);
  if (mode === '1' || mode === '2') {
    arpc = arpcMethod1(sessionKey, arqc, f.bytes(2));
  } else if (mode === '3' || mode === '4') {
    const csu = f.bytes(4);
    const propLength = Number(f.digits(1));
    if (propLength > 8) throw new HsmError('15');
    arpc = arpcMethod2(sessionKey, arqc, csu, f.bytes(propLength));
  }
  if (data) verify(generateAc(sessionKey, data, padding), arqc);
  return arpc;
};
