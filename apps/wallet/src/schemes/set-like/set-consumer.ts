import type { KeyObject } from 'node:crypto';
import type { ChipData } from './chip-card';
import type { CardholderWallet } from './set-card';
import {
  b64u,
  devKey,
  digest,
  dsInput,
  encryptFor,
  jcs,
  sha256,
  signRaw,
  verifySigned,
  type Jwk,
} from './set-crypto';

/** The Consumer side of the SET-like scheme (schemes.md §6.10, profile §3.4). */
export const SETLIKE = 'SETLIKE/1';

type Obj = Readonly<Record<string, unknown>>;
export type RandomBytes = (n: number) => Buffer;

export const encodeSet = (m: object): string => Buffer.from(JSON.stringify(m), 'utf8').toString('base64');

export function decodeSet(text: string, msg: string): Obj {
  const value = JSON.parse(Buffer.from(text.replace(/\s/g, ''), 'base64').toString('utf8')) as Obj;
  if (typeof value !== 'object' || value === null) throw new Error(`${msg}: not a JSON object`);
  if (value.ver !== SETLIKE) throw new Error(`${msg}: ver is not ${SETLIKE}`);
  if (value.msg !== msg) throw new Error(`expected ${msg}, got ${String(value.msg)}`);
  return value;
}

const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

export interface PInitReqOut {
  readonly text: string;
  readonly rrpid: string;
  readonly challC: string;
  readonly lidC: string;
}

export function buildPInitReq(
  protocolBrandId: string,
  lidC: string,
  now: Date,
  random: RandomBytes,
): PInitReqOut {
  const rrpid = b64u(random(16));
  const challC = b64u(random(16));
  const m = {
    ver: SETLIKE,
    msg: 'PInitReq',
    Date: iso(now),
    RRPID: rrpid,
    Language: 'en',
    'LID-C': lidC,
    'Chall-C': challC,
    BrandID: protocolBrandId,
    Thumbs: [],
  };
  return { text: encodeSet(m), rrpid, challC, lidC };
}

export interface AcceptedPInitRes {
  readonly transIds: Obj & { readonly XID: string };
  readonly challM: string;
  readonly merchantKey: Jwk;
  readonly gatewayKex: { readonly jwk: Jwk; readonly kid: string };
}

/** Checks PInitRes: our RRPID and Chall-C echoed, credentials signed by the CA, the PH's signature. */
export function checkPInitRes(text: string, init: PInitReqOut): AcceptedPInitRes | { problem: string } {
  let m: Obj;
  try {
    m = decodeSet(text, 'PInitRes');
  } catch (e) {
    return { problem: (e as Error).message };
  }
  if (m.RRPID !== init.rrpid || m['Chall-C'] !== init.challC)
    return { problem: 'PInitRes RRPID/Chall-C not ours' };
  const ca = devKey('ca').jwk;
  const creds = Array.isArray(m.Creds) ? (m.Creds as Obj[]) : [];
  if (!creds.every((c) => verifySigned(c, ca))) return { problem: 'a credential is not signed by the CA' };
  const merchant = creds.find((c) => c.CredType === 'merchant');
  const kex = creds.find((c) => c.CredType === 'gatewayKex');
  if (!merchant || !kex) return { problem: 'PInitRes lacks the merchant or gateway credential' };
  const kexKid = b64u(sha256(jcs(kex)));
  if (m.PEThumb !== kexKid) return { problem: 'PEThumb does not name the gateway credential' };
  if (!verifySigned(m, merchant.PubKey as Jwk)) return { problem: 'PInitRes signature does not verify' };
  const transIds = m.TransIDs as AcceptedPInitRes['transIds'];
  if (typeof transIds?.XID !== 'string' || transIds['LID-C'] !== init.lidC)
    return { problem: 'TransIDs not ours' };
  return {
    transIds,
    challM: String(m['Chall-M']),
    merchantKey: merchant.PubKey as Jwk,
    gatewayKex: { jwk: kex.PubKey as Jwk, kid: kexKid },
  };
}

export interface PurchAmtOut {
  readonly currency: string;
  readonly amount: string;
  readonly amtExp10: string;
}

const NUMERIC: Readonly<Record<string, string>> = {
  EUR: '978',
  USD: '840',
  GBP: '826',
  CHF: '756',
  JPY: '392',
};

export function purchAmt(amount: string, currency: string): PurchAmtOut {
  const [int, frac = ''] = amount.split('.');
  return {
    currency: NUMERIC[currency] ?? '000',
    amount: `${int}${frac}`.replace(/^0+(?=\d)/, ''),
    amtExp10: String(-frac.length),
  };
}

export interface PReqInput {
  readonly wallet: CardholderWallet;
  readonly init: PInitReqOut;
  readonly accepted: AcceptedPInitRes;
  readonly merchantId: string;
  /** The IOTP amount and currency as the wallet copies them (a test may alter them). */
  readonly amount: string;
  readonly currency: string;
  readonly od: string;
  /** The brand written into OIData (defaults to the credential's). */
  readonly brandId: string;
  readonly now: Date;
  readonly random: RandomBytes;
  /** A chip card's ARQC and the data it covers: inside PIData, so only the payment gateway reads them. */
  readonly chip?: ChipData;
}

export interface PReqOut {
  readonly text: string;
  readonly rrpid: string;
}

/** PReq: OIData for the PH, PIData encrypted for the gateway, both bound by the dual signature. */
export function buildPReq(p: PReqInput): PReqOut {
  const amt = purchAmt(p.amount, p.currency);
  const odSalt = b64u(p.random(16));
  const rrpid = b64u(p.random(16));
  const OIData = {
    TransIDs: p.accepted.transIds,
    RRPID: rrpid,
    'Chall-C': p.init.challC,
    'Chall-M': p.accepted.challM,
    HOD: digest({ OD: p.od, PurchAmt: amt, ODSalt: odSalt }),
    ODSalt: odSalt,
    OD: p.od,
    PurchAmt: amt,
    BrandID: p.brandId,
  };
  const PIData = {
    PIHead: {
      TransIDs: p.accepted.transIds,
      Inputs: { HOD: OIData.HOD, PurchAmt: amt },
      MerchantID: p.merchantId,
    },
    PANData: {
      PAN: p.wallet.card.pan,
      CardExpiry: p.wallet.card.expiry,
      PANSecret: p.wallet.panSecret,
      EXNonce: b64u(p.random(16)),
    },
    ...(p.chip ? { ChipData: p.chip } : {}),
  };
  const piDigest = digest(PIData);
  const ds = signRaw(p.wallet.key as KeyObject, dsInput(piDigest, digest(OIData)));
  const encPI = encryptFor(
    p.accepted.gatewayKex.jwk,
    p.accepted.gatewayKex.kid,
    p.accepted.transIds.XID,
    Buffer.from(JSON.stringify(PIData), 'utf8'),
    p.random(12),
  );
  const m = {
    ver: SETLIKE,
    msg: 'PReq',
    Date: iso(p.now),
    RRPID: rrpid,
    OIData,
    PIDigest: piDigest,
    DS: ds,
    EncPI: encPI,
    CardholderCred: p.wallet.credential,
  };
  return { text: encodeSet(m), rrpid };
}

export interface PResCheck {
  readonly ok: boolean;
  readonly completionCode?: string;
  readonly authCode?: string;
  readonly capCode?: string;
  readonly respReason?: string;
  /** A chip card's issuer authentication data (ARPC ‖ ARC, hex) when the issuer sent it. */
  readonly issuerAuthData?: string;
  readonly problems: readonly string[];
}

/** Verifies PRes (schemes.md §6.6 [IMPL]): the PH's signature, Chall-C, XID, our RRPID and the amount. */
export function checkPRes(
  text: string,
  expected: {
    init: PInitReqOut;
    accepted: AcceptedPInitRes;
    preq: PReqOut;
    amount: string;
    currency: string;
  },
): PResCheck {
  let m: Obj;
  try {
    m = decodeSet(text, 'PRes');
  } catch (e) {
    return { ok: false, problems: [(e as Error).message] };
  }
  const problems: string[] = [];
  if (!verifySigned(m, expected.accepted.merchantKey)) problems.push('PRes signature does not verify');
  if (m['Chall-C'] !== expected.init.challC) problems.push('Chall-C differs');
  if ((m.TransIDs as Obj | undefined)?.XID !== expected.accepted.transIds.XID) problems.push('XID differs');
  if (m.RRPID !== expected.preq.rrpid) problems.push('RRPID is not the PReq one');
  const payload = m.PResPayload as {
    CompletionCode?: string;
    Results?: { AuthStatus?: Obj; CapStatus?: Obj };
  };
  const auth = payload?.Results?.AuthStatus;
  const cap = payload?.Results?.CapStatus;
  const amt = purchAmt(expected.amount, expected.currency);
  const authAmt = auth?.AuthAmt as PurchAmtOut | undefined;
  if (auth?.AuthCode === 'approved' && jcs(authAmt) !== jcs(amt)) problems.push('authorised amount differs');
  return {
    ok: problems.length === 0,
    completionCode: payload?.CompletionCode,
    authCode: auth?.AuthCode as string | undefined,
    capCode: cap?.CapCode as string | undefined,
    respReason: auth?.RespReason as string | undefined,
    ...(typeof auth?.IssuerAuthData === 'string' ? { issuerAuthData: auth.IssuerAuthData } : {}),
    problems,
  };
}
