// Types of the SET-like message module (plain JS so k6 runs it as is); used by the jest tests, the
// Node runner's checks and the k6 type check.
import type { InjectedCrypto, OfferBrand, SignedOffer } from './iotp-hash-secret.js';

export type Awaitable<T> = T | Promise<T>;
/** A P-256 public key as credentials carry it (JWK without d). */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}
export interface PrivateJwk extends PublicJwk {
  d: string;
}
/** An opaque private key of the injected implementation (KeyObject, CryptoKey). */
export type PrivateKeyHandle = unknown;

/** What the SET-like module needs injected (see the head of iotp-set-like.js). */
export interface SetCrypto extends InjectedCrypto {
  sha1(data: Uint8Array): Uint8Array;
  ecGenerate(usage: 'sign' | 'derive'): Awaitable<{ privateKey: PrivateKeyHandle; publicJwk: PublicJwk }>;
  ecImportSigningKey(jwk: PrivateJwk): Awaitable<PrivateKeyHandle>;
  /** ECDSA P-256 with SHA-256 over `data`; IEEE P1363 (r ‖ s, 64 bytes). */
  ecdsaSign(privateKey: PrivateKeyHandle, data: Uint8Array): Awaitable<Uint8Array>;
  ecdsaVerify(publicJwk: PublicJwk, data: Uint8Array, signature: Uint8Array): Awaitable<boolean>;
  /** ECDH P-256 shared secret Z (32 bytes). */
  ecdh(privateKey: PrivateKeyHandle, publicJwk: PublicJwk): Awaitable<Uint8Array>;
  /** AES-256-GCM with a 128-bit tag: ciphertext ‖ tag. */
  aesGcmEncrypt(
    key: Uint8Array,
    iv: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): Awaitable<Uint8Array>;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export interface Credential {
  CredType: 'cardholder' | 'merchant' | 'gatewaySig' | 'gatewayKex';
  CredID: string;
  Subject: string;
  BrandID: string;
  PubKey: PublicJwk;
  NotBefore: string;
  NotAfter: string;
  AcctHash?: string;
  Sig: { alg: 'ES256'; kid: string; value: string };
}
export interface CardWallet {
  card: { pan: string; expiry: string };
  brand: 'VISA' | 'MasterCard';
  panSecret: string;
  privateKey: PrivateKeyHandle;
  credential: Credential;
  /** Verified merchant/gateway credentials by thumbprint. */
  creds: Record<string, Credential>;
}
export interface PurchAmt {
  currency: string;
  amount: string;
  amtExp10: string;
}
export interface PInitReq {
  ver: 'SETLIKE/1';
  msg: 'PInitReq';
  Date: string;
  RRPID: string;
  Language: string;
  'LID-C': string;
  'Chall-C': string;
  BrandID: string;
  Thumbs: string[];
}
export interface SetPayment {
  wallet: CardWallet;
  offer: SignedOffer;
  consumerPaymentId: string;
  init: PInitReq;
  /** The PInitReq as sent (BASE64). */
  pinitReq: string;
  c1: string;
  startedAt: Date;
  payId?: string;
  xid?: string;
  transIds?: Record<string, string>;
  challM?: string;
  merchantKey?: PublicJwk;
  preqRrpid?: string;
  purchAmt?: PurchAmt;
  /** The PReq as sent (BASE64). */
  preq?: string;
}
export interface SetPaymentOptions {
  phUrl: string;
  amount?: string;
  currency?: string;
  now?: Date;
  brand?: 'VISA' | 'MasterCard';
  signedPayReceipt?: boolean;
  iotpTransId?: string;
  orderId?: string;
  consumerPaymentId?: string;
}
export interface SetPaymentResult {
  kind: string;
  ok: boolean;
  payId?: string;
  xid?: string;
  processState: string;
  completionCode?: string;
  statusDesc?: string;
  receiptVerified: boolean;
  presCompletionCode?: string;
  authCode?: string;
  capCode?: string;
  respReason?: string;
  /** CapAmt of a successful capture in cents (0 when nothing was captured). */
  capturedCents?: number;
  problem?: string;
}
export interface ExpectedOutcome {
  processState: string;
  completionCode?: string;
  statusDesc?: string;
}

export const SETLIKE: 'SETLIKE/1';
export const SET_PROTOCOL_ID: 'SETv1.0';
export const SET_BRANDS: { VISA: OfferBrand; MasterCard: OfferBrand };
export const DEMO_CARDS: Record<string, { cardId: string; expiry: string; expect: ExpectedOutcome }>;
export const DEFAULT_CARDS: string[];
export const DEV_CA_PUBLIC: PublicJwk;

export function b64u(bytes: Uint8Array): string;
export function fromB64u(text: string): Uint8Array;
export function fromUtf8(bytes: Uint8Array): string;
export function jcs(value: unknown): string;
export function digest(crypto: SetCrypto, value: unknown): string;
export function thumbprint(crypto: SetCrypto, cred: unknown): string;
export function dsInput(crypto: SetCrypto, piDigest: string, oiDigest: string): Uint8Array;
export function signObject<T extends object>(
  crypto: SetCrypto,
  obj: T,
  privateKey: PrivateKeyHandle,
  kid: string,
): Promise<T & { Sig: { alg: 'ES256'; kid: string; value: string } }>;
export function verifyObject(crypto: SetCrypto, obj: unknown, publicJwk: PublicJwk): Promise<boolean>;
export function setOrderDescription(crypto: SetCrypto, text: string): string;
export function purchAmt(amount: string, currency: string): PurchAmt;
export function purchAmtCents(p: PurchAmt | undefined): number | undefined;
export function brandOfPan(pan: string): 'VISA' | 'MasterCard' | undefined;
export function maskedPan(pan: string): string;
export function devCaPrivateJwk(crypto: SetCrypto): PrivateJwk;
export function registerCard(
  crypto: SetCrypto,
  card: { pan: string; expiry?: string },
  opts?: { credentialBrand?: string },
): Promise<CardWallet>;
export function encodeSet(obj: object): string;
export function startSetPayment(crypto: SetCrypto, wallet: CardWallet, opts: SetPaymentOptions): SetPayment;
export function packagedContents(xml: string): ({ value: string } & Record<string, string>)[];
export function decodeSet(text: string, msg: string): Record<string, any>;
export function encryptPI(
  crypto: SetCrypto,
  recipientJwk: PublicJwk,
  kid: string,
  xid: string,
  plaintext: Uint8Array,
): Promise<string>;
export function answerPInitRes(
  crypto: SetCrypto,
  pay: SetPayment,
  p1: string,
  now?: Date,
): Promise<{ ok: boolean; body?: string; payId?: string; xid?: string; problem?: string }>;
export function checkSetPaymentResponse(
  crypto: SetCrypto,
  pay: SetPayment,
  p2: string,
): Promise<SetPaymentResult>;
export function expectedCardOutcome(pan: string): ExpectedOutcome;
export function cardEndedAsExpected(result: SetPaymentResult, pan: string): boolean;
export function parseCards(text: string | undefined): string[];
