import type { PendingPaymentIndex } from './pending-payment-index';
import { createHash } from 'node:crypto';
import type { PaymentBridge, PaymentContext } from '@ph/bridges/common';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  WrongExpectedRevisionError,
} from '@ph/event-store';
import {
  type CallType,
  errorAt,
  type FindAcceptedPaymentBrandResponse,
  type FindAcceptedPaymentProtocolResponse,
  type IotpPaymentApiRequest,
  type IotpPaymentApiResponse,
  makeErrorResponse,
  notPaymentHandlerCall,
  type PackagedContent,
  PAYMENT_HANDLER_CALLS,
  type RequestOf,
} from '@ph/payment-api';
import {
  checkPaymentReceipt,
  decide,
  digestSchemeIn,
  expandPaymentReceipt,
  fold,
  fromStoredEvent,
  inquirePaymentStatus,
  inquirePendingPayment,
  inquireProcessState,
  isFinal,
  paymentNotes,
  paymentStream,
  PAYMENT_STREAM_PREFIX,
  type PaymentCommand,
  type PaymentStartContext,
  type PaymentTransactionState,
  precheck,
  type PrecheckInput,
  type RecordedReply,
  type Rejection,
  rejectionResponse,
  responseForReply,
  stateReply,
  toNewEvents,
} from '@ph/payments';
import { StateCache, createLogger, paymentApiCalls, paymentsFinished } from '@ph/platform';
import { PH_CONTEXT_NAME, asNote, readIotpContext } from './wire-conventions';

/** Retries of the whole load → bridge → decide → append cycle after a version conflict. */
export const MAX_CONFLICT_RETRIES = 3;

export interface WorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PaymentApiRequestHandlerOptions {
  readonly bridges: readonly PaymentBridge[];
  readonly store: EventStore;
  /** Injected clock (bridge context `now`, event `occurredAt`). */
  readonly now?: () => Date;
  readonly logger?: WorkerLogger;
  /** Test-only fault injection; default: env PH_FAULT_CRASH_AFTER_SCHEME_CALL=1. */
  readonly crashAfterSchemeCall?: boolean;
  /** What the crash does; default SIGKILL of this process. Replaceable in unit tests. */
  readonly crash?: () => void;
  /** Lists pending payments for InquirePendingPayment; without it every payment stream is folded. */
  readonly pendingPayments?: PendingPaymentIndex;
}

/** InquirePendingPayment answers at most this many payments (oldest first). */
const PENDING_LIMIT = 1000;

/** Per-call facts that are not in the Payment API request (they travel in the transport's metadata). */
export interface CallMeta {
  /** The command id (inbound IOTP MsgId key): the transport's correlationId. */
  readonly commandId?: string;
  /** The bridge whose topic the request came in on. */
  readonly bridgeId?: string;
}

type Call<C extends CallType> = RequestOf<C>;
type Act = (state: PaymentTransactionState) => Promise<PaymentCommand | { readonly rejection: Rejection }>;

class BridgeNotFound extends Error {}

const unexpectedError = (call: CallType): IotpPaymentApiResponse => ({
  // Effects are idempotent (command ids, expected revisions): the AppCore may safely re-send.
  ErrorResponse: makeErrorResponse(
    'SystemBusy',
    'System busy. The payment handler could not process the request now.',
    'TransientError',
    [errorAt(call)],
    5,
  ),
});

/**
 * The IOTP Payment Bridges host (RFC 3867, Payment Handler role): one Payment API request in, one
 * response out. State-changing calls: load `payment-<PayId>`, precheck (replay/rejection without
 * touching the scheme), call the bridge, decide, append with the expected revision, answer from the
 * stream. Version conflicts are retried (reload and redo) up to MAX_CONFLICT_RETRIES times.
 */
interface LoadedPayment {
  readonly state: PaymentTransactionState;
  readonly expected: ExpectedRevision;
}

export class PaymentApiRequestHandler {
  /** Saves re-reading a stream this worker just wrote (one worker owns a payment at a time). */
  private readonly states = new StateCache<LoadedPayment>();
  private readonly now: () => Date;
  private readonly logger: WorkerLogger;
  private readonly crashAfterSchemeCall: boolean;
  private readonly crash: () => void;

  constructor(private readonly options: PaymentApiRequestHandlerOptions) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? createLogger('payment-worker');
    this.crashAfterSchemeCall =
      options.crashAfterSchemeCall ?? process.env.PH_FAULT_CRASH_AFTER_SCHEME_CALL === '1';
    this.crash = options.crash ?? (() => process.kill(process.pid, 'SIGKILL'));
  }

  get bridges(): readonly PaymentBridge[] {
    return this.options.bridges;
  }

  /** Dispatches any request to its call; never throws. */
  async handle(envelope: IotpPaymentApiRequest, meta: CallMeta = {}): Promise<IotpPaymentApiResponse> {
    const req = envelope.request;
    switch (req.call) {
      case 'StartPaymentPaymentHandler':
        return this.startPaymentPaymentHandler(req, meta);
      case 'ContinueProcess':
        return this.continueProcess(req, meta);
      case 'ResumePaymentPaymentHandler':
        return this.resumePaymentPaymentHandler(req, meta);
      case 'ChangeProcessState':
        return this.changeProcessState(req, meta);
      case 'RemovePaymentLog':
        return this.removePaymentLog(req, meta);
      case 'InquireProcessState':
        return this.inquireProcessState(req);
      case 'InquirePaymentStatus':
        return this.inquirePaymentStatus(req);
      case 'CheckPaymentReceipt':
        return this.checkPaymentReceipt(req);
      case 'ExpandPaymentReceipt':
        return this.expandPaymentReceipt(req);
      case 'InquirePendingPayment':
        return this.inquirePendingPayment(req, meta);
      case 'FindAcceptedPaymentBrand':
        return this.findAcceptedPaymentBrand(req, meta);
      case 'FindAcceptedPaymentProtocol':
        return this.findAcceptedPaymentProtocol(req, meta);
      case 'GetPaymentInitializationData':
        return this.getPaymentInitializationData(req, meta);
      default:
        return this.notSupported(req.call);
    }
  }

  /** Every call outside the PH column (and not answered from the brand lists): ReqNotSupp. */
  notSupported(call: CallType): Promise<IotpPaymentApiResponse> {
    paymentApiCalls.inc({ call, outcome: 'not_supported' });
    return Promise.resolve({ ErrorResponse: notPaymentHandlerCall(call) });
  }

  // ---- state-changing calls ------------------------------------------------------------------

  startPaymentPaymentHandler(
    req: Call<'StartPaymentPaymentHandler'>,
    meta: CallMeta,
  ): Promise<IotpPaymentApiResponse> {
    const call = 'StartPaymentPaymentHandler';
    return this.guard(call, async () => {
      const payId = req.PaymentHandlerPayId;
      const commandId = this.commandIdOf(meta, req);
      const iotp = readIotpContext(req.TradingRoleDataPackagedContent);
      const context: PaymentStartContext = {
        payId,
        // Without the reserved item (a foreign AppCore) the PH's own id stands in.
        iotpTransId: iotp?.iotpTransId ?? payId,
        brandId: req.BrandId,
        protocolId: req.ProtocolId,
        protocolBrandId: req.ProtocolBrandId ?? req.ProtocolBrand?.ProtocolBrandId ?? '',
        amount: req.Amount,
        currency: req.CurrCode,
        merchantOrgId: (req.MerchantOrgId ?? '').toLowerCase(),
        ...(req.ConsumerPayId !== undefined && { consumerPaymentId: req.ConsumerPayId }),
        paymentRef: iotp?.paymentRef ?? payId,
      };
      const schemeIn = req.PaySchemePackagedContent ?? [];
      return this.transact(call, payId, commandId, { type: 'StartPayment', commandId, context }, async () => {
        const bridge = this.bridgeFor(meta.bridgeId, context.brandId, context.protocolId);
        if (!bridge) {
          return {
            rejection: {
              errorCode: 'AttValIllegal',
              severity: 'HardError',
              desc: 'Attribute value illegal. No payment bridge accepts this brand and protocol.',
              attName: 'BrandId',
            },
          };
        }
        const merchantData = (req.TradingRoleDataPackagedContent ?? []).filter(
          (p) => p.name !== PH_CONTEXT_NAME,
        );
        const outcome = await bridge.start(this.bridgeContext(context), schemeIn, merchantData);
        return { type: 'StartPayment', commandId, context, schemeIn: digestSchemeIn(schemeIn), outcome };
      });
    });
  }

  continueProcess(req: Call<'ContinueProcess'>, meta: CallMeta): Promise<IotpPaymentApiResponse> {
    const call = 'ContinueProcess';
    return this.guard(call, async () => {
      const commandId = this.commandIdOf(meta, req);
      const schemeIn = req.PaySchemePackagedContent ?? [];
      return this.transact(
        call,
        req.PayId,
        commandId,
        { type: 'ContinuePayment', commandId },
        async (state) => {
          const { bridge, ctx } = this.bridgeOfPayment(state, meta);
          const outcome = await bridge.continue(ctx, state.bridgeState, schemeIn);
          if (outcome.kind === 'end' && this.crashAfterSchemeCall) {
            // TEST-ONLY fault injection (PH_FAULT_CRASH_AFTER_SCHEME_CALL=1) for one end-to-end test:
            // the scheme has been called but nothing is appended yet; the redelivered call must not
            // charge twice. Never set in production.
            this.logger.error(
              { payId: req.PayId, commandId },
              'PH_FAULT_CRASH_AFTER_SCHEME_CALL: killing the process after the scheme call, before the append',
            );
            this.crash();
          }
          return { type: 'ContinuePayment', commandId, schemeIn: digestSchemeIn(schemeIn), outcome };
        },
      );
    });
  }

  /**
   * P12/P13: the suspended payment's bridge resumes from the state recorded at suspension, with the
   * scheme data the Consumer came back with (or none, when the janitor asks), so the answer is fresh
   * data from the Existing Payment Software, never a cached message.
   */
  resumePaymentPaymentHandler(
    req: Call<'ResumePaymentPaymentHandler'>,
    meta: CallMeta,
  ): Promise<IotpPaymentApiResponse> {
    const call = 'ResumePaymentPaymentHandler';
    return this.guard(call, async () => {
      const commandId = this.commandIdOf(meta, req);
      const schemeIn = req.PaySchemePackagedContent ?? [];
      return this.transact(
        call,
        req.PaymentHandlerPayId,
        commandId,
        { type: 'ResumePayment', commandId },
        async (state) => {
          const { bridge, ctx } = this.bridgeOfPayment(state, meta);
          const outcome = await bridge.resume(ctx, state.bridgeState, schemeIn);
          return { type: 'ResumePayment', commandId, schemeIn: digestSchemeIn(schemeIn), outcome };
        },
      );
    });
  }

  changeProcessState(req: Call<'ChangeProcessState'>, meta: CallMeta): Promise<IotpPaymentApiResponse> {
    const call = 'ChangeProcessState';
    return this.guard(call, async () => {
      const commandId = this.commandIdOf(meta, req);
      return this.transact(call, req.PayId, commandId, { type: 'ChangeProcessState', commandId }, () =>
        Promise.resolve({
          type: 'ChangeProcessState',
          commandId,
          target: req.ProcessState,
          ...(req.CompletionCode !== undefined && { completionCode: req.CompletionCode }),
        }),
      );
    });
  }

  removePaymentLog(req: Call<'RemovePaymentLog'>, meta: CallMeta): Promise<IotpPaymentApiResponse> {
    const call = 'RemovePaymentLog';
    return this.guard(call, async () => {
      const commandId = this.commandIdOf(meta, req);
      return this.transact(call, req.PayId, commandId, { type: 'RemovePaymentLog', commandId }, () =>
        Promise.resolve({ type: 'RemovePaymentLog', commandId }),
      );
    });
  }

  // ---- read-only calls -----------------------------------------------------------------------

  inquireProcessState(req: Call<'InquireProcessState'>): Promise<IotpPaymentApiResponse> {
    return this.guard('InquireProcessState', async () =>
      inquireProcessState((await this.load(req.PayId)).state),
    );
  }

  inquirePaymentStatus(req: Call<'InquirePaymentStatus'>): Promise<IotpPaymentApiResponse> {
    return this.guard('InquirePaymentStatus', async () =>
      inquirePaymentStatus((await this.load(req.PaymentHandlerPayId)).state),
    );
  }

  checkPaymentReceipt(req: Call<'CheckPaymentReceipt'>): Promise<IotpPaymentApiResponse> {
    return this.guard('CheckPaymentReceipt', async () =>
      checkPaymentReceipt((await this.load(req.PayId)).state, req.PackagedContent ?? []),
    );
  }

  expandPaymentReceipt(req: Call<'ExpandPaymentReceipt'>): Promise<IotpPaymentApiResponse> {
    return this.guard('ExpandPaymentReceipt', async () =>
      expandPaymentReceipt((await this.load(req.PayId)).state, req.PackagedContent ?? []),
    );
  }

  /**
   * The pending payments' states, each read from its own stream: listed by the read model when there is
   * one (PendingPaymentIndex), else by folding every payment stream. With a bridge id only the payments
   * of that bridge's brands are listed.
   */
  inquirePendingPayment(
    _req: Call<'InquirePendingPayment'>,
    meta: CallMeta,
  ): Promise<IotpPaymentApiResponse> {
    return this.guard('InquirePendingPayment', async () => {
      const index = this.options.pendingPayments;
      if (index) {
        const ids = await index.pendingPayIds(PENDING_LIMIT);
        const states = await Promise.all(ids.map(async (id) => (await this.load(id)).state));
        return inquirePendingPayment(this.inScope(states, meta.bridgeId));
      }
      const byStream = new Map<string, PaymentTransactionState>();
      let from = 0n;
      for (;;) {
        const page = await this.options.store.readAll({
          fromPosition: from,
          limit: 1000,
          streamPrefix: PAYMENT_STREAM_PREFIX,
        });
        for (const e of page) {
          byStream.set(e.streamId, fold([fromStoredEvent(e)], byStream.get(e.streamId)));
          from = e.position;
        }
        if (page.length < 1000) break;
      }
      return inquirePendingPayment(this.inScope([...byStream.values()], meta.bridgeId));
    });
  }

  private inScope(
    states: readonly PaymentTransactionState[],
    bridgeId: string | undefined,
  ): PaymentTransactionState[] {
    const scope = this.scopeBridges(bridgeId);
    return states.filter(
      (s) =>
        s.context === undefined || scope.some((b) => accepts(b, s.context?.brandId, s.context?.protocolId)),
    );
  }

  // ---- brand lists (Merchant-side calls answered from the bridges' brands) --------------------

  findAcceptedPaymentBrand(
    _req: Call<'FindAcceptedPaymentBrand'>,
    meta: CallMeta,
  ): Promise<IotpPaymentApiResponse> {
    return this.guard('FindAcceptedPaymentBrand', () => {
      const ids = [
        ...new Set(this.scopeBridges(meta.bridgeId).flatMap((b) => b.brands.map((x) => x.brandId))),
      ];
      const response: FindAcceptedPaymentBrandResponse = {
        call: 'FindAcceptedPaymentBrand',
        ...(ids.length > 0 && {
          BrandItem: ids.map((id) => ({ BrandId: id, BrandName: id, BrandLogoNetLocn: '' })),
        }),
      };
      return Promise.resolve({ response });
    });
  }

  findAcceptedPaymentProtocol(
    req: Call<'FindAcceptedPaymentProtocol'>,
    meta: CallMeta,
  ): Promise<IotpPaymentApiResponse> {
    const call = 'FindAcceptedPaymentProtocol';
    return this.guard(call, () => {
      const brands = this.scopeBridges(meta.bridgeId)
        .flatMap((b) => b.brands)
        .filter((b) => req.BrandId === undefined || sameId(b.brandId, req.BrandId));
      const [first, ...rest] = brands;
      if (!first) return Promise.resolve(rejectionResponse(unknownBrand, call));
      const response: FindAcceptedPaymentProtocolResponse = {
        call,
        ProtocolItem: [first, ...rest].map((b) => ({
          ProtocolId: b.protocolId,
          ProtocolBrandId: b.protocolBrandId,
          ProtocolName: b.protocolId,
          CurrencyAmount: [
            {
              CurrCodeType: req.CurrCodeType ?? 'ISO4217-A',
              CurrCode: req.CurrCode,
              ...(req.Amount !== undefined && { Amount: req.Amount }),
            },
          ],
          Brand: [{ BrandId: b.brandId }],
          ProtocolBrand: [{ ProtocolId: b.protocolId, ProtocolBrandId: b.protocolBrandId }],
        })) as FindAcceptedPaymentProtocolResponse['ProtocolItem'],
      };
      return Promise.resolve({ response });
    });
  }

  getPaymentInitializationData(
    req: Call<'GetPaymentInitializationData'>,
    meta: CallMeta,
  ): Promise<IotpPaymentApiResponse> {
    const call = 'GetPaymentInitializationData';
    return this.guard(call, () => {
      const known = this.scopeBridges(meta.bridgeId).some((b) => accepts(b, req.BrandId, req.ProtocolId));
      if (!known) return Promise.resolve(rejectionResponse(unknownBrand, call));
      return Promise.resolve({
        response: {
          call,
          ...(req.OkFrom !== undefined && { OkFrom: req.OkFrom }),
          ...(req.OkTo !== undefined && { OkTo: req.OkTo }),
        },
      });
    });
  }

  // ---- the cycle -----------------------------------------------------------------------------

  private async transact(
    call: CallType,
    payId: string,
    commandId: string,
    pre: PrecheckInput,
    act: Act,
  ): Promise<IotpPaymentApiResponse> {
    const streamId = paymentStream(payId);
    for (let attempt = 0; ; attempt++) {
      // A Start is for a new payment nearly always: skip the read and let the append's 'no_stream'
      // check catch a reissued one (then read, and answer it from the stream). Starting a scheme has
      // no effect outside the stream, so deciding it twice in that rare case costs nothing.
      const { state, expected } =
        pre.type === 'StartPayment' && attempt === 0 ? this.cachedOrNew(payId) : await this.load(payId);
      const early = precheck(state, pre);
      if (early) {
        if ('rejection' in early) return rejectionResponse(early.rejection, call);
        return this.replay(state, payId, pre.type, early.replay);
      }
      const cmd = await act(state);
      if ('rejection' in cmd) return rejectionResponse(cmd.rejection, call);
      const decision = decide(state, cmd);
      if ('rejection' in decision) return rejectionResponse(decision.rejection, call);
      if (decision.events.length === 0) return this.replay(state, payId, pre.type, decision.replay);
      const correlationId =
        state.context?.iotpTransId ?? (cmd.type === 'StartPayment' ? cmd.context.iotpTransId : payId);
      const events = toNewEvents(
        streamId,
        commandId,
        decision.events,
        {
          correlationId,
          causationId: commandId,
          occurredAt: this.now().toISOString(),
        },
        decision.attempt,
      );
      let appended: AppendResult;
      try {
        appended = await this.options.store.append(streamId, events, expected);
      } catch (error) {
        this.states.delete(payId); // stale or unknown: read the stream again
        if (error instanceof WrongExpectedRevisionError && attempt < MAX_CONFLICT_RETRIES) {
          this.logger.warn({ payId, commandId, attempt: attempt + 1 }, 'version conflict, retrying');
          continue;
        }
        throw error;
      }
      if (appended.alreadyApplied && attempt < MAX_CONFLICT_RETRIES) {
        // The same command's events were stored before (a reissued call): what is stored, not what was
        // just decided, is the truth (a scheme may have chosen fresh nonces this time). Read and replay it.
        this.states.delete(payId);
        continue;
      }
      const after = fold(decision.events, state);
      this.states.set(payId, { state: after, expected: appended.lastRevision });
      if (!isFinal(state.processState) && isFinal(after.processState)) {
        paymentsFinished.inc({
          bridge: this.bridgeIdOf(after) ?? 'unknown',
          state: after.processState,
          code: after.completionCode ?? '',
        });
      }
      const recorded = after.handled[commandId];
      return this.answer(after, payId, recorded ?? stateReply(after, pre.type));
    }
  }

  private replay(
    state: PaymentTransactionState,
    payId: string,
    type: PrecheckInput['type'],
    reply: RecordedReply | undefined,
  ): IotpPaymentApiResponse {
    return this.answer(state, payId, reply ?? stateReply(state, type));
  }

  /** The recorded reply as a response, plus the payment's notes on a ContStatus=End answer. */
  private answer(
    state: PaymentTransactionState,
    payId: string,
    reply: RecordedReply,
  ): IotpPaymentApiResponse {
    const response = responseForReply(state.payId ?? payId, reply);
    const r = response.response;
    if (!r || !('ContStatus' in r) || r.ContStatus !== 'End') return response;
    const notes = paymentNotes(state);
    if (notes.length === 0) return response;
    const withNotes: PackagedContent[] = [...(r.PaySchemePackagedContent ?? []), ...notes.map(asNote)];
    return { ...response, response: { ...r, PaySchemePackagedContent: withNotes } };
  }

  private cachedOrNew(payId: string): LoadedPayment {
    return this.states.get(payId) ?? { state: fold([]), expected: 'no_stream' };
  }

  /** The payment's state: from the cache after our own appends, else folded from its stream. */
  private async load(payId: string): Promise<LoadedPayment> {
    const cached = this.states.get(payId);
    if (cached) return cached;
    const stored = await this.options.store.readStream(paymentStream(payId));
    const last = stored.at(-1);
    const loaded: LoadedPayment = {
      state: fold(stored.map((e) => fromStoredEvent(e))),
      expected: last === undefined ? 'no_stream' : last.revision,
    };
    if (last !== undefined) this.states.set(payId, loaded);
    return loaded;
  }

  private async guard(
    call: CallType,
    run: () => Promise<IotpPaymentApiResponse>,
  ): Promise<IotpPaymentApiResponse> {
    try {
      const res = await run();
      paymentApiCalls.inc({ call, outcome: res.ErrorResponse ? res.ErrorResponse.ErrorCode : 'ok' });
      return res;
    } catch (error) {
      paymentApiCalls.inc({ call, outcome: 'exception' });
      // Only the error's name and message: requests (and their pass phrases) are never logged.
      const e =
        error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
      this.logger.error({ call, error: e }, 'Payment API call failed');
      if (error instanceof BridgeNotFound) {
        return rejectionResponse(
          {
            errorCode: 'UnknownError',
            severity: 'HardError',
            desc: 'No payment bridge handles this payment here.',
            attName: 'PayId',
          },
          call,
        );
      }
      return unexpectedError(call);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The transport's correlation id; without one, a digest of the request (a re-send has the same). */
  private commandIdOf(meta: CallMeta, req: object): string {
    if (meta.commandId) return meta.commandId;
    return `req-${createHash('sha256').update(JSON.stringify(req)).digest('hex').slice(0, 32)}`;
  }

  private scopeBridges(bridgeId: string | undefined): readonly PaymentBridge[] {
    const all = this.options.bridges;
    if (bridgeId === undefined) return all;
    return all.filter((b) => b.id === bridgeId);
  }

  private bridgeFor(
    bridgeId: string | undefined,
    brandId: string,
    protocolId: string,
  ): PaymentBridge | undefined {
    const scope = this.scopeBridges(bridgeId);
    return scope.find((b) => accepts(b, brandId, protocolId));
  }

  private bridgeIdOf(state: PaymentTransactionState): string | undefined {
    const c = state.context;
    return c && this.options.bridges.find((b) => accepts(b, c.brandId, c.protocolId))?.id;
  }

  private bridgeOfPayment(
    state: PaymentTransactionState,
    meta: CallMeta,
  ): { bridge: PaymentBridge; ctx: PaymentContext } {
    const c = state.context;
    if (!c) throw new BridgeNotFound('payment without start context');
    const bridge =
      this.bridgeFor(meta.bridgeId, c.brandId, c.protocolId) ??
      this.options.bridges.find((b) => accepts(b, c.brandId, c.protocolId)) ??
      (this.options.bridges.length === 1 ? this.options.bridges[0] : undefined);
    if (!bridge) throw new BridgeNotFound(`no bridge for ${c.brandId}/${c.protocolId}`);
    return { bridge, ctx: this.bridgeContext(c) };
  }

  private bridgeContext(c: PaymentStartContext): PaymentContext {
    return {
      payId: c.payId,
      iotpTransId: c.iotpTransId,
      brandId: c.brandId,
      protocolId: c.protocolId,
      protocolBrandId: c.protocolBrandId,
      amount: c.amount,
      currency: c.currency,
      merchantOrgId: c.merchantOrgId,
      now: this.now(),
    };
  }
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function accepts(
  bridge: PaymentBridge,
  brandId: string | undefined,
  protocolId: string | undefined,
): boolean {
  return bridge.brands.some(
    (b) =>
      (brandId === undefined || sameId(b.brandId, brandId)) &&
      (protocolId === undefined || sameId(b.protocolId, protocolId)),
  );
}

const unknownBrand: Rejection = {
  errorCode: 'AttValIllegal',
  severity: 'HardError',
  desc: 'Attribute value illegal. No payment bridge accepts this brand.',
  attName: 'BrandId',
};

/** The calls this worker answers itself (the PH column plus the three brand-list calls). */
export const ANSWERED_CALLS: readonly CallType[] = [
  ...PAYMENT_HANDLER_CALLS.filter((c) => c !== 'ManagePaymentSoftware'),
  'FindAcceptedPaymentBrand',
  'FindAcceptedPaymentProtocol',
  'GetPaymentInitializationData',
];
