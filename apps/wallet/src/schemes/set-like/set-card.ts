import { createHash } from 'node:crypto';
import { b64u, devKey, newKey, sha256, signed, type Jwk } from './set-crypto';
import type { KeyObject } from 'node:crypto';

/** A test card the wallet holds (profile §3.4). The PAN never leaves the wallet except inside EncPI. */
export interface SetLikeCard {
  /** 12–19 digits. */
  readonly pan: string;
  /** YYYY-MM. */
  readonly expiry: string;
}

export type CardBrand = 'VISA' | 'MasterCard';

/** Brand from the BIN: 4… VISA, 51–55 / 2221–2720 MasterCard. */
export function brandOfPan(pan: string): CardBrand | undefined {
  if (/^4\d{11,18}$/.test(pan)) return 'VISA';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'MasterCard';
  return undefined;
}

/** first6…last4: what the wallet prints. */
export const maskedPan = (pan: string): string => `${pan.slice(0, 6)}…${pan.slice(-4)}`;

/** The card, its PANSecret and the cardholder key with a CA-signed credential (schemes.md §6.9). */
export interface CardholderWallet {
  readonly card: SetLikeCard;
  readonly brand: CardBrand;
  readonly panSecret: string;
  readonly key: KeyObject;
  readonly credential: Readonly<Record<string, unknown>> & { readonly PubKey: Jwk; readonly BrandID: string };
}

/**
 * Simulated SET cardholder registration: a fresh key pair and PANSecret, and a credential signed by the
 * DEV ONLY simulated CA (the SET-like stand-in for the CA's certificate issuance). `credentialBrand`
 * defaults to the card's brand.
 */
export function registerCard(
  card: SetLikeCard,
  random: (n: number) => Buffer,
  credentialBrand?: string,
): CardholderWallet {
  const brand = brandOfPan(card.pan);
  if (!brand) throw new Error(`card ${maskedPan(card.pan)}: unknown brand`);
  if (!/^\d{4}-\d{2}$/.test(card.expiry)) throw new Error('card expiry must be YYYY-MM');
  const key = newKey();
  const panSecret = b64u(random(16));
  const ca = devKey('ca');
  const fields = {
    CredType: 'cardholder',
    CredID: `ch-${b64u(random(9))}`,
    Subject: 'cardholder',
    BrandID: credentialBrand ?? brand,
    PubKey: key.jwk,
    NotBefore: '2020-01-01T00:00:00Z',
    NotAfter: '2099-12-31T23:59:59Z',
    AcctHash: b64u(sha256(`${card.pan}${card.expiry}${panSecret}`)),
  };
  return {
    card,
    brand,
    panSecret,
    key: key.privateKey,
    credential: signed(fields, ca.privateKey, 'SETLIKE-DEV-CA'),
  };
}

/**
 * SET OD (schemes.md §6.3): SHA-1 over the UTF-16BE text, BASE64. Our offers carry no Order component,
 * so the wallet digests a text naming the transaction, the Payment and the amount.
 */
export function setOrderDescription(text: string): string {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return createHash('sha1').update(be).digest('base64');
}
