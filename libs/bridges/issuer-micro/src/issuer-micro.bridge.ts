import { elInconsistent, encapProtErr, suspend, systemBusy } from '@ph/bridges/common';
import { minimalDecimal } from '@ph/money';
import type {
  AcceptedBrand,
  BridgeOutcome,
  BridgeState,
  PaymentBridge,
  PaymentContext,
  SchemePackagedContent,
} from '../../common/src/payment-bridge';
import type { IssuerMicroConfig } from './issuer-micro.config';
import {
  IssuerUnavailableError,
  signMicroAuthRequest,
  verifyMicroAuthResponse,
  type IssuerOperator,
  type MicroAuthRequest,
  type MicroAuthResponse,
  type MicroDeclineReason,
} from './issuer-operator.port';
import { decodeMpAuth, encodeMpResult, MP_AUTH, MP_RESULT, type MpStatus } from './messages';
import { packagedContent, singlePayload } from './payload';

/** Brand of profile §3.1. */
export const ISSUER_MICRO_BRAND: AcceptedBrand = {
  brandId: 'x-IssuerMicro',
  protocolId: 'x-IssuerMicro-1.0',
  protocolBrandId: 'IssuerMicro',
};

/** Profile §3.7: declines are InsuffFunds (funds or the period's micro spend used up) or Unspecified. */
const DECLINES: Readonly<Record<MicroDeclineReason, { code: MpStatus; desc: string }>> = {
  InsufficientBalance: { code: 'InsuffFunds', desc: 'Insufficient funds' },
  DailyLimitReached: { code: 'InsuffFunds', desc: 'Daily micro-payment limit reached' },
  OverPaymentLimit: { code: 'Unspecified', desc: 'Amount above the per-payment micro-payment limit' },
  UnknownCard: { code: 'Unspecified', desc: 'Card not enrolled for micro-payments' },
  CardBlocked: { code: 'Unspecified', desc: 'Card blocked' },
  CurrencyMismatch: { code: 'Unspecified', desc: 'Currency not supported for this card' },
  DuplicateTxn: { code: 'Unspecified', desc: 'Transaction id already used for another payment' },
};

/**
 * The PH as the merchant's micro-payment POS (seed 003 patents 2/4, schemes.md §4, profile §3.7): one
 * round trip. MP-Auth → MicroAuthRequest (merchantTxnId = PaymentHandlerPayId, so a retry after an
 * outage is answered from the issuer's ledger, never debited twice) → MP-Result, End.
 */
export class IssuerMicroBridge implements PaymentBridge {
  readonly id = 'issuer-micro';
  readonly brands: readonly AcceptedBrand[] = [ISSUER_MICRO_BRAND];

  constructor(
    private readonly config: IssuerMicroConfig,
    private readonly issuer: IssuerOperator,
  ) {}

  async start(ctx: PaymentContext, schemeIn: readonly SchemePackagedContent[]): Promise<BridgeOutcome> {
    let cardRef: string;
    try {
      cardRef = decodeMpAuth(singlePayload(schemeIn, MP_AUTH)).cardRef;
    } catch (error) {
      return encapProtErr(`MP-Auth: ${(error as Error).message}`);
    }
    let amount: string;
    try {
      amount = minimalDecimal(ctx.amount);
    } catch {
      return {
        kind: 'reject',
        errorCode: 'AttValIllegal',
        severity: 'HardError',
        errorDesc: 'Amount',
        attName: 'Amount',
      };
    }
    const kmio = this.config.merchantKey(ctx.merchantOrgId);
    if (kmio === undefined) {
      return {
        kind: 'refuse',
        completionCode: 'Unspecified',
        statusDesc: 'merchant not enrolled for micro-payments',
        state: {},
      };
    }
    const request = signMicroAuthRequest(kmio, {
      merchantId: ctx.merchantOrgId,
      merchantTxnId: ctx.payId,
      cardRef,
      amount,
      currency: ctx.currency,
      productId: ctx.iotpTransId.slice(0, 64),
      timestamp: ctx.now.toISOString(),
    });
    return this.authorise(ctx, kmio, request);
  }

  /**
   * ResumePaymentPaymentHandler of a payment suspended while the issuer was asked: resend the kept
   * request; the issuer answers it from its ledger (merchantTxnId) if it debited meanwhile. The
   * Consumer's MP-Auth, when it comes back with it, must name the same card.
   */
  async resume(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    const request = state.step === 'awaiting-issuer' ? readRequest(state.request) : undefined;
    if (request === undefined) return this.continue();
    if (schemeIn.length > 0) {
      let cardRef: string;
      try {
        cardRef = decodeMpAuth(singlePayload(schemeIn, MP_AUTH)).cardRef;
      } catch (error) {
        return encapProtErr(`MP-Auth: ${(error as Error).message}`);
      }
      if (cardRef !== request.cardRef)
        return elInconsistent('MP-Auth names another card than the one being charged');
    }
    const kmio = this.config.merchantKey(ctx.merchantOrgId);
    if (kmio === undefined) return suspend('merchant key not available', state);
    return this.authorise(ctx, kmio, request);
  }

  /** D1 → D2 and the MP-Result. No answer in time after D1 went out: suspended with D1 kept. */
  private async authorise(
    ctx: PaymentContext,
    kmio: Buffer,
    request: MicroAuthRequest,
  ): Promise<BridgeOutcome> {
    const { cardRef, amount } = request;
    let answer: MicroAuthResponse;
    try {
      answer = await this.issuer.microAuth(request);
    } catch (error) {
      if (error instanceof IssuerUnavailableError && error.maybeDelivered)
        return suspend(`issuer: ${error.message}`, {
          step: 'awaiting-issuer',
          request: JSON.stringify(request),
        });
      return systemBusy('issuer unavailable');
    }
    if (answer.merchantTxnId !== ctx.payId || !verifyMicroAuthResponse(kmio, answer)) {
      return systemBusy('issuer answer not authentic');
    }
    const state: BridgeState = {
      step: 'ended',
      cardRef,
      u: amount,
      cur: ctx.currency,
      authId: answer.authId,
      result: answer.result,
      ...(answer.reason ? { reason: answer.reason } : {}),
    };
    if (answer.result === 'approved') {
      return {
        kind: 'end',
        processState: 'CompletedOk',
        statusDesc: 'Micro-payment authorised by the issuer',
        schemeOut: [
          packagedContent(MP_RESULT, encodeMpResult({ authId: answer.authId, status: 'CompletedOk' })),
        ],
        receiptNameRefs: [MP_RESULT],
        state,
      };
    }
    const decline = DECLINES[answer.reason ?? 'DuplicateTxn'] ?? {
      code: 'Unspecified',
      desc: 'Declined by the issuer',
    };
    return {
      kind: 'end',
      processState: 'Failed',
      completionCode: decline.code,
      statusDesc: decline.desc,
      schemeOut: [
        packagedContent(MP_RESULT, encodeMpResult({ authId: answer.authId, status: decline.code })),
      ],
      state,
    };
  }

  async continue(): Promise<BridgeOutcome> {
    return {
      kind: 'reject',
      errorCode: 'ElUnexpected',
      severity: 'HardError',
      errorDesc: 'a micro-payment has one round trip',
    };
  }
}

const REQUEST_FIELDS = [
  'merchantId',
  'merchantTxnId',
  'cardRef',
  'amount',
  'currency',
  'productId',
  'timestamp',
  'mac',
] as const;

function readRequest(json: string | undefined): MicroAuthRequest | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    return REQUEST_FIELDS.every((k) => typeof parsed[k] === 'string')
      ? (parsed as unknown as MicroAuthRequest)
      : undefined;
  } catch {
    return undefined;
  }
}
