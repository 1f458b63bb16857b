import type { PackagedContent } from '@ph/payment-api';

/*
 * What a scheme bridge reports after one Payment API call. Defined here (not in bridges/common)
 * because the payment commands carry it and bridges depend on payments, never the reverse.
 */

/** One scheme message as it travels in an IOTP PackagedContent (profile §3.2). Same shape as the API's. */
export type SchemePackagedContent = PackagedContent;

/** The bridge's own memory between calls; recorded in events, so: no secrets. */
export type BridgeState = Readonly<Record<string, string>>;

export type FinalProcessState = 'CompletedOk' | 'Failed' | 'ProcessError';

export type SchemeOutcome =
  /** More scheme data for the Consumer: Payment Exchange Block, ContStatus=Continue. */
  | {
      readonly kind: 'continue';
      readonly schemeOut: readonly SchemePackagedContent[];
      readonly state: BridgeState;
    }
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
  | {
      readonly kind: 'refuse';
      readonly completionCode: string;
      readonly statusDesc: string;
      readonly state: BridgeState;
    }
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
  /**
   * The Existing Payment Software did not answer in time after the request was sent: it may have
   * acted. The payment becomes Suspended (reported as InProgress); ResumePaymentPaymentHandler later
   * asks again (P12/P13). `state` is what the bridge needs to find out what became of the request.
   */
  | {
      readonly kind: 'suspend';
      readonly reason: string;
      readonly state: BridgeState;
      /** When a retry makes sense (the Consumer's retransmission resumes the payment). */
      readonly minRetrySecs: number;
    }
  /** The Existing Payment Software is unreachable or busy; retrying the same call later can succeed. */
  | {
      readonly kind: 'transient';
      readonly errorCode: 'SystemBusy';
      readonly errorDesc: string;
      readonly minRetrySecs: number;
    };
