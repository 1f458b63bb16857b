/**
 * The Payment API as the IOTP Application Core calls it (RFC 3867, PH role). The implementation
 * routes each call over the transport to the payment worker that hosts the bridge; the gateway never
 * touches a payment's stream itself.
 */

export interface SchemeData {
  readonly name?: string;
  readonly content: string;
  readonly transform: 'NONE' | 'BASE64';
  readonly value: string;
}

export interface ApiError {
  readonly errorCode: string;
  readonly errorDesc: string;
  readonly severity: 'Warning' | 'TransientError' | 'HardError';
  readonly minRetrySecs?: number;
  /** ErrorLocation as the bridge gives it: the IPB leaves message and block references empty. */
  readonly elementRef?: string;
  readonly attName?: string;
}

export type ContinueOutcome =
  | {
      readonly ok: true;
      readonly contStatus: 'Continue' | 'End';
      readonly schemeOut: readonly SchemeData[];
      /** PaymentNote contents that travel with the final scheme data (e.g. HS-Balance). */
      readonly notes: readonly SchemeData[];
    }
  | { readonly ok: false; readonly error: ApiError };

export interface ProcessStateInfo {
  readonly processState:
    'NotYetStarted' | 'InProgress' | 'Suspended' | 'CompletedOk' | 'Failed' | 'ProcessError';
  readonly completionCode?: string;
  readonly statusDesc?: string;
  readonly payReceiptNameRefs: readonly string[];
  /** InquireProcessState only: the receipt items available now (payment-api §7.12). */
  readonly receiptItems?: readonly SchemeData[];
}

export type StateOutcome =
  { readonly ok: true; readonly info: ProcessStateInfo } | { readonly ok: false; readonly error: ApiError };

export interface StartPaymentInput {
  readonly commandId: string;
  readonly payId: string;
  readonly iotpTransId: string;
  readonly paymentRef: string;
  readonly consumerPaymentId?: string;
  readonly brandId: string;
  readonly protocolId: string;
  readonly protocolBrandId?: string;
  readonly amount: string;
  readonly currCodeType: string;
  readonly currCode: string;
  readonly payDirection: string;
  readonly okFrom: string;
  readonly okTo: string;
  readonly merchantOrgId: string;
  readonly schemeIn: readonly SchemeData[];
  readonly tradingRoleData: readonly SchemeData[];
}

export interface PaymentApiClient {
  startPaymentPaymentHandler(bridgeId: string, input: StartPaymentInput): Promise<ContinueOutcome>;
  continueProcess(
    bridgeId: string,
    input: { commandId: string; payId: string; iotpTransId: string; schemeIn: readonly SchemeData[] },
  ): Promise<ContinueOutcome>;
  /** P12/P13: leaves a suspension with the scheme data the Consumer came back with. */
  resumePaymentPaymentHandler(
    bridgeId: string,
    input: { commandId: string; payId: string; iotpTransId: string; schemeIn: readonly SchemeData[] },
  ): Promise<ContinueOutcome>;
  inquireProcessState(bridgeId: string, payId: string): Promise<StateOutcome>;
  inquirePaymentStatus(bridgeId: string, payId: string): Promise<StateOutcome>;
  changeProcessState(
    bridgeId: string,
    input: {
      commandId: string;
      payId: string;
      iotpTransId: string;
      processState: string;
      completionCode?: string;
    },
  ): Promise<StateOutcome>;
}

export const PAYMENT_API_CLIENT = Symbol('PaymentApiClient');
