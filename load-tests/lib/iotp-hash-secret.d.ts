// Types of the shared message module (plain JS so k6 runs it as is); used by the jest tests and by
// the k6 type check.
export interface InjectedCrypto {
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  randomBytes(n: number): Uint8Array;
}
export interface XmlEl {
  name: string;
  attrs: [string, string][];
  children: (XmlEl | string)[];
}
export interface Customer {
  customerId: string;
  bankId: string;
  kcm: Uint8Array;
  kcb: Uint8Array;
}
/** A brand with its one protocol, as the demo merchant offers it (profile §3.1). */
export interface OfferBrand {
  brandId: string;
  brandName: string;
  brandLogoNetLocn: string;
  protocolBrandId: string;
  protocolId: string;
  protocolName: string;
}
export interface SignedOffer {
  iotpTransId: string;
  transTimeStamp: string;
  amount: string;
  currency: string;
  brand: OfferBrand;
  merchantOrgId: string;
  signedPayReceipt: boolean;
  parts: Record<string, XmlEl>;
  manifestHash: Uint8Array;
  digests: [string, string][];
  signatureValue: string;
}
export interface Payment {
  offer: SignedOffer;
  customer: Customer;
  nA: Uint8Array;
  nC?: Uint8Array;
  consumerPaymentId: string;
  c1: string;
  startedAt: Date;
  payId?: string;
}
export interface PaymentOptions {
  phUrl: string;
  customer?: string;
  amount?: string;
  currency?: string;
  now?: Date;
  signedPayReceipt?: boolean;
  iotpTransId?: string;
  orderId?: string;
  nA?: Uint8Array;
  consumerPaymentId?: string;
}
export interface PaymentResult {
  kind: string;
  ok: boolean;
  payId?: string;
  processState: string;
  completionCode?: string;
  receiptVerified: boolean;
  hsStatus?: string;
  balance?: string;
  problem?: string;
}
export interface Profile {
  kind: 'iterations' | 'constant-arrival-rate' | 'steps';
  p99Ms: number;
  payments?: number;
  concurrency?: number;
  maxSeconds?: number;
  rate?: number;
  seconds?: number;
  maxInFlight?: number;
  start?: number;
  step?: number;
  steps?: number;
  stepSeconds?: number;
  /** Held at the first step's rate before the steps, not reported. */
  warmupSeconds?: number;
}

export const IOTP_CONTENT_TYPE: string;
export const DEMO_MERCHANT: { orgId: string; keyId: string; keyHex: string };
export const DEMO_BANK: string;
export const WALLET_SOFTWARE_ID: string;
export const HASH_SECRET_BRAND: OfferBrand;
export const PROFILES: {
  smoke: Required<Pick<Profile, 'kind' | 'p99Ms' | 'payments' | 'concurrency' | 'maxSeconds'>>;
  load: Required<Pick<Profile, 'kind' | 'p99Ms' | 'rate' | 'seconds' | 'maxInFlight'>>;
  staircase: Required<
    Pick<Profile, 'kind' | 'p99Ms' | 'start' | 'step' | 'steps' | 'stepSeconds' | 'warmupSeconds' | 'maxInFlight'>
  >;
  soak: Required<Pick<Profile, 'kind' | 'p99Ms' | 'rate' | 'seconds' | 'maxInFlight'>>;
};
export const THRESHOLDS: { maxErrorRate: number; p99Ms: number };

export function utf8(s: string): Uint8Array;
export function concat(parts: Uint8Array[]): Uint8Array;
export function hex(bytes: Uint8Array): string;
export function fromHex(h: string): Uint8Array;
export function base64(bytes: Uint8Array): string;
export function fromBase64(text: string): Uint8Array;
export function el(name: string, attrs?: [string, string][], children?: (XmlEl | string)[]): XmlEl;
export function serialize(node: XmlEl | string): string;
export function domHash(crypto: InjectedCrypto, node: XmlEl | string, parentName?: string): Uint8Array;
export function hashLp(crypto: InjectedCrypto, ...fields: (string | Uint8Array)[]): Uint8Array;
export function macLp(
  crypto: InjectedCrypto,
  key: Uint8Array,
  ...fields: (string | Uint8Array)[]
): Uint8Array;
export function demoCustomer(
  crypto: InjectedCrypto,
  customerId: string,
  merchantOrgId?: string,
  bankId?: string,
): Customer;
export function minimalAmount(amount: string): string;
export function iotpTimestamp(d: Date): string;
export function newIotpTransId(now: Date, random16Hex: string, domain: string): string;
export function signedOffer(
  crypto: InjectedCrypto,
  o: {
    phUrl: string;
    customerId: string;
    amount: string;
    currency: string;
    now: Date;
    iotpTransId: string;
    orderId: string;
    signedPayReceipt?: boolean;
    merchant?: { orgId: string; keyId: string; keyHex: string };
    /** default HASH_SECRET_BRAND */
    brand?: OfferBrand;
  },
): SignedOffer;
/** The TransRefBlk of the Consumer's message number `msgNumber` (IDs C<n>.1, MsgId C<n>). */
export function transRef(offer: SignedOffer, msgNumber: number, respIotpMsg: string, now: Date): XmlEl;
/** `<?xml …?><IotpMessage xmlns=…>blocks</IotpMessage>` */
export function message(blocks: XmlEl[]): string;
/** C1: the offer's components and signature, the Brand Selection and the given PaySchemeData. */
export function paymentRequestMessage(offer: SignedOffer, now: Date, paySchemeData: XmlEl): string;
export function hsInitJson(customerId: string, nA: Uint8Array): string;
export function startPayment(crypto: InjectedCrypto, opts: PaymentOptions): Payment;
export function decodeRefs(s: string): string;
export function errorSummary(xml: string): string;
export function attrsOf(xml: string, name: string): Record<string, string> | undefined;
export function packagedJson(xml: string, name: string): Record<string, unknown> | undefined;
export function answerKind(xml: string): 'exchange' | 'response' | 'cancel' | 'error' | 'unknown';
export function answerChallenge(
  crypto: InjectedCrypto,
  pay: Payment,
  p1: string,
  now?: Date,
): { ok: boolean; body?: string; payId?: string; problem?: string };
export function checkPaymentResponse(crypto: InjectedCrypto, pay: Payment, p2: string): PaymentResult;
export function expectedOutcome(customerId: string): string;
export function endedAsExpected(result: PaymentResult, customerId: string): boolean;
