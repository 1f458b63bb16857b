import {
  emvOptionAY,
  HsmCommandFailed,
  HsmConnection,
  HsmConnectionFailed,
  verifyArqcWithArpc,
  type KqScheme,
} from '@ph/hsm-client';

/**
 * DEV ONLY: the demo issuer's MK-AC under the HSM simulator's published payShield test LMK (key type
 * 109, variant scheme U). The acquirer simulator holds only this encrypted form; the clear key exists
 * in the HSM (and, to personalise the simulated cards, in the wallet's demo card issuer). Any real
 * deployment sets ACQ_IMK_AC_UNDER_LMK to its own key under its own LMK.
 */
export const DEV_IMK_AC_UNDER_TEST_LMK = 'U4035F66F1DC2E922E83177FA0E908174';

/** The chip data of PIData (EMV tags as hex, see the wallet's chip card). */
export interface ChipData {
  readonly ARQC: string;
  readonly ATC: string;
  readonly UN: string;
  readonly PANSeqNo: string;
  readonly AmtAuth: string;
  readonly AmtOther: string;
  readonly TermCountry: string;
  readonly TVR: string;
  readonly TxnCurrency: string;
  readonly TxnDate: string;
  readonly TxnType: string;
  readonly AIP: string;
  readonly IAD: string;
}

const FIELDS: Readonly<Record<keyof ChipData, RegExp>> = {
  ARQC: /^[0-9A-F]{16}$/,
  ATC: /^[0-9A-F]{4}$/,
  UN: /^[0-9A-F]{8}$/,
  PANSeqNo: /^[0-9]{2}$/,
  AmtAuth: /^[0-9]{12}$/,
  AmtOther: /^[0-9]{12}$/,
  TermCountry: /^[0-9]{4}$/,
  TVR: /^[0-9A-F]{10}$/,
  TxnCurrency: /^[0-9]{4}$/,
  TxnDate: /^[0-9]{6}$/,
  TxnType: /^[0-9]{2}$/,
  AIP: /^[0-9A-F]{4}$/,
  IAD: /^(?:[0-9A-F]{2}){7,32}$/,
};

/** ChipData of a decrypted PIData, or a reason (never echoing its values). */
export function readChipData(value: unknown): ChipData | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: 'ChipData ill-formed' };
  const o = value as Record<string, unknown>;
  for (const [key, pattern] of Object.entries(FIELDS)) {
    const v = o[key];
    if (typeof v !== 'string' || !pattern.test(v)) return { problem: `ChipData.${key} ill-formed` };
  }
  const out = {} as Record<string, string>;
  for (const key of Object.keys(FIELDS)) out[key] = o[key] as string;
  return out as unknown as ChipData;
}

/**
 * The data the card MAC'd, rebuilt by the issuer from the chip data (the CDOL-style layout of EMV
 * Book 2's recommended minimum set): amount, other amount, country, TVR, currency, date, type, UN,
 * AIP, ATC, then the CVR from the IAD (Visa CVN 10: IAD bytes 4–7; M/Chip: bytes 3–8).
 */
export function cryptogramData(d: ChipData, cvn: KqScheme): Buffer {
  const iad = Buffer.from(d.IAD, 'hex');
  const cvr = cvn === 'visa-cvn10' ? iad.subarray(3, 7) : iad.subarray(2, 8);
  return Buffer.concat([
    Buffer.from(d.AmtAuth + d.AmtOther + d.TermCountry + d.TVR + d.TxnCurrency, 'hex'),
    Buffer.from(d.TxnDate + d.TxnType + d.UN + d.AIP + d.ATC, 'hex'),
    cvr,
  ]);
}

/** The HSM could not check the cryptogram (unreachable, timed out, an HSM error): the gateway answers 503. */
export class IssuerHsmUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssuerHsmUnavailable';
  }
}

export interface IssuerHsmOptions {
  readonly host?: string;
  readonly port: number;
  /** Per-command time-out (default 2000 ms). */
  readonly timeoutMs?: number;
  /** The issuer's MK-AC under the HSM's LMK ('U' + 32 hex); default the DEV ONLY demo key. */
  readonly issuerMkAcUnderLmk?: string;
}

/** The issuer's side of the ARQC check: KQ mode 1 (verify + ARPC method 1) over the HSM's TCP port. */
export class IssuerHsm {
  private readonly connection: HsmConnection;
  private readonly mk: string;

  constructor(options: IssuerHsmOptions) {
    this.mk = (options.issuerMkAcUnderLmk ?? DEV_IMK_AC_UNDER_TEST_LMK).toUpperCase();
    if (!/^U[0-9A-F]{32}$/.test(this.mk))
      throw new Error("the issuer MK-AC under the LMK must be 'U' + 32 hex digits");
    this.connection = new HsmConnection({
      host: options.host,
      port: options.port,
      timeoutMs: options.timeoutMs ?? 2000,
    });
  }

  /** ARPC ‖ ARC (hex) when the ARQC verifies, undefined when it does not; throws when the HSM cannot say. */
  async verify(pan: string, cvn: KqScheme, chip: ChipData, arc: string): Promise<string | undefined> {
    const arcBytes = Buffer.from(arc, 'latin1');
    try {
      const result = await verifyArqcWithArpc(this.connection, {
        scheme: cvn,
        issuerMkUnderLmk: this.mk,
        y: emvOptionAY(pan, chip.PANSeqNo),
        atc: Buffer.from(chip.ATC, 'hex'),
        un: Buffer.from(chip.UN, 'hex'),
        data: cryptogramData(chip, cvn),
        arqc: Buffer.from(chip.ARQC, 'hex'),
        arc: arcBytes,
      });
      if (!result.verified) return undefined;
      return Buffer.concat([result.arpc, arcBytes]).toString('hex').toUpperCase();
    } catch (error) {
      if (error instanceof HsmConnectionFailed || error instanceof HsmCommandFailed)
        throw new IssuerHsmUnavailable(error.message);
      throw error;
    }
  }

  close(): void {
    this.connection.close();
  }
}
