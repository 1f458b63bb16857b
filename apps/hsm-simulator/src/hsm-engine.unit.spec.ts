import { HsmControls } from './controls';
import {
  adjustParity,
  accountNumber12,
  arpcMethod1,
  decodePinBlock,
  deriveCommonSessionKey,
  encodePinBlock,
  generateAc,
  iccMasterKeyFromY,
  keyCheckValue,
  Lmk,
  mastercardSkdR,
  optionAY,
  optionBY,
  parseKeyType,
  tdesDecryptEcb,
  tdesEncryptEcb,
  toHex,
  decryptUnderKek,
  type KeyScheme,
} from './crypto';
import { HsmEngine } from './hsm-engine';

const h = (hex: string) => Buffer.from(hex, 'hex');
const lmk = Lmk.test();
const controls = new HsmControls();
const engine = new HsmEngine({ lmk, controls });

/** Key under the test LMK as a command field. */
function underLmk(clearHex: string, type: string, scheme: KeyScheme = 'U'): string {
  return scheme + toHex(lmk.encryptKey(h(clearHex), parseKeyType(type)!, scheme));
}

/** Published vectors ignore DES parity bits; keys under an LMK must have odd parity, which DES ignores. */
const odd = (hex: string) => toHex(adjustParity(h(hex)));

/** Sends `body` (command code + fields) with header 'HDR1'; returns [response code + error, rest]. */
function run(body: string | Buffer): { code: string; error: string; data: Buffer; text: string } {
  const payload = Buffer.concat([
    Buffer.from('HDR1'),
    typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
  ]);
  const out = engine.execute(payload);
  expect(out.subarray(0, 4).toString()).toBe('HDR1');
  const data = out.subarray(8);
  return {
    code: out.subarray(4, 6).toString(),
    error: out.subarray(6, 8).toString(),
    data,
    text: data.toString('latin1'),
  };
}

const bin = (...parts: (string | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

const ISSUER_MK = '0123456789ABCDEFFEDCBA9876543210';
const ZMK = '1C1C1C1C1C1C1C1C2A2A2A2A2A2A2A2A';
const TPK = odd('4CA2161637D0133E5E151AEA45DA2A16');
const ZPK = odd('A8C7D9F2BC3E5D6E1F2A3B4C5D6E7F80');

beforeEach(() => controls.reset());

describe('NC, A0, BU, A6, A8 — keys under the LMK', () => {
  it('NC returns ND00, the LMK check value and the firmware number', () => {
    const r = run('NC');
    expect([r.code, r.error]).toEqual(['ND', '00']);
    expect(r.text).toBe('7D22274C5745C5A1' + '0007-E000');
  });

  it('A0 mode 0 generates an odd-parity key under the LMK with its check value', () => {
    const r = run('A00001U');
    expect([r.code, r.error]).toEqual(['A1', '00']);
    expect(r.text).toMatch(/^U[0-9A-F]{32}[0-9A-F]{6}$/);
    const key = lmk.decryptKey(h(r.text.slice(1, 33)), parseKeyType('001')!, 'U');
    expect(toHex(keyCheckValue(key))).toBe(r.text.slice(33));
  });

  it('A0 mode 1 also returns the key under the ZMK', () => {
    const r = run('A01002U' + underLmk(ZMK, '000') + 'X');
    expect(r.error).toBe('00');
    const underLmkKey = lmk.decryptKey(h(r.text.slice(1, 33)), parseKeyType('002')!, 'U');
    const underZmkKey = decryptUnderKek(h(ZMK), h(r.text.slice(34, 66)), 'X');
    expect(underZmkKey).toEqual(underLmkKey);
    expect(r.text.slice(66)).toBe(toHex(keyCheckValue(underLmkKey)));
  });

  it('BU returns the 16-digit check value of a key under the LMK', () => {
    const r = run('BU091' + underLmk(ISSUER_MK, '009'));
    expect([r.code, r.error, r.text]).toEqual(['BV', '00', '08D7B4FB629D0885']);
    expect(run('BUFF1' + underLmk(ISSUER_MK, '109') + ';109').text).toBe('08D7B4FB629D0885');
  });

  it('A8 exports and A6 imports a key through a ZMK (schemes U and X)', () => {
    for (const scheme of ['U', 'X'] as const) {
      const exported = run('A8001' + underLmk(ZMK, '000') + underLmk(ZPK, '001') + scheme);
      expect([exported.code, exported.error]).toEqual(['A9', '00']);
      expect(exported.text.slice(33)).toBe(toHex(keyCheckValue(h(ZPK))));
      const imported = run('A6001' + underLmk(ZMK, '000') + exported.text.slice(0, 33) + 'U');
      expect([imported.code, imported.error]).toEqual(['A7', '00']);
      expect(lmk.decryptKey(h(imported.text.slice(1, 33)), parseKeyType('001')!, 'U')).toEqual(h(ZPK));
    }
  });

  it('A8 refuses to export ZMKs and e-purse master keys (29)', () => {
    expect(run('A8609' + underLmk(ZMK, '000') + underLmk(ISSUER_MK, '609') + 'U').error).toBe('29');
  });
});

describe('KQ — ARQC verification / ARPC generation (legacy)', () => {
  const pan = '12345678901234567';
  const atc = h('001C');
  const un = h('3804823E');
  const data = h('0000000020000000000000000124000000800001241103090038' + '04823E58000001');
  const arc = h('3030');

  function kq(mode: string, scheme: string, y: Buffer, arqc: Buffer, tx?: Buffer, extra = Buffer.alloc(0)) {
    const txFields = tx ? bin(toHex(Buffer.from([tx.length])), tx, ';') : Buffer.alloc(0);
    return run(bin('KQ', mode, scheme, underLmk(ISSUER_MK, '109'), y, atc, un, txFields, arqc, extra));
  }

  it('scheme 1 (M/Chip SKD) with option A: verifies the ARQC and returns ARPC method 1', () => {
    const y = optionAY(pan, '01');
    const sk = deriveCommonSessionKey(iccMasterKeyFromY(h(ISSUER_MK), y), mastercardSkdR(atc, un));
    const padded = Buffer.concat([data, h('80')]); // host-applied method 2 padding, as KQ documents
    const arqc = generateAc(sk, data, 2); // the card's method-2 ARQC
    expect(generateAc(sk, padded, 1)).toEqual(arqc);
    const r = kq('1', '1', y, arqc, padded, arc);
    expect([r.code, r.error]).toEqual(['KR', '00']);
    expect(r.data).toEqual(arpcMethod1(sk, arqc, arc));
    expect(kq('0', '1', y, arqc, padded).error).toBe('00');
    expect(kq('2', '1', y, arqc, undefined, arc).data).toEqual(arpcMethod1(sk, arqc, arc));
  });

  it('scheme 0 (Visa, no session key) with the option B value Y: pads method 1', () => {
    const y = optionBY(pan, '01');
    const iccMk = iccMasterKeyFromY(h(ISSUER_MK), y);
    expect(toHex(iccMk)).toBe('AD406D7F6D7570916D75E5DCAB8CF737'); // pyemv documented option B key
    const arqc = generateAc(iccMk, data, 1);
    expect(kq('0', '0', y, arqc, data).error).toBe('00');
  });

  it('a wrong ARQC is 01, a bad mode 04, a bad scheme 05, a single-length MK 27', () => {
    const y = optionAY(pan, '01');
    expect(kq('0', '1', y, h('0000000000000000'), data).error).toBe('01');
    expect(kq('7', '1', y, h('0000000000000000'), data).error).toBe('04');
    expect(kq('0', '3', y, h('0000000000000000'), data).error).toBe('05');
    const single = run(
      bin(
        'KQ01',
        underLmk('0123456789ABCDEF', '109', 'Z'),
        y,
        atc,
        un,
        '01',
        h('00'),
        ';',
        h('0000000000000000'),
      ),
    );
    expect(single.error).toBe('27');
  });

  it('a master key with bad parity under the LMK is 10', () => {
    const y = optionAY(pan, '01');
    const bad = 'U' + toHex(lmk.encryptKey(h('0023456789ABCDEFFEDCBA9876543210'), parseKeyType('109')!, 'U'));
    expect(run(bin('KQ01', bad, y, atc, un, '01', h('00'), ';', h('0000000000000000'))).error).toBe('10');
  });

  it('a truncated KQ is 15', () => {
    expect(run(bin('KQ01', underLmk(ISSUER_MK, '109'), h('0102'))).error).toBe('15');
  });
});

describe('KW — EMV 4.x common session key', () => {
  // pyemv.cvn.VisaCVN18 documented example: option B derivation, CSK, padding 2, ARPC method 2.
  const iss = odd('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  const data = h(
    '000000009999' +
      '000000000000' +
      '0840' +
      '8000048000' +
      '0840' +
      '991231' +
      '01' +
      '52BF4585' +
      '1800' +
      '0FFF' +
      '06011203A0B800',
  );

  function kw(mode: string, scheme: string, option: string, pan: string, tail: Buffer) {
    return run(
      bin(
        'KW',
        mode,
        scheme,
        underLmk(iss, '109'),
        option,
        String(pan.length).padStart(2, '0'),
        pan,
        '00',
        h('0FFF'),
        h('52BF4585'),
        tail,
      ),
    );
  }

  it('verifies the documented CVN 18 ARQC and returns the documented ARPC (method 2)', () => {
    const tail = bin(
      '2',
      toHex(Buffer.from([data.length])),
      data,
      ';',
      h('769577B5ABE9FE62'),
      h('00000000'),
      '0',
    );
    const r = kw('3', '1', 'B', '1234567890123456', tail);
    expect([r.code, r.error, toHex(r.data)]).toEqual(['KX', '00', '76503F48']);
  });

  it('ARPC only (mode 4), and a wrong ARQC in mode 3 is 01', () => {
    expect(
      toHex(kw('4', '1', 'A', '1234567890123456', bin(h('769577B5ABE9FE62'), h('00000000'), '0')).data),
    ).toBe('76503F48');
    const wrong = bin(
      '2',
      toHex(Buffer.from([data.length])),
      data,
      ';',
      h('769577B5ABE9FE63'),
      h('00000000'),
      '0',
    );
    expect(kw('3', '1', 'B', '1234567890123456', wrong).error).toBe('01');
  });

  it('rejects a bad derivation option or PAN length with 15', () => {
    expect(kw('4', '1', 'C', '1234567890123456', bin(h('769577B5ABE9FE62'), h('00000000'), '0')).error).toBe(
      '15',
    );
    expect(kw('4', '1', 'A', '12345', bin(h('769577B5ABE9FE62'), h('00000000'), '0')).error).toBe('15');
  });
});

describe('M6/M8 — MAC generation and verification', () => {
  const tak = () => underLmk(ISSUER_MK, '003');
  const text = 'Now is the time for all ';
  const m6 = (alg: string, pad: string, msg: string) =>
    run(`M600${alg}${pad}003${tak()}${msg.length.toString(16).toUpperCase().padStart(4, '0')}${msg}`);

  it('generates the ISO 9797-1 algorithm 3 annex MAC', () => {
    const r = m6('03', '1', text);
    expect([r.code, r.error, r.text]).toEqual(['M7', '00', 'A1C72E74EA3FA9B6']);
  });

  it('verifies a MAC (00) and detects a wrong one (01)', () => {
    const fields = `M800031003${tak()}0018${text}`;
    expect(run(fields + 'A1C72E74EA3FA9B6').code + run(fields + 'A1C72E74EA3FA9B6').error).toBe('M900');
    expect(run(fields + 'A1C72E74EA3FA9B7').error).toBe('01');
  });

  it('answers bad input: unknown key type 04, padding 0 on partial block 80, bad hex message 15', () => {
    expect(run(`M600031001${tak()}0004abcd`).error).toBe('04');
    expect(m6('03', '0', 'abc').error).toBe('80');
    expect(run(`M610031003${tak()}0004ZZZZ`).error).toBe('15');
  });
});

describe('CA, JC, JE, JG, DC, EC — PINs', () => {
  const pan = '4564320000980369';
  const account = accountNumber12(pan);
  const tpkField = () => underLmk(TPK, '002');
  const zpkField = () => underLmk(ZPK, '001');
  const blockUnder = (key: string, pin: string, fmt: '01' | '05' | '47' = '01') =>
    toHex(tdesEncryptEcb(h(key), encodePinBlock(pin, fmt, account)));

  it('CA translates a PIN block from TPK (format 0) to ZPK (format 3)', () => {
    const r = run(`CA${tpkField()}${zpkField()}12${blockUnder(TPK, '2205')}0147${account}`);
    expect([r.code, r.error]).toEqual(['CB', '00']);
    expect(r.text.slice(0, 2)).toBe('04');
    expect(r.text.slice(18)).toBe('47');
    expect(decodePinBlock(tdesDecryptEcb(h(ZPK), h(r.text.slice(2, 18))), '47', account)).toBe('2205');
  });

  it('JC/JE translate to the LMK and JG back to a ZPK', () => {
    const fromTpk = run(`JC${tpkField()}${blockUnder(TPK, '2205')}01${account}`);
    const fromZpk = run(`JE${zpkField()}${blockUnder(ZPK, '2205', '05')}05${account}`);
    expect([fromTpk.code, fromTpk.error, fromZpk.code, fromZpk.error]).toEqual(['JD', '00', 'JF', '00']);
    expect(fromTpk.text).toMatch(/^[0-9A-F]{16}$/);
    const back = run(`JG${zpkField()}01${account}${fromTpk.text}`);
    expect([back.code, back.error]).toEqual(['JH', '00']);
    expect(decodePinBlock(tdesDecryptEcb(h(ZPK), h(back.text)), '01', account)).toBe('2205');
    expect(run(`JG${zpkField()}01${accountNumber12('4000123456789012')}${fromTpk.text}`).error).toBe('14');
  });

  it('DC and EC verify the Visa PVV (cardutil example: PVV 3856)', () => {
    const pvk = underLmk(odd('5CA64B3C22BEC347CA7E6609904BAAED'), '002');
    expect(run(`DC${tpkField()}${pvk}${blockUnder(TPK, '2205')}01${account}13856`).code).toBe('DD');
    expect(run(`DC${tpkField()}${pvk}${blockUnder(TPK, '2205')}01${account}13856`).error).toBe('00');
    expect(run(`EC${zpkField()}${pvk}${blockUnder(ZPK, '2205')}01${account}13856`).error).toBe('00');
    expect(run(`EC${zpkField()}${pvk}${blockUnder(ZPK, '2206')}01${account}13856`).error).toBe('01');
  });

  it('answers an unknown PIN block format with 23 and a garbage PIN block with 20', () => {
    expect(run(`JC${tpkField()}${blockUnder(TPK, '2205')}99${account}`).error).toBe('23');
    expect(
      run(`JC${tpkField()}${toHex(tdesEncryptEcb(h(TPK), h('FFFFFFFFFFFFFFFF')))}01${account}`).error,
    ).toBe('20');
  });
});

describe('E1/E3 — e-purse SAM (simulator extensions)', () => {
  const purseMk = () => underLmk(ISSUER_MK, '609');
  const cardId = '0000000012345678';
  const record = Buffer.from('id_C|seq_C=7|amount=1250|EUR|N_M|id_M');
  const len = toHex(Buffer.from([0, record.length]));

  it('generates and verifies HMAC-SHA-256 and retail MACs with the derived card key', () => {
    for (const [alg, size] of [
      ['1', 64],
      ['3', 16],
    ] as const) {
      const mac = run(bin('E10', purseMk(), cardId, alg, len, record));
      expect([mac.code, mac.error]).toEqual(['E2', '00']);
      expect(mac.text).toHaveLength(size);
      expect(run(bin('E3', purseMk(), cardId, alg, len, record, mac.text)).code).toBe('E4');
      expect(run(bin('E3', purseMk(), cardId, alg, len, record, mac.text)).error).toBe('00');
      expect(run(bin('E3', purseMk(), '0000000012345679', alg, len, record, mac.text)).error).toBe('01');
    }
  });

  it('exports the card key under a ZMK for personalisation (mode 1)', () => {
    const r = run(bin('E11', purseMk(), cardId, underLmk(ZMK, '000'), 'U'));
    expect(r.error).toBe('00');
    const key = decryptUnderKek(h(ZMK), h(r.text.slice(1, 33)), 'U');
    expect(key).toEqual(iccMasterKeyFromY(h(ISSUER_MK), h(cardId)));
    expect(r.text.slice(33)).toBe(toHex(keyCheckValue(key)));
  });

  it('a key of another type (e.g. an MK-AC) is rejected by parity/variant (10)', () => {
    expect(run(bin('E10', underLmk(ISSUER_MK, '109'), cardId, '1', len, record)).error).toBe('10');
  });
});

describe('errors, framing and controls', () => {
  it('answers an unknown command with 68 and its advanced response code', () => {
    expect(run('XX').code + run('XX').error).toBe('XY68');
    expect(run('QZ123').code + run('QZ123').error).toBe('ZZ68');
  });

  it('answers a frame without a command code with ZZ15 and pads the missing header', () => {
    const out = engine.execute(Buffer.from('HD'));
    expect(out.toString()).toBe('HD00ZZ15');
  });

  it('answers bad hex (15), wrong key length (27), unknown key scheme (26) and key type (04)', () => {
    expect(run('BU001ZZZZZZZZZZZZZZZZ').error).toBe('15');
    expect(run('BU011' + underLmk('0123456789ABCDEF', '001', 'Z')).error).toBe('27');
    expect(run('BU011Q' + '0'.repeat(32)).error).toBe('26');
    expect(run('A00ZZZU').error).toBe('04');
    expect(run('A00001Q').error).toBe('26');
  });

  it('disabled commands answer 68; injected errors are returned for N commands', () => {
    controls.disable('NC');
    expect(run('NC').error).toBe('68');
    controls.enable('NC');
    controls.injectError('NC', '42', 2);
    expect([run('NC').error, run('NC').error, run('NC').error]).toEqual(['42', '42', '00']);
    controls.injectError('*', '17', 1);
    expect(run('A00001U').error).toBe('17');
  });

  it('never puts key material into error replies', () => {
    const r = run('A6001' + underLmk(ZMK, '000') + 'U' + '0'.repeat(32) + 'U');
    expect(r.data.length).toBe(0);
  });
});
