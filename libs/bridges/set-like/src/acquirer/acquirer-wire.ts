import type { Credential } from '../crypto/credentials';
import type { SigMember } from '../crypto/es256';
import type { PurchAmt } from '../messages/purch-amt';

/**
 * The JSON messages between the PH (as SET merchant) and the acquirer's payment gateway
 * (schemes.md §6.10–§6.11). The HTTP body is the message itself (no BASE64). Every message carries
 * the wrapper members `ver` ("SETLIKE/1"), `msg`, `Date`, `RRPID` and a `Sig` by its sender.
 */
export interface TransIds {
  readonly 'LID-C': string;
  readonly 'LID-M': string;
  readonly XID: string;
  readonly PReqDate: string;
  readonly Language: string;
}

export interface AuthReq {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'AuthReq';
  readonly Date: string;
  readonly RRPID: string;
  readonly TransIDs: TransIds;
  readonly MerchantID: string;
  readonly AuthReqAmt: PurchAmt;
  readonly CaptureNow: boolean;
  /** JWE for the gateway's key-exchange key; the PH cannot read it. */
  readonly EncPI: string;
  /** H(PIData) as sent by the cardholder. */
  readonly PIDigest: string;
  /** H(OIData) computed by the PH. */
  readonly OIDigest: string;
  /** The cardholder's dual signature. */
  readonly DS: string;
  readonly CardholderCred: Credential;
  readonly MerchantCred: Credential;
  readonly Sig?: SigMember;
}

export type AuthCode =
  | 'approved'
  | 'declined'
  | 'expiredCard'
  | 'amountError'
  | 'callIssuer'
  | 'systemError'
  | 'piPreviouslyUsed'
  | 'piAuthMismatch'
  | 'cardMerchBrandMismatch'
  | 'unspecifiedFailure';

export type CapCode =
  'success' | 'duplicateRequest' | 'authExpired' | 'invalidCapToken' | 'unknownXID' | 'unspecifiedFailure';

export interface CapStatus {
  readonly CapCode: CapCode;
  readonly CapAmt: PurchAmt;
  readonly CapRatio: string;
  readonly BatchID: string;
}

export interface AuthRes {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'AuthRes';
  readonly Date: string;
  readonly RRPID: string;
  readonly XID: string;
  readonly AuthCode: AuthCode;
  readonly AuthAmt: PurchAmt;
  /** "1" when the whole amount is authorised, "0" when nothing is. */
  readonly AuthRatio: string;
  readonly AuthDate: string;
  readonly RespReason: string;
  /**
   * Chip cards only: the issuer's authentication data (EMV tag 91: ARPC method 1 ‖ ARC, 20 hex digits)
   * for the cardholder's chip, present when the ARQC verified. Opaque to the PH.
   */
  readonly IssuerAuthData?: string;
  readonly CapStatus?: CapStatus;
  readonly CapToken?: string;
  readonly Sig?: SigMember;
}

export interface CapReq {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'CapReq';
  readonly Date: string;
  readonly RRPID: string;
  readonly XID: string;
  readonly MerchantID: string;
  readonly CapReqAmt: PurchAmt;
  readonly CapToken: string;
  readonly MerchantCred: Credential;
  readonly Sig?: SigMember;
}

export interface CapRes extends CapStatus {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'CapRes';
  readonly Date: string;
  readonly RRPID: string;
  readonly XID: string;
  readonly Sig?: SigMember;
}

export interface AuthRevReq {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'AuthRevReq';
  readonly Date: string;
  readonly RRPID: string;
  readonly XID: string;
  readonly MerchantID: string;
  /** "0" = full reversal. */
  readonly AuthNewAmt: string;
  readonly MerchantCred: Credential;
  readonly Sig?: SigMember;
}

export interface AuthRevRes {
  readonly ver: 'SETLIKE/1';
  readonly msg: 'AuthRevRes';
  readonly Date: string;
  readonly RRPID: string;
  readonly XID: string;
  readonly RevCode: 'success' | 'unknownXID' | 'alreadyCaptured';
  readonly Sig?: SigMember;
}

/** GET /set/xid/{XID}: not a SET message, the reconciliation view of one XID. */
export interface XidStatus {
  readonly XID: string;
  readonly state: 'unknown' | 'declined' | 'authorized' | 'captured' | 'reversed';
  readonly AuthCode?: AuthCode;
}
