import { HsmConnectionFailed, type HsmConnection } from './hsm-connection';

/**
 * KQ (payShield legacy host command, as the HSM simulator implements it): ARQC verification and ARPC
 * method 1 generation under an issuer master key for application cryptograms (MK-AC, key type 109)
 * held under the HSM's LMK. The host never sees a clear key: it passes the key in its under-LMK form.
 *
 * Scheme 0 = Visa VSDC (CVN 10: the ICC master key is the AC key, data zero-padded, ISO 9797-1
 * padding method 1); scheme 1 = Mastercard M/Chip (session key by the Mastercard SKD, R = ATC ‖ 0000 ‖
 * UN; the card pads with method 2, so the host appends the 0x80 before sending, as KQ documents).
 */
export type KqScheme = 'visa-cvn10' | 'mchip';

export interface KqVerifyRequest {
  readonly scheme: KqScheme;
  /** The MK-AC under the LMK: 'U' + 32 hex digits (variant LMK, double length). */
  readonly issuerMkUnderLmk: string;
  /** Y of EMV option A: rightmost 16 digits of PAN ‖ PSN. */
  readonly y: Buffer;
  readonly atc: Buffer;
  readonly un: Buffer;
  /** The card's CDOL data as it computed the ARQC over them (without padding). */
  readonly data: Buffer;
  readonly arqc: Buffer;
  /** Authorisation response code for the ARPC (2 bytes, e.g. '00' as ASCII 0x3030). */
  readonly arc: Buffer;
}

export type KqResult = { readonly verified: true; readonly arpc: Buffer } | { readonly verified: false };

/** The HSM answered with an error code other than 00/01 (bad key, bad data, disabled command …). */
export class HsmCommandFailed extends Error {
  constructor(
    readonly command: string,
    readonly errorCode: string,
  ) {
    super(`HSM answered ${command} with error ${errorCode}`);
    this.name = 'HsmCommandFailed';
  }
}

const UNDER_LMK = /^U[0-9A-F]{32}$/;

/** Y of EMV 4.x Book 2 A1.4.1 option A: the rightmost 16 digits of PAN ‖ PSN (zero-padded left). */
export function emvOptionAY(pan: string, psn: string): Buffer {
  if (!/^\d{12,19}$/.test(pan) || !/^\d{2}$/.test(psn)) throw new RangeError('PAN or PSN ill-formed');
  return Buffer.from((pan + psn).slice(-16).padStart(16, '0'), 'hex');
}

/** The KQ command (mode 1: verify the ARQC and generate ARPC method 1), without the message header. */
export function kqCommand(r: KqVerifyRequest): Buffer {
  if (!UNDER_LMK.test(r.issuerMkUnderLmk)) throw new RangeError("the MK-AC must be 'U' + 32 hex digits");
  if (
    r.y.length !== 8 ||
    r.atc.length !== 2 ||
    r.un.length !== 4 ||
    r.arqc.length !== 8 ||
    r.arc.length !== 2
  )
    throw new RangeError('KQ field of the wrong length');
  const data = r.scheme === 'mchip' ? Buffer.concat([r.data, Buffer.from([0x80])]) : r.data;
  if (data.length < 1 || data.length > 255) throw new RangeError('KQ transaction data of 1–255 bytes');
  return Buffer.concat([
    Buffer.from(`KQ1${r.scheme === 'visa-cvn10' ? '0' : '1'}${r.issuerMkUnderLmk}`, 'latin1'),
    r.y,
    r.atc,
    r.un,
    Buffer.from(data.length.toString(16).toUpperCase().padStart(2, '0'), 'latin1'),
    data,
    Buffer.from(';', 'latin1'),
    r.arqc,
    r.arc,
  ]);
}

/**
 * Sends KQ: `verified` with the ARPC when the ARQC verifies, `verified: false` on error 01. Any other
 * answer is thrown (HsmCommandFailed; HsmConnectionFailed when the HSM cannot be reached) — a caller
 * must never treat an unanswered check as passed.
 */
export async function verifyArqcWithArpc(connection: HsmConnection, r: KqVerifyRequest): Promise<KqResult> {
  const answer = await connection.send(kqCommand(r));
  if (answer.responseCode !== 'KR') throw new HsmConnectionFailed('HSM answered KQ with another response');
  if (answer.errorCode === '01') return { verified: false };
  if (answer.errorCode !== '00') throw new HsmCommandFailed('KQ', answer.errorCode);
  if (answer.data.length !== 8) throw new HsmCommandFailed('KQ', 'malformed ARPC');
  return { verified: true, arpc: answer.data };
}
