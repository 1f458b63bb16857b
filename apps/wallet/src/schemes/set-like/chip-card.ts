import { createCipheriv, createDecipheriv, timingSafeEqual } from 'node:crypto';

/*
 * The wallet's EMV chip (written independently of the HSM simulator, so the acquirer's ARQC check
 * through the HSM tests the wallet from outside): ICC master key by EMV 4.x Book 2 A1.4.1 option A,
 * the application cryptogram (ISO 9797-1 MAC algorithm 3) over CDOL-style data, ARPC method 1.
 *
 * Two cryptogram versions, as the HSM's KQ supports them:
 *  - `visa-cvn10` (Visa VSDC CVN 10): the ICC master key is the AC key, padding method 1;
 *  - `mchip` (Mastercard M/Chip): session key by the Mastercard SKD (R = ATC ‖ 0000 ‖ UN), padding
 *    method 2.
 */

/**
 * DEV ONLY: the demo issuer's master key for application cryptograms (MK-AC) of the demo chip cards,
 * 3DES double length, odd parity (first 16 bytes of SHA-256("IOTP demo issuer MK-AC for the SET-like
 * chip cards (DEV ONLY)")). A real card holds only its own ICC master key, personalised by the issuer;
 * the simulated card derives it from this key when it is "issued". Never use it for anything real.
 */
export const DEMO_ISSUER_MK_AC_HEX = '26836E85192AA77304DC2A4951B95116';

export type ChipCvn = 'visa-cvn10' | 'mchip';

/** What the issuer personalised into a chip card (public data only; the key is derived). */
export interface ChipProfile {
  readonly pan: string;
  /** PAN sequence number (EMV tag 5F34), 2 digits. */
  readonly psn: string;
  readonly cvn: ChipCvn;
  /** Application Interchange Profile (tag 82), 2 bytes hex. */
  readonly aip: string;
  /** Issuer Application Data (tag 9F10) without the CVR of this transaction: DKI and CVN. */
  readonly iadPrefix: string;
  /** Card Verification Results the card reports (part of the IAD and of the ARQC data). */
  readonly cvr: string;
}

/** The demo chip cards (DEV ONLY; EMV test-card numbers). The acquirer simulator seeds the same cards. */
export const DEMO_CHIP_CARDS: readonly ChipProfile[] = [
  {
    pan: '4761739001010010',
    psn: '01',
    cvn: 'visa-cvn10',
    aip: '1800',
    iadPrefix: '06010A',
    cvr: '03A00000',
  },
  { pan: '5413330089020011', psn: '00', cvn: 'mchip', aip: '5800', iadPrefix: '0110', cvr: 'A00000000000' },
];

export const demoChipProfile = (pan: string): ChipProfile | undefined =>
  DEMO_CHIP_CARDS.find((c) => c.pan === pan);

/** The chip data the wallet puts into PIData (encrypted to the payment gateway): EMV tags as hex. */
export interface ChipData {
  /** 9F26 Application Cryptogram (the ARQC). */
  readonly ARQC: string;
  /** 9F36 Application Transaction Counter. */
  readonly ATC: string;
  /** 9F37 Unpredictable Number. */
  readonly UN: string;
  /** 5F34 PAN Sequence Number. */
  readonly PANSeqNo: string;
  /** 9F02 Amount, Authorised (n12, minor units). */
  readonly AmtAuth: string;
  /** 9F03 Amount, Other. */
  readonly AmtOther: string;
  /** 9F1A Terminal Country Code. */
  readonly TermCountry: string;
  /** 95 Terminal Verification Results. */
  readonly TVR: string;
  /** 5F2A Transaction Currency Code. */
  readonly TxnCurrency: string;
  /** 9A Transaction Date (YYMMDD). */
  readonly TxnDate: string;
  /** 9C Transaction Type (00 = purchase). */
  readonly TxnType: string;
  /** 82 Application Interchange Profile. */
  readonly AIP: string;
  /** 9F10 Issuer Application Data (holds the CVR). */
  readonly IAD: string;
}

export interface ChipTransaction {
  /** Amount in minor units (exponent 2), decimal digits. */
  readonly amountMinor: string;
  /** ISO 4217 numeric currency code, 3 digits. */
  readonly currencyNumeric: string;
  readonly date: Date;
  /** The terminal's (here: the wallet's) unpredictable number, 4 bytes. */
  readonly un: Buffer;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

function tdes(key: Buffer, block: Buffer, encrypt = true): Buffer {
  const k = key.length === 8 ? Buffer.concat([key, key, key]) : Buffer.concat([key, key.subarray(0, 8)]);
  const c = encrypt ? createCipheriv('des-ede3', k, null) : createDecipheriv('des-ede3', k, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

function oddParity(key: Buffer): Buffer {
  return Buffer.from(
    Array.from(key, (b) => {
      let ones = 0;
      for (let bit = 2; bit < 0x100; bit <<= 1) if (b & bit) ones += 1;
      return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
    }),
  );
}

/** ICC master key, option A: 3DES_IMK(Y ‖ ¬Y), Y = rightmost 16 digits of PAN ‖ PSN, odd parity. */
export function iccMasterKeyOptionA(issuerMk: Buffer, pan: string, psn: string): Buffer {
  const y = Buffer.from((pan + psn).slice(-16).padStart(16, '0'), 'hex');
  const notY = Buffer.from(y.map((b) => b ^ 0xff));
  return oddParity(Buffer.concat([tdes(issuerMk, y), tdes(issuerMk, notY)]));
}

/** EMV session key from R (Book 2 A1.3.1): 3DES_MK(R with byte 3 = F0 ‖ R with byte 3 = 0F). */
function sessionKey(iccMk: Buffer, r: Buffer): Buffer {
  const left = Buffer.from(r);
  left[2] = 0xf0;
  const right = Buffer.from(r);
  right[2] = 0x0f;
  return oddParity(Buffer.concat([tdes(iccMk, left), tdes(iccMk, right)]));
}

/** ISO 9797-1 MAC algorithm 3 with padding method 1 (zeros) or 2 (0x80, then zeros). */
function retailMac(key: Buffer, data: Buffer, padding: 1 | 2): Buffer {
  const body = padding === 2 ? Buffer.concat([data, Buffer.from([0x80])]) : data;
  const padded = Buffer.concat([body, Buffer.alloc((8 - (body.length % 8)) % 8)]);
  const kl = key.subarray(0, 8);
  let chain: Buffer = Buffer.alloc(8);
  for (let i = 0; i < padded.length; i += 8)
    chain = tdes(kl, Buffer.from(chain.map((b, j) => b ^ padded[i + j])));
  return tdes(kl, tdes(key.subarray(8, 16), chain, false));
}

/** The CDOL-style data both the card and the issuer MAC: EMV Book 2's recommended elements + CVR. */
export function cryptogramData(d: ChipData, cvn: ChipCvn): Buffer {
  const iad = Buffer.from(d.IAD, 'hex');
  const cvr = cvn === 'visa-cvn10' ? iad.subarray(3, 7) : iad.subarray(2, 8);
  return Buffer.concat([
    Buffer.from(d.AmtAuth + d.AmtOther + d.TermCountry + d.TVR + d.TxnCurrency, 'hex'),
    Buffer.from(d.TxnDate + d.TxnType + d.UN + d.AIP + d.ATC, 'hex'),
    cvr,
  ]);
}

const yymmdd = (d: Date) => d.toISOString().slice(2, 10).replace(/-/g, '');

/**
 * A simulated EMV chip: its ICC master key (derived at issue from the DEV ONLY demo issuer key) and
 * its ATC. Each GENERATE AC advances the ATC, whatever the issuer later answers.
 */
export class ChipCard {
  readonly #iccMk: Buffer;
  #atc: number;

  constructor(
    readonly profile: ChipProfile,
    atc = 0,
    issuerMk: Buffer = Buffer.from(DEMO_ISSUER_MK_AC_HEX, 'hex'),
  ) {
    if (!Number.isInteger(atc) || atc < 0 || atc > 0xfffe) throw new RangeError('ATC out of range');
    this.#iccMk = iccMasterKeyOptionA(issuerMk, profile.pan, profile.psn);
    this.#atc = atc;
  }

  /** The last ATC used (0 = never). */
  get atc(): number {
    return this.#atc;
  }

  /** GENERATE AC (ARQC): the chip data for the issuer. */
  generateArqc(tx: ChipTransaction): ChipData {
    if (!/^\d{1,12}$/.test(tx.amountMinor) || !/^\d{3}$/.test(tx.currencyNumeric) || tx.un.length !== 4)
      throw new RangeError('chip transaction ill-formed');
    this.#atc += 1;
    const p = this.profile;
    const fields = {
      ATC: this.#atc.toString(16).toUpperCase().padStart(4, '0'),
      UN: hex(tx.un),
      PANSeqNo: p.psn,
      AmtAuth: tx.amountMinor.padStart(12, '0'),
      AmtOther: '000000000000',
      TermCountry: '0276',
      TVR: '0000008000',
      TxnCurrency: tx.currencyNumeric.padStart(4, '0'),
      TxnDate: yymmdd(tx.date),
      TxnType: '00',
      AIP: p.aip,
      IAD: p.iadPrefix + p.cvr,
    };
    const data = cryptogramData({ ...fields, ARQC: '' }, p.cvn);
    const arqc = retailMac(this.acKey(fields.ATC, fields.UN), data, p.cvn === 'mchip' ? 2 : 1);
    return { ARQC: hex(arqc), ...fields };
  }

  /** Issuer authentication: ARPC method 1 = 3DES_SK(ARQC ⊕ (ARC ‖ 00×6)) under this transaction's key. */
  verifyArpc(chip: ChipData, issuerAuthData: string): { ok: boolean; arc?: string } {
    if (!/^[0-9A-Fa-f]{20}$/.test(issuerAuthData)) return { ok: false };
    const ad = Buffer.from(issuerAuthData, 'hex');
    const arpc = ad.subarray(0, 8);
    const arc = ad.subarray(8, 10);
    const x = Buffer.concat([arc, Buffer.alloc(6)]);
    const arqc = Buffer.from(chip.ARQC, 'hex');
    const expected = tdes(this.acKey(chip.ATC, chip.UN), Buffer.from(arqc.map((b, i) => b ^ x[i])));
    return { ok: timingSafeEqual(expected, arpc), arc: arc.toString('latin1') };
  }

  private acKey(atc: string, un: string): Buffer {
    if (this.profile.cvn === 'visa-cvn10') return this.#iccMk;
    return sessionKey(this.#iccMk, Buffer.from(`${atc}0000${un}`, 'hex'));
  }

  toJSON(): object {
    return { pan: `${this.profile.pan.slice(0, 6)}…${this.profile.pan.slice(-4)}`, atc: this.#atc };
  }
}
