import { inspect } from 'node:util';
import {
  accountNumber12,
  arpcMethod1,
  arpcMethod2,
  decodePinBlock,
  deriveCommonSessionKey,
  deriveIccMasterKeyA,
  deriveIccMasterKeyB,
  emvCskR,
  encodePinBlock,
  generateAc,
  hasOddParity,
  keyCheckValue,
  Lmk,
  macAlgorithm1,
  macAlgorithm3,
  pad,
  parseKeyType,
  PinBlockError,
  tdesDecryptEcb,
  TEST_LMK_HEX,
  toHex,
  visaPvv,
} from '.';

const h = (hex: string) => Buffer.from(hex, 'hex');
const MK = h('0123456789ABCDEFFEDCBA9876543210');

// Vectors from pyemv 1.5.0's documentation (docstrings of pyemv.kd, pyemv.ac, pyemv.tools).
describe('EMV key derivation (pyemv documented vectors)', () => {
  it('derives the ICC master key with option A', () => {
    expect(toHex(deriveIccMasterKeyA(MK, '12345678901234567', '01'))).toBe(
      '73AD54688CEF2934B0979857E3C719F1',
    );
    expect(toHex(deriveIccMasterKeyA(MK, '99012345678901234', '45'))).toBe(
      '67F8292358083E5EA7AB7FDA58D53B6B',
    );
  });

  it('derives the ICC master key with option B (PAN > 16 digits) and falls back to A for 16 digits', () => {
    expect(toHex(deriveIccMasterKeyB(MK, '12345678901234567', '01'))).toBe(
      'AD406D7F6D7570916D75E5DCAB8CF737',
    );
    expect(deriveIccMasterKeyB(MK, '1234567890123456', '00')).toEqual(
      deriveIccMasterKeyA(MK, '1234567890123456'),
    );
  });

  it('derives the EMV common session key', () => {
    expect(toHex(deriveCommonSessionKey(MK, h('001C000000000000')))).toBe('E9FB384AF807B940FEDCEA613461B0C4');
    expect(deriveCommonSessionKey(MK, emvCskR(h('001C')))).toEqual(h('E9FB384AF807B940FEDCEA613461B0C4'));
  });
});

describe('application cryptograms (pyemv documented vectors)', () => {
  const sk = h('AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB');
  const data = h(
    '000000002000' +
      '000000000000' +
      '0124' +
      '0000008000' +
      '0124' +
      '110309' +
      '00' +
      '3804823E' +
      '5800' +
      '0001',
  );

  it('generates the ARQC with padding method 2', () => {
    expect(toHex(generateAc(sk, data, 2))).toBe('3B76CF10FECD8789');
  });

  it('generates ARPC method 1 and method 2', () => {
    expect(toHex(arpcMethod1(sk, h('1234567890ABCDEF'), h('0000')))).toBe('F5E6F44147E2F1B0');
    expect(toHex(arpcMethod2(sk, h('1234567890ABCDEF'), h('00000000')))).toBe('9308BEBC');
  });

  it('reproduces the pyemv.ac module example end to end', () => {
    const sk2 = h('29B33180E567CE38EA4CBC9D753B0E61');
    const arqc = generateAc(sk2, h('0123456789ABCDEF0123456789ABCDEF'), 2);
    expect(toHex(arqc)).toBe('FA624250B008B59A');
    expect(toHex(arpcMethod1(sk2, arqc, h('0000')))).toBe('45D4255EEF10C920');
    expect(toHex(arpcMethod2(sk2, arqc, h('00000000')))).toBe('CB56FA40');
  });
});

describe('ISO/IEC 9797-1 MACs', () => {
  const key = MK;
  const text = Buffer.from('Now is the time for all ', 'ascii');

  it('matches the ISO 9797-1 annex example for algorithm 3 (retail MAC), padding method 1', () => {
    expect(toHex(macAlgorithm3(key, text, 1))).toBe('A1C72E74EA3FA9B6');
  });

  it('matches the ISO 9797-1 annex example for algorithm 1 (single DES), padding method 1', () => {
    expect(toHex(macAlgorithm1(key.subarray(0, 8), text, 1))).toBe('70A30640CC76DD8B');
  });

  it('pads with methods 1 and 2 as pyemv documents', () => {
    expect(toHex(pad(h('1234'), 1))).toBe('1234000000000000');
    expect(toHex(pad(h('1234'), 2))).toBe('1234800000000000');
    expect(toHex(pad(h('0102030405060708'), 2))).toBe('01020304050607088000000000000000');
    expect(() => pad(h('1234'), 0)).toThrow(RangeError);
  });

  it('refuses a single-length key for algorithm 3', () => {
    expect(() => macAlgorithm3(key.subarray(0, 8), text, 1)).toThrow(RangeError);
  });
});

describe('key check values and parity', () => {
  it('computes the KCV of the common test key (pyemv: 08D7)', () => {
    expect(toHex(keyCheckValue(MK))).toBe('08D7B4');
    expect(toHex(keyCheckValue(MK, 2))).toBe('08D7');
  });

  it('checks odd parity', () => {
    expect(hasOddParity(MK)).toBe(true);
    expect(hasOddParity(h('0023456789ABCDEF'))).toBe(false);
  });
});

describe('test LMK', () => {
  const lmk = Lmk.test();

  it('has the published test LMK pairs: every pair has odd parity and known KCVs', () => {
    expect(TEST_LMK_HEX).toHaveLength(20);
    for (const pair of TEST_LMK_HEX) expect(hasOddParity(h(pair))).toBe(true);
    expect(TEST_LMK_HEX[0]).toBe('01010101010101017902CD1FD36EF8BA');
    // The NC check value: 3DES of zeros under pair 00-01 (simulator definition), and per-pair KCVs.
    expect(lmk.checkValue()).toBe('7D22274C5745C5A1');
    expect(toHex(keyCheckValue(h(TEST_LMK_HEX[2])))).toBe('72C9C6');
    const zmkType = parseKeyType('000')!;
    const clear = h('0123456789ABCDEFFEDCBA9876543210');
    const encrypted = lmk.encryptKey(clear, zmkType, 'U');
    expect(lmk.decryptKey(encrypted, zmkType, 'U')).toEqual(clear);
  });

  it('applies the key-type variant and the double-length variants (scheme U ≠ X, type 001 ≠ 002)', () => {
    const clear = h('0123456789ABCDEFFEDCBA9876543210');
    const zpk = parseKeyType('001')!;
    const u = lmk.encryptKey(clear, zpk, 'U');
    const x = lmk.encryptKey(clear, zpk, 'X');
    expect(u).not.toEqual(x);
    // Scheme X is plain 3DES-ECB of each half under LMK 06-07 (variant 0).
    expect(tdesDecryptEcb(h('61616161616161617070707070707070'), x)).toEqual(clear);
    // Scheme U: left half under LMK 06-07 with A6 XOR-ed into byte 8, right half with 5A.
    expect(tdesDecryptEcb(h('6161616161616161D670707070707070'), u.subarray(0, 8))).toEqual(
      clear.subarray(0, 8),
    );
    expect(tdesDecryptEcb(h('61616161616161612A70707070707070'), u.subarray(8))).toEqual(clear.subarray(8));
    // Type 109 (MK-AC): LMK 28-29 with variant 1 (A6) on byte 0.
    const mkac = lmk.encryptKey(clear, parseKeyType('109')!, 'X');
    expect(tdesDecryptEcb(h('BC1A1A1A1A1A1A1A1C1C1C1C1C1C1C1C'), mkac)).toEqual(clear);
  });

  it('never serialises the LMK', () => {
    expect(JSON.stringify({ lmk })).toBe('{"lmk":"[LMK]"}');
    expect(inspect(lmk)).toBe('[LMK]');
  });

  it('loads an LMK from hex and rejects malformed input', () => {
    const hex = '0101010101010101'.repeat(40);
    expect(Lmk.fromHex(hex).checkValue()).toHaveLength(16);
    expect(() => Lmk.fromHex('00')).toThrow('20 pairs');
  });
});

describe('PIN blocks and PVV', () => {
  it('builds ISO format 0 blocks (cardutil documented examples)', () => {
    expect(toHex(encodePinBlock('1234', '01', accountNumber12('4441234567890123')))).toBe('041226CBA9876FED');
    expect(toHex(encodePinBlock('1234', '01', accountNumber12('1111222233334444')))).toBe('041226DDDCCCCBBB');
  });

  it('round-trips formats 0, 1 and 3 and rejects bad blocks', () => {
    const account = accountNumber12('4000123456789012');
    for (const format of ['01', '05', '47'] as const) {
      expect(decodePinBlock(encodePinBlock('987654', format, account), format, account)).toBe('987654');
    }
    expect(() => encodePinBlock('123', '01', account)).toThrow(PinBlockError);
    expect(() => decodePinBlock(h('FFFFFFFFFFFFFFFF'), '01', account)).toThrow(PinBlockError);
  });

  it('computes the Visa PVV (cardutil documented example)', () => {
    expect(
      visaPvv(h('5CA64B3C22BEC347CA7E6609904BAAED'), accountNumber12('4564320000980369'), '1', '2205'),
    ).toBe('3856');
  });
});
