import type { Credential } from '../crypto/credentials';
import type { SigMember } from '../crypto/es256';
import type { TransIds } from '../acquirer/acquirer-wire';
import { readPurchAmt, type PurchAmt } from './purch-amt';
import { B64U_ID, decodeSetPayload, objectAt, PROTOCOL_BRAND_ID, SetPayloadError, str } from './payload';

/** The SET-like messages of schemes.md §6.10 that travel inside IOTP. */
export interface PInitReq {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'PInitReq';
  readonly Date: string;
  readonly RRPID: string;
  readonly Language: string;
  readonly 'LID-C': string;
  readonly 'Chall-C': string;
  readonly BrandID: string;
  readonly Thumbs: readonly string[];
}

export interface PInitRes {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'PInitRes';
  readonly Date: string;
  readonly RRPID: string;
  readonly TransIDs: TransIds;
  readonly 'Chall-C': string;
  readonly 'Chall-M': string;
  readonly PEThumb: string;
  readonly Creds: readonly Credential[];
  readonly Sig?: SigMember;
}

export interface OIData {
  readonly TransIDs: TransIds;
  readonly RRPID: string;
  readonly 'Chall-C': string;
  readonly 'Chall-M': string;
  /** SHA-256(JCS{OD, PurchAmt, ODSalt}), base64url. */
  readonly HOD: string;
  readonly ODSalt: string;
  /** The SET OD (schemes.md §6.3), carried so the PH can recompute HOD (see README of the bridge). */
  readonly OD: string;
  readonly PurchAmt: PurchAmt;
  readonly BrandID: string;
}

export interface PReq {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'PReq';
  readonly Date: string;
  readonly RRPID: string;
  readonly OIData: OIData;
  readonly PIDigest: string;
  readonly DS: string;
  readonly EncPI: string;
  readonly CardholderCred: unknown;
}

export interface PResPayload {
  readonly CompletionCode: 'authorizationPerformed' | 'capturePerformed' | 'orderRejected';
  readonly Results: {
    readonly AuthStatus: {
      readonly AuthDate: string;
      readonly AuthCode: string;
      readonly AuthRatio: string;
      readonly AuthAmt: PurchAmt;
      readonly RespReason: string;
      /** Chip cards: the gateway's IssuerAuthData (ARPC ‖ ARC), passed through for the wallet's chip. */
      readonly IssuerAuthData?: string;
    };
    readonly CapStatus?: {
      readonly CapCode: string;
      readonly CapAmt: PurchAmt;
      readonly CapRatio: string;
      readonly BatchID: string;
    };
  };
}

export interface PRes {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'PRes';
  readonly Date: string;
  readonly RRPID: string;
  readonly TransIDs: TransIds;
  readonly 'Chall-C': string;
  readonly PResPayload: PResPayload;
  readonly Sig?: SigMember;
}

const LID = /^[!-~]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const LANG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

export function decodePInitReq(text: string): PInitReq {
  const o = decodeSetPayload(text, 'PInitReq');
  const thumbs = o.Thumbs ?? [];
  if (!Array.isArray(thumbs) || !thumbs.every((t) => typeof t === 'string'))
    throw new SetPayloadError('"Thumbs" must be an array of strings');
  return {
    ver: 'SETLIKE/1',
    msg: 'PInitReq',
    Date: str(o, 'Date', DATE),
    RRPID: str(o, 'RRPID', B64U_ID),
    Language: str(o, 'Language', LANG),
    'LID-C': str(o, 'LID-C', LID),
    'Chall-C': str(o, 'Chall-C', B64U_ID),
    BrandID: str(o, 'BrandID', PROTOCOL_BRAND_ID),
    Thumbs: thumbs as string[],
  };
}

export function readTransIds(value: Readonly<Record<string, unknown>>): TransIds {
  return {
    'LID-C': str(value, 'LID-C', LID),
    'LID-M': str(value, 'LID-M', LID),
    XID: str(value, 'XID', B64U_ID),
    PReqDate: str(value, 'PReqDate', DATE),
    Language: str(value, 'Language', LANG),
  };
}

export function decodePReq(text: string): PReq {
  const o = decodeSetPayload(text, 'PReq');
  const oi = objectAt(o, 'OIData');
  const purchAmt = readPurchAmt(oi.PurchAmt);
  if (!purchAmt) throw new SetPayloadError('"OIData.PurchAmt" missing or ill-formed');
  const OIData: OIData = {
    TransIDs: readTransIds(objectAt(oi, 'TransIDs')),
    RRPID: str(oi, 'RRPID', B64U_ID),
    'Chall-C': str(oi, 'Chall-C', B64U_ID),
    'Chall-M': str(oi, 'Chall-M', B64U_ID),
    HOD: str(oi, 'HOD', B64U_ID),
    ODSalt: str(oi, 'ODSalt', B64U_ID),
    OD: str(oi, 'OD', /^[A-Za-z0-9+/=]{1,64}$/),
    PurchAmt: purchAmt,
    BrandID: str(oi, 'BrandID', PROTOCOL_BRAND_ID),
  };
  return {
    ver: 'SETLIKE/1',
    msg: 'PReq',
    Date: str(o, 'Date', DATE),
    RRPID: str(o, 'RRPID', B64U_ID),
    OIData,
    PIDigest: str(o, 'PIDigest', B64U_ID),
    DS: str(o, 'DS', /^[A-Za-z0-9_-]{80,100}$/),
    EncPI: str(o, 'EncPI', /^[A-Za-z0-9_.-]{1,8192}$/),
    CardholderCred: objectAt(o, 'CardholderCred'),
  };
}
