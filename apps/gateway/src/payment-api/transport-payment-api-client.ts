import { paymentApiClientLatency } from '@ph/platform';
import {
  NoHandlerError,
  type PaymentApiTransport,
  RequestTimeoutError,
  TransportClosedError,
} from '@ph/messaging';
import type {
  ApiRequest,
  ErrorResponse,
  IotpPaymentApiRequest,
  IotpPaymentApiResponse,
  PackagedContent,
  ProcessState,
  RequestOf,
} from '@ph/payment-api';
import type {
  ApiError,
  ContinueOutcome,
  PaymentApiClient,
  ProcessStateInfo,
  SchemeData,
  StartPaymentInput,
  StateOutcome,
} from '../app-core/payment-api-client';

/*
 * Wire conventions shared with the payment worker (apps/payment-worker/src/wire-conventions.ts;
 * apps do not import each other, so they are repeated here and the unit test runs both together):
 *
 * - commandId → the transport's correlationId (the worker's idempotency key), never in the XML.
 * - iotpTransId and paymentRef of StartPaymentPaymentHandler → one reserved
 *   TradingRoleDataPackagedContent named PH_CONTEXT_NAME holding JSON (the Payment API has no slot).
 * - PaymentNote contents: the worker appends the payment's notes (`paymentNotes(state)` of
 *   @ph/payments) to the PaySchemePackagedContent of every ContStatus=End answer, each renamed
 *   NOTE_PREFIX + its Name; this adapter splits them off into `notes` and restores their Names. The
 *   answer stays a pure function of the payment's stream, so a retransmission gets identical notes.
 */
export const PH_CONTEXT_NAME = 'Payment:x-ph-context';
export const NOTE_PREFIX = 'x-ph-note:';

export interface TransportPaymentApiClientOptions {
  /** How long a Payment API call may take before the gateway gives up (the reply then goes to late replies). */
  readonly timeoutMs: number;
  /** Where transport failures are reported (the Consumer only sees UnknownError or SystemBusy). */
  readonly onTransportError?: (error: unknown, call: string, payId: string) => void;
}

/** The adapter of the gateway's PaymentApiClient port: Payment API requests over the transport. */
export class TransportPaymentApiClient implements PaymentApiClient {
  constructor(
    private readonly transport: PaymentApiTransport,
    private readonly options: TransportPaymentApiClientOptions,
  ) {}

  async startPaymentPaymentHandler(bridgeId: string, input: StartPaymentInput): Promise<ContinueOutcome> {
    const request: RequestOf<'StartPaymentPaymentHandler'> = {
      call: 'StartPaymentPaymentHandler',
      BrandId: input.brandId,
      ...(input.consumerPaymentId !== undefined && { ConsumerPayId: input.consumerPaymentId }),
      CurrCodeType: input.currCodeType as RequestOf<'StartPaymentPaymentHandler'>['CurrCodeType'],
      CurrCode: input.currCode,
      Amount: input.amount,
      PayDirection: input.payDirection as RequestOf<'StartPaymentPaymentHandler'>['PayDirection'],
      ProtocolId: input.protocolId,
      ...(input.protocolBrandId !== undefined && { ProtocolBrandId: input.protocolBrandId }),
      OkFrom: input.okFrom,
      OkTo: input.okTo,
      PaymentHandlerPayId: input.payId,
      MerchantOrgId: input.merchantOrgId,
      TradingRoleDataPackagedContent: [
        ...input.tradingRoleData.map(toPackagedContent),
        {
          name: PH_CONTEXT_NAME,
          content: 'MIME:application/json',
          transform: 'NONE',
          value: JSON.stringify({ iotpTransId: input.iotpTransId, paymentRef: input.paymentRef }),
        },
      ],
      ...(input.schemeIn.length > 0 && { PaySchemePackagedContent: input.schemeIn.map(toPackagedContent) }),
    };
    return this.continueOutcome(await this.send(bridgeId, input.payId, request, input.commandId));
  }

  async continueProcess(
    bridgeId: string,
    input: { commandId: string; payId: string; iotpTransId: string; schemeIn: readonly SchemeData[] },
  ): Promise<ContinueOutcome> {
    const request = {
      call: 'ContinueProcess',
      PayId: input.payId,
      PaySchemePackagedContent: input.schemeIn.map(toPackagedContent),
    } as RequestOf<'ContinueProcess'>;
    return this.continueOutcome(await this.send(bridgeId, input.payId, request, input.commandId));
  }

  async resumePaymentPaymentHandler(
    bridgeId: string,
    input: { commandId: string; payId: string; iotpTransId: string; schemeIn: readonly SchemeData[] },
  ): Promise<ContinueOutcome> {
    const request = {
      call: 'ResumePaymentPaymentHandler',
      PaymentHandlerPayId: input.payId,
      ...(input.schemeIn.length > 0 && { PaySchemePackagedContent: input.schemeIn.map(toPackagedContent) }),
    } as RequestOf<'ResumePaymentPaymentHandler'>;
    return this.continueOutcome(await this.send(bridgeId, input.payId, request, input.commandId));
  }

  async inquireProcessState(bridgeId: string, payId: string): Promise<StateOutcome> {
    const res = await this.send(bridgeId, payId, { call: 'InquireProcessState', PayId: payId });
    return stateOutcome(res, (r) =>
      r.call === 'InquireProcessState'
        ? {
            ...info(r.ProcessState, r.CompletionCode, r.StatusDesc, r.PayReceiptNameRefs),
            receiptItems: ((r.PackagedContent ?? []) as readonly PackagedContent[]).map(toSchemeData),
          }
        : undefined,
    );
  }

  async inquirePaymentStatus(bridgeId: string, payId: string): Promise<StateOutcome> {
    const res = await this.send(bridgeId, payId, {
      call: 'InquirePaymentStatus',
      PaymentHandlerPayId: payId,
    });
    return stateOutcome(res, (r) =>
      r.call === 'InquirePaymentStatus' ? info(r.ProcessState, r.CompletionCode, r.StatusDesc) : undefined,
    );
  }

  async changeProcessState(
    bridgeId: string,
    input: {
      commandId: string;
      payId: string;
      iotpTransId: string;
      processState: string;
      completionCode?: string;
    },
  ): Promise<StateOutcome> {
    const request: RequestOf<'ChangeProcessState'> = {
      call: 'ChangeProcessState',
      PayId: input.payId,
      ProcessState: input.processState as ProcessState,
      ...(input.completionCode !== undefined && { CompletionCode: input.completionCode }),
    };
    const res = await this.send(bridgeId, input.payId, request, input.commandId);
    return stateOutcome(res, (r) =>
      r.call === 'ChangeProcessState' ? info(r.ProcessState, r.CompletionCode, r.StatusDesc) : undefined,
    );
  }

  /** Sends one request; transport failures become an ApiError (TransientError SystemBusy). */
  private async send(
    bridgeId: string,
    payId: string,
    request: ApiRequest,
    commandId?: string,
  ): Promise<IotpPaymentApiResponse | ApiError> {
    const envelope: IotpPaymentApiRequest = { request };
    const stopTimer = paymentApiClientLatency.startTimer({ call: request.call });
    try {
      const reply = await this.transport.request(`paymentapi.${bridgeId}.requests`, payId, envelope, {
        timeoutMs: this.options.timeoutMs,
        ...(commandId !== undefined && { correlationId: commandId }),
      });
      stopTimer();
      return reply as IotpPaymentApiResponse;
    } catch (error) {
      stopTimer();
      this.options.onTransportError?.(error, request.call, payId);
      if (
        error instanceof RequestTimeoutError ||
        error instanceof NoHandlerError ||
        error instanceof TransportClosedError
      ) {
        return {
          errorCode: 'SystemBusy',
          errorDesc: `System busy. The payment bridge did not answer ${request.call} in time.`,
          severity: 'TransientError',
          minRetrySecs: 5,
        };
      }
      return {
        errorCode: 'UnknownError',
        errorDesc: `Unknown error. ${request.call} could not be sent to the payment bridge.`,
        severity: 'HardError',
      };
    }
  }

  private continueOutcome(res: IotpPaymentApiResponse | ApiError): ContinueOutcome {
    if (isApiError(res)) return { ok: false, error: res };
    const r = res.response;
    if (
      r &&
      'ContStatus' in r &&
      (res.ErrorResponse === undefined || res.ErrorResponse.Severity === 'Warning')
    ) {
      const all = (r.PaySchemePackagedContent ?? []) as readonly PackagedContent[];
      const isNote = (pc: PackagedContent) => pc.name?.startsWith(NOTE_PREFIX) === true;
      return {
        ok: true,
        contStatus: r.ContStatus,
        schemeOut: all.filter((pc) => !isNote(pc)).map(toSchemeData),
        notes: all.filter(isNote).map((pc) => {
          const name = (pc.name as string).slice(NOTE_PREFIX.length);
          return toSchemeData(name === '' ? { ...pc, name: undefined } : { ...pc, name });
        }),
      };
    }
    return { ok: false, error: errorOf(res) };
  }
}

const isApiError = (v: IotpPaymentApiResponse | ApiError): v is ApiError => 'errorCode' in v;

function stateOutcome(
  res: IotpPaymentApiResponse | ApiError,
  read: (r: NonNullable<IotpPaymentApiResponse['response']>) => ProcessStateInfo | undefined,
): StateOutcome {
  if (isApiError(res)) return { ok: false, error: res };
  const got =
    res.response && (res.ErrorResponse === undefined || res.ErrorResponse.Severity === 'Warning')
      ? read(res.response)
      : undefined;
  return got ? { ok: true, info: got } : { ok: false, error: errorOf(res) };
}

function info(
  processState: ProcessState,
  completionCode: string | undefined,
  statusDesc: string | undefined,
  payReceiptNameRefs: readonly string[] | string | undefined = [],
): ProcessStateInfo {
  const refs =
    typeof payReceiptNameRefs === 'string'
      ? payReceiptNameRefs.split(/\s+/).filter(Boolean)
      : payReceiptNameRefs;
  return {
    processState,
    ...(completionCode !== undefined && { completionCode }),
    ...(statusDesc !== undefined && { statusDesc }),
    payReceiptNameRefs: [...refs],
  };
}

function errorOf(res: IotpPaymentApiResponse): ApiError {
  const e: ErrorResponse | undefined = res.ErrorResponse;
  if (!e) {
    return {
      errorCode: 'UnknownError',
      errorDesc: 'Unknown error. The payment bridge gave an unexpected answer.',
      severity: 'HardError',
    };
  }
  const where = e.ErrorLocation[0];
  const retry = e.MinRetrySecs === undefined ? undefined : Number(e.MinRetrySecs);
  return {
    errorCode: e.ErrorCode,
    errorDesc: e.ErrorDesc,
    severity: e.Severity,
    ...(retry !== undefined && Number.isFinite(retry) && { minRetrySecs: retry }),
    ...(where?.ElementRef !== undefined && { elementRef: where.ElementRef }),
    ...(where?.AttName !== undefined && { attName: where.AttName }),
  };
}

const toPackagedContent = (d: SchemeData): PackagedContent => ({
  ...(d.name !== undefined && { name: d.name }),
  content: d.content,
  transform: d.transform,
  value: d.value,
});

const toSchemeData = (pc: PackagedContent): SchemeData => ({
  ...(pc.name !== undefined && { name: pc.name }),
  content: pc.content,
  transform: pc.transform,
  value: pc.value,
});
