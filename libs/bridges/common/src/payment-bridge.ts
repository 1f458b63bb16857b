/**
 * The IOTP Payment Bridge seen from the payment worker (RFC 3867 "IPB", Payment Handler role).
 * A bridge speaks one payment scheme to its Existing Payment Software (a bank, an acquirer, an HSM).
 * It holds no state of its own between calls: whatever it must remember is returned in `state`
 * and recorded by the worker in the payment's event stream, so it must never contain a secret.
 * The worker maps outcomes to Payment API responses and process states (spec payment-api §3.3).
 */

/** One scheme message as it travels in an IOTP PackagedContent (profile §3.2). */
export interface SchemePackagedContent {
  readonly name?: string;
  /** The `Content` attribute, e.g. 'MIME:application/json' or 'PCDATA'. */
  readonly content: string;
  readonly transform: 'NONE' | 'BASE64';
  /** The element text exactly as on the wire (base64 text when transform is BASE64). */
  readonly value: string;
}

/** Facts about the payment that every bridge call receives (all from the Payment Request). */
export interface PaymentContext {
  /** PaymentHandlerPayId (profile §3.2: 'PH' + 12 Crockford base32 characters). */
  readonly payId: string;
  readonly iotpTransId: string;
  readonly brandId: string;
  readonly protocolId: string;
  readonly protocolBrandId: string;
  /** CurrencyAmount/@Amount exactly as received (decimal string, e.g. '12.50'). */
  readonly amount: string;
  /** ISO 4217 alphabetic code. */
  readonly currency: string;
  /** The Merchant's OrgId, lower-cased. */
  readonly merchantOrgId: string;
  /** The time the worker handles this call (injected so decisions are testable). */
  readonly now: Date;
}

/** The bridge's own memory between calls; recorded in events, so: no secrets. */
export type BridgeState = Readonly<Record<string, string>>;

export type FinalProcessState = 'CompletedOk' | 'Failed' | 'ProcessError';

export type BridgeOutcome =
  /** More scheme data for the Consumer: Payment Exchange Block, ContStatus=Continue. */
  | { readonly kind: 'continue'; readonly schemeOut: readonly SchemePackagedContent[]; readonly state: BridgeState }
  /** The scheme has ended (ContStatus=End): a Payment Response Block follows. */
  | {
      readonly kind: 'end';
      readonly processState: FinalProcessState;
      /** Required unless CompletedOk (RFC 2801 §7.16.2 codes, e.g. InsuffFunds, AuthError, Unspecified). */
      readonly completionCode?: string;
      readonly statusDesc: string;
      readonly schemeOut: readonly SchemePackagedContent[];
      /** PaymentNote contents (e.g. HS-Balance). */
      readonly notes?: readonly SchemePackagedContent[];
      /** PackagedContent names that make up the receipt (only with CompletedOk). */
      readonly receiptNameRefs?: readonly string[];
      readonly state: BridgeState;
    }
  /**
   * The bridge refuses or aborts the payment (Cancel Block on the wire, profile §2.3): the payment
   * becomes Failed with this code; the worker answers the call with BusError.
   */
  | { readonly kind: 'refuse'; readonly completionCode: string; readonly statusDesc: string; readonly state: BridgeState }
  /** The input was wrong; nothing changes (Error Block on the wire). */
  | {
      readonly kind: 'reject';
      readonly errorCode: string;
      readonly severity: 'HardError' | 'Warning';
      readonly errorDesc: string;
      /** Where the problem is: the ID of the offending element and/or attribute name. */
      readonly elementRef?: string;
      readonly attName?: string;
    }
  /** The Existing Payment Software is unreachable or busy; retrying the same call later can succeed. */
  | { readonly kind: 'transient'; readonly errorCode: 'SystemBusy'; readonly errorDesc: string; readonly minRetrySecs: number };

export interface AcceptedBrand {
  readonly brandId: string;
  readonly protocolId: string;
  readonly protocolBrandId: string;
}

export interface PaymentBridge {
  /** Bridge id, also the topic name part: paymentapi.<id>.requests */
  readonly id: string;
  readonly brands: readonly AcceptedBrand[];
  /** StartPaymentPaymentHandler with the Consumer's first scheme message(s). */
  start(ctx: PaymentContext, schemeIn: readonly SchemePackagedContent[]): Promise<BridgeOutcome>;
  /** ContinueProcess with the next scheme message(s) from a Payment Exchange Block. */
  continue(ctx: PaymentContext, state: BridgeState, schemeIn: readonly SchemePackagedContent[]): Promise<BridgeOutcome>;
}
