import { emvOptionAY, kqCommand, type KqScheme } from '@ph/hsm-client';
import {
  cryptogramData as issuerCryptogramData,
  DEV_IMK_AC_UNDER_TEST_LMK,
} from '../../../../acquirer-simulator/src/chip';
import { HsmEngine } from '../../../../hsm-simulator/src/hsm-engine';
import {
  arpcMethod1,
  deriveCommonSessionKey,
  deriveIccMasterKeyA,
  generateAc,
  Lmk,
  mastercardSkdR,
  parseKeyType,
} from '../../../../hsm-simulator/src/crypto';
import {
  ChipCard,
  cryptogramData,
  DEMO_CHIP_CARDS,
  DEMO_ISSUER_MK_AC_HEX,
  iccMasterKeyOptionA,
  type ChipData,
} from './chip-card';

const h = (hex: string) => Buffer.from(hex, 'hex');
const lmk = Lmk.test();
const engine = new HsmEngine({ lmk });

/** KQ mode 1 through the HSM engine in-process, with the acquirer's issuer key under the test LMK. */
function kq(pan: string, cvn: KqScheme, chip: ChipData, arc = '00') {
  const command = kqCommand({
    scheme: cvn,
    issuerMkUnderLmk: DEV_IMK_AC_UNDER_TEST_LMK,
    y: emvOptionAY(pan, chip.PANSeqNo),
    atc: h(chip.ATC),
    un: h(chip.UN),
    data: issuerCryptogramData(chip, cvn),
    arqc: h(chip.ARQC),
    arc: Buffer.from(arc, 'latin1'),
  });
  const out = engine.execute(Buffer.concat([Buffer.from('0001'), command]));
  return { code: out.subarray(4, 6).toString(), error: out.subarray(6, 8).toString(), data: out.subarray(8) };
}

const tx = (un = '1A2B3C4D') => ({
  amountMinor: '1250',
  currencyNumeric: '978',
  date: new Date('2026-03-09T10:00:00Z'),
  un: h(un),
});

describe('the wallet chip card (EMV option A, ARQC, ARPC method 1)', () => {
  it('derives the ICC master key as pyemv documents (option A)', () => {
    const mk = h('0123456789ABCDEFFEDCBA9876543210');
    expect(iccMasterKeyOptionA(mk, '12345678901234567', '01').toString('hex').toUpperCase()).toBe(
      '73AD54688CEF2934B0979857E3C719F1',
    );
    expect(iccMasterKeyOptionA(mk, '99012345678901234', '45').toString('hex').toUpperCase()).toBe(
      '67F8292358083E5EA7AB7FDA58D53B6B',
    );
  });

  it('the acquirer holds the demo issuer key only under the test LMK, and it is the wallet issuer key', () => {
    const clear = lmk.decryptKey(h(DEV_IMK_AC_UNDER_TEST_LMK.slice(1)), parseKeyType('109')!, 'U');
    expect(clear.toString('hex').toUpperCase()).toBe(DEMO_ISSUER_MK_AC_HEX);
  });

  it.each(DEMO_CHIP_CARDS.map((c) => [c.cvn, c] as const))(
    '%s: the HSM (KQ) verifies the wallet ARQC and the wallet verifies the ARPC',
    (_cvn, profile) => {
      const card = new ChipCard(profile, 6);
      const chip = card.generateArqc(tx());
      expect(card.atc).toBe(7);
      expect(chip.ATC).toBe('0007');
      expect(chip.AmtAuth).toBe('000000001250');
      expect(chip.TxnCurrency).toBe('0978');
      expect(chip.TxnDate).toBe('260309');
      // Issuer and card build the same MAC input.
      expect(issuerCryptogramData(chip, profile.cvn)).toEqual(cryptogramData(chip, profile.cvn));

      const r = kq(profile.pan, profile.cvn, chip);
      expect([r.code, r.error]).toEqual(['KR', '00']);
      expect(r.data).toHaveLength(8);
      const issuerAuthData = Buffer.concat([r.data, Buffer.from('00')])
        .toString('hex')
        .toUpperCase();
      expect(card.verifyArpc(chip, issuerAuthData)).toEqual({ ok: true, arc: '00' });
      // A different ARC or a forged ARPC does not verify.
      const other = Buffer.concat([r.data, Buffer.from('05')])
        .toString('hex')
        .toUpperCase();
      expect(card.verifyArpc(chip, other).ok).toBe(false);
      expect(card.verifyArpc(chip, '00'.repeat(10)).ok).toBe(false);
    },
  );

  it('matches the HSM crypto module independently (M/Chip session key, padding 2; ARPC method 1)', () => {
    const profile = DEMO_CHIP_CARDS.find((c) => c.cvn === 'mchip')!;
    const chip = new ChipCard(profile).generateArqc(tx('01020304'));
    const iccMk = deriveIccMasterKeyA(h(DEMO_ISSUER_MK_AC_HEX), profile.pan, profile.psn);
    const sk = deriveCommonSessionKey(iccMk, mastercardSkdR(h(chip.ATC), h(chip.UN)));
    expect(generateAc(sk, cryptogramData(chip, 'mchip'), 2).toString('hex').toUpperCase()).toBe(chip.ARQC);
    const arpc = arpcMethod1(sk, h(chip.ARQC), Buffer.from('00'));
    expect(
      new ChipCard(profile).verifyArpc(chip, Buffer.concat([arpc, Buffer.from('00')]).toString('hex')).ok,
    ).toBe(true);
  });

  it('the HSM rejects a tampered ARQC, another amount, or another PAN sequence number (01)', () => {
    for (const profile of DEMO_CHIP_CARDS) {
      const chip = new ChipCard(profile).generateArqc(tx());
      const flipped = (parseInt(chip.ARQC[0], 16) ^ 1).toString(16).toUpperCase() + chip.ARQC.slice(1);
      expect(kq(profile.pan, profile.cvn, { ...chip, ARQC: flipped }).error).toBe('01');
      expect(kq(profile.pan, profile.cvn, { ...chip, AmtAuth: '000000001251' }).error).toBe('01');
      expect(kq(profile.pan, profile.cvn, { ...chip, PANSeqNo: '09' }).error).toBe('01');
    }
  });

  it('never serialises its key: toJSON has the masked PAN and the ATC only', () => {
    const card = new ChipCard(DEMO_CHIP_CARDS[0], 41);
    expect(JSON.parse(JSON.stringify(card))).toEqual({ pan: '476173…0010', atc: 41 });
  });
});
