/**
 * The IOTP Payment Bridge seen from the payment worker (RFC 3867 "IPB", Payment Handler role).
 * A bridge speaks one payment scheme to its Existing Payment Software (a bank, an acquirer, an HSM).
 * It holds no state of its own between calls: whatever it must remember is returned in `state`
 * and recorded by the worker in the payment's event stream, so it must never contain a secret.
 * The worker maps outcomes to Payment API responses and process states (spec payment-api §3.3).
 */

import type { BridgeState, FinalProcessState, SchemeOutcome, SchemePackagedContent } from '@ph/payments';

// The outcome types live in @ph/payments (commands carry them; bridges depend on payments, not the
// reverse). Re-exported here under their established names so existing bridges keep compiling.
export type { BridgeState, FinalProcessState, SchemePackagedContent };
/** What a bridge call reports; the same type as payments' SchemeOutcome. */
export type BridgeOutcome = SchemeOutcome;

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
  start(
    ctx: PaymentContext,
    schemeIn: readonly SchemePackagedContent[],
    /** The Merchant's TradingRoleData for the bridge (names start with `Payment:`, e.g. `Payment:SET-OD`). */
    merchantData?: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome>;
  /** ContinueProcess with the next scheme message(s) from a Payment Exchange Block. */
  continue(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome>;
  /**
   * ResumePaymentPaymentHandler on a payment this bridge suspended (RFC 3867 §7.9, P12/P13), from the
   * bridge state recorded at suspension. With scheme data the Consumer came back (its retransmission
   * or next message): carry on as `continue` would, re-asking the Existing Payment Software with the
   * same, idempotent request. With none the PH's janitor asks: find out from the Existing Payment
   * Software what became of the request outstanding at suspension and answer `suspend` again while it
   * does not know. Never answer from a cache (fresh data only, §7.9).
   */
  resume(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome>;
}
