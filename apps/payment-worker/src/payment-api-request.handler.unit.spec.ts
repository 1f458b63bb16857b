import type { AcceptedBrand, BridgeOutcome, PaymentBridge, PaymentContext } from '@ph/bridges/common';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@ph/event-store';
import type { IotpPaymentApiRequest, IotpPaymentApiResponse, PackagedContent } from '@ph/payment-api';
import { PaymentApiRequestHandler } from './payment-api-request.handler';
import { NOTE_PREFIX, PH_CONTEXT_NAME } from './wire-conventions';

/** EventStore test double: streams in a Map, expected-revision check, idempotent re-append. */
class InMemoryEventStore implements EventStore {
  readonly streams = new Map<string, RecordedEvent[]>();
  private position = 0n;
  /** Set to make the next append lose a race against another writer. */
  conflictsToInject = 0;
  appends = 0;

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appends++;
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no_stream' : stream.length - 1;
    if (this.conflictsToInject > 0) {
      this.conflictsToInject--;
      return Promise.reject(new WrongExpectedRevisionError(streamId, expected, actual));
    }
    if (events.every((e) => stream.some((s) => s.eventId === e.eventId))) {
      return Promise.resolve({
        lastRevision: stream.length - 1,
        position: this.position,
        alreadyApplied: true,
      });
    }
    if (expected !== 'any' && expected !== actual) {
      return Promise.reject(new WrongExpectedRevisionError(streamId, expected, actual));
    }
    for (const e of events) {
      stream.push({
        ...e,
        streamId,
        revision: stream.length,
        position: ++this.position,
        recordedAt: new Date(0),
      });
    }
    this.streams.set(streamId, stream);
    return Promise.resolve({
      lastRevision: stream.length - 1,
      position: this.position,
      alreadyApplied: false,
    });
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return Promise.resolve([...(this.streams.get(streamId) ?? [])]);
  }

  readAll(options: {
    fromPosition: bigint;
    limit?: number;
    streamPrefix?: string;
  }): Promise<RecordedEvent[]> {
    const all = [...this.streams.values()]
      .flat()
      .filter((e) => e.position > options.fromPosition && e.streamId.startsWith(options.streamPrefix ?? ''))
      .sort((a, b) => (a.position < b.position ? -1 : 1));
    return Promise.resolve(all.slice(0, options.limit ?? all.length));
  }

  subscribeToAll(): never {
    throw new Error('not used');
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const pc = (name: string, value: string): PackagedContent => ({
  name,
  content: 'PCDATA',
  transform: 'NONE',
  value,
});

class FakeBridge implements PaymentBridge {
  readonly id = 'fake';
  resume(): Promise<BridgeOutcome> {
    return Promise.reject(new Error('not used'));
  }
  readonly brands: readonly AcceptedBrand[] = [
    { brandId: 'FakeBrand', protocolId: 'FakeProto', protocolBrandId: 'FakeBrand' },
  ];
  starts = 0;
  continues = 0;
  contexts: PaymentContext[] = [];
  nextContinue: BridgeOutcome | undefined;

  merchantData: unknown[] = [];

  start(
    ctx: PaymentContext,
    _schemeIn: unknown,
    merchantData: readonly unknown[] = [],
  ): Promise<BridgeOutcome> {
    this.starts++;
    this.contexts.push(ctx);
    this.merchantData.push(...merchantData);
    return Promise.resolve({ kind: 'continue', schemeOut: [pc('PS2', 'challenge')], state: { step: '1' } });
  }

  continue(ctx: PaymentContext, state: Readonly<Record<string, string>>): Promise<BridgeOutcome> {
    this.continues++;
    this.contexts.push(ctx);
    if (this.nextContinue) return Promise.resolve(this.nextContinue);
    expect(state).toEqual({ step: '1' });
    return Promise.resolve({
      kind: 'end',
      processState: 'CompletedOk',
      statusDesc: 'Paid',
      schemeOut: [pc('PS4', 'receipt')],
      notes: [pc('HS-Balance', '87.70 EUR')],
      receiptNameRefs: ['PS4'],
      state: { step: '2' },
    });
  }
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const startRequest = (payId = 'PH0000000001'): IotpPaymentApiRequest => ({
  request: {
    call: 'StartPaymentPaymentHandler',
    BrandId: 'FakeBrand',
    CurrCodeType: 'ISO4217-A',
    CurrCode: 'EUR',
    Amount: '12.30',
    PayDirection: 'Debit',
    ProtocolId: 'FakeProto',
    OkFrom: '2024-05-01T10:00:00.000Z+0',
    OkTo: '2024-05-01T10:30:00.000Z+0',
    PaymentHandlerPayId: payId,
    MerchantOrgId: 'Shop.Example',
    TradingRoleDataPackagedContent: [
      {
        name: PH_CONTEXT_NAME,
        content: 'PCDATA',
        transform: 'NONE',
        value: '{"iotpTransId":"tx-1","paymentRef":"P1"}',
      },
    ],
    PaySchemePackagedContent: [pc('PS1', 'hello')],
  },
});

const continueRequest = (payId = 'PH0000000001'): IotpPaymentApiRequest => ({
  request: { call: 'ContinueProcess', PayId: payId, PaySchemePackagedContent: [pc('PS3', 'answer')] },
});

describe('PaymentApiRequestHandler', () => {
  let store: InMemoryEventStore;
  let bridge: FakeBridge;
  let handler: PaymentApiRequestHandler;
  let crashes: number;

  beforeEach(() => {
    store = new InMemoryEventStore();
    bridge = new FakeBridge();
    crashes = 0;
    handler = new PaymentApiRequestHandler({
      bridges: [bridge],
      store,
      now: () => new Date('2024-05-01T10:05:00Z'),
      logger: silent,
      crashAfterSchemeCall: false,
      crash: () => crashes++,
    });
  });

  it('runs start → continue → end and records it in payment-<PayId>', async () => {
    const started = await handler.handle(startRequest(), { commandId: 'm1', bridgeId: 'fake' });
    expect(started).toEqual({
      response: {
        call: 'StartPaymentPaymentHandler',
        ContStatus: 'Continue',
        PaySchemePackagedContent: [pc('PS2', 'challenge')],
      },
    });
    expect(bridge.contexts[0]).toMatchObject({
      iotpTransId: 'tx-1',
      merchantOrgId: 'shop.example',
      amount: '12.30',
    });

    const ended = await handler.handle(continueRequest(), { commandId: 'm2', bridgeId: 'fake' });
    expect(ended).toEqual({
      response: {
        call: 'ContinueProcess',
        ContStatus: 'End',
        PaySchemePackagedContent: [pc('PS4', 'receipt'), pc(`${NOTE_PREFIX}HS-Balance`, '87.70 EUR')],
      },
    });
    const stream = store.streams.get('payment-PH0000000001') ?? [];
    expect(stream.map((e) => e.type)).toContain('PaymentCompleted');
    expect(stream.every((e) => e.metadata.correlationId === 'tx-1')).toBe(true);

    const state = await handler.handle({ request: { call: 'InquireProcessState', PayId: 'PH0000000001' } });
    expect(state.response).toMatchObject({ ProcessState: 'CompletedOk', PayReceiptNameRefs: ['PS4'] });
  });

  it('answers a redelivered ContinueProcess with the same reply and calls the bridge once', async () => {
    await handler.handle(startRequest(), { commandId: 'm1' });
    const first = await handler.handle(continueRequest(), { commandId: 'm2' });
    const again = await handler.handle(continueRequest(), { commandId: 'm2' });
    expect(again).toEqual(first);
    expect(bridge.continues).toBe(1);
    const restarted = await handler.handle(startRequest(), { commandId: 'm1' });
    expect(restarted.response).toMatchObject({ ContStatus: 'Continue' });
    expect(bridge.starts).toBe(1);
  });

  it('answers a Start reissued after a restart from the stream, not from the new decision', async () => {
    const first = await handler.handle(startRequest(), { commandId: 'm1' });
    const stored = store.streams.get('payment-PH0000000001')?.length;
    // A new worker instance (empty cache) whose bridge would now choose other scheme data (a new nonce).
    const fresh = new FakeBridge();
    fresh.start = () =>
      Promise.resolve({
        kind: 'continue',
        schemeOut: [pc('PS2', 'another challenge')],
        state: { step: '1' },
      });
    const restarted = new PaymentApiRequestHandler({
      bridges: [fresh],
      store,
      logger: silent,
      crashAfterSchemeCall: false,
    });
    const again = await restarted.handle(startRequest(), { commandId: 'm1' });
    expect(again).toEqual(first);
    expect(store.streams.get('payment-PH0000000001')?.length).toBe(stored);
  });

  it("hands the Merchant's TradingRoleData to the bridge, without the PH's own context item", async () => {
    const request = startRequest();
    const start = request.request as unknown as { TradingRoleDataPackagedContent: unknown[] };
    start.TradingRoleDataPackagedContent.push({
      name: 'Payment:SET-OD',
      content: 'PCDATA',
      transform: 'BASE64',
      value: 'b2Q=',
    });
    await handler.handle(request, { commandId: 'm1' });
    expect(bridge.merchantData).toEqual([
      { name: 'Payment:SET-OD', content: 'PCDATA', transform: 'BASE64', value: 'b2Q=' },
    ]);
  });

  it('retries the whole call after a version conflict', async () => {
    await handler.handle(startRequest(), { commandId: 'm1' });
    store.conflictsToInject = 2;
    const ended = await handler.handle(continueRequest(), { commandId: 'm2' });
    expect(ended.response).toMatchObject({ call: 'ContinueProcess', ContStatus: 'End' });
    expect(bridge.continues).toBe(3);
    const types = (store.streams.get('payment-PH0000000001') ?? []).map((e) => e.type);
    expect(types.filter((t) => t === 'PaymentCompleted')).toHaveLength(1);
  });

  it('gives up with a transient SystemBusy when conflicts persist', async () => {
    await handler.handle(startRequest(), { commandId: 'm1' });
    store.conflictsToInject = 10;
    const res = await handler.handle(continueRequest(), { commandId: 'm2' });
    expect(res.ErrorResponse).toMatchObject({ ErrorCode: 'SystemBusy', Severity: 'TransientError' });
    expect(bridge.continues).toBe(4);
  });

  it('answers AttValIllegal on PayId for an unknown payment without calling the bridge', async () => {
    const res = await handler.handle(continueRequest('PH9999999999'), { commandId: 'm9' });
    expect(res.ErrorResponse).toMatchObject({
      ErrorCode: 'AttValIllegal',
      Severity: 'HardError',
      ErrorLocation: [expect.objectContaining({ AttName: 'PayId' })],
    });
    expect(bridge.continues).toBe(0);
    const inquiry = await handler.handle({ request: { call: 'InquireProcessState', PayId: 'PH9999999999' } });
    expect(inquiry.ErrorResponse).toMatchObject({ ErrorCode: 'AttValIllegal' });
  });

  it('answers ReqNotSupp to a call outside the Payment Handler column', async () => {
    const res = await handler.handle({
      request: {
        call: 'StartPaymentConsumer',
        BrandId: 'x',
        CurrCode: 'EUR',
        Amount: '1',
        PayDirection: 'Debit',
        ProtocolId: 'p',
        OkFrom: 'a',
        OkTo: 'b',
        ConsumerPayId: 'C1',
      },
    });
    expect(res.ErrorResponse).toMatchObject({ ErrorCode: 'ReqNotSupp', Severity: 'HardError' });
  });

  it('maps transient and reject outcomes to errors without appending; refuse is recorded as Failed', async () => {
    await handler.handle(startRequest(), { commandId: 'm1' });
    const before = store.streams.get('payment-PH0000000001')?.length;
    bridge.nextContinue = {
      kind: 'transient',
      errorCode: 'SystemBusy',
      errorDesc: 'bank down',
      minRetrySecs: 7,
    };
    const busy = await handler.handle(continueRequest(), { commandId: 'm2' });
    expect(busy.ErrorResponse).toMatchObject({
      ErrorCode: 'SystemBusy',
      Severity: 'TransientError',
      MinRetrySecs: '7',
    });
    bridge.nextContinue = {
      kind: 'reject',
      errorCode: 'EncapProtErr',
      severity: 'HardError',
      errorDesc: 'corrupt',
    };
    const rejected = await handler.handle(continueRequest(), { commandId: 'm3' });
    expect(rejected.ErrorResponse).toMatchObject({ ErrorCode: 'EncapProtErr' });
    expect(store.streams.get('payment-PH0000000001')?.length).toBe(before);

    bridge.nextContinue = {
      kind: 'refuse',
      completionCode: 'AuthError',
      statusDesc: 'wrong secret',
      state: {},
    };
    const refused = await handler.handle(continueRequest(), { commandId: 'm4' });
    expect(refused.ErrorResponse).toMatchObject({ ErrorCode: 'BusError' });
    const state = await handler.handle({ request: { call: 'InquireProcessState', PayId: 'PH0000000001' } });
    expect(state.response).toMatchObject({ ProcessState: 'Failed', CompletionCode: 'AuthError' });
  });

  it('kills the process after the scheme call and before the append when the test fault is on', async () => {
    const faulty = new PaymentApiRequestHandler({
      bridges: [bridge],
      store,
      logger: silent,
      crashAfterSchemeCall: true,
      crash: () => {
        crashes++;
        throw new Error('crashed');
      },
    });
    await faulty.handle(startRequest(), { commandId: 'm1' });
    const appendsBefore = store.appends;
    const res: IotpPaymentApiResponse = await faulty.handle(continueRequest(), { commandId: 'm2' });
    expect(crashes).toBe(1);
    expect(store.appends).toBe(appendsBefore);
    expect(res.ErrorResponse?.Severity).toBe('TransientError');
  });

  it('answers the brand-list calls from the bridges', async () => {
    const res = await handler.handle({
      request: {
        call: 'FindAcceptedPaymentBrand',
        PayDirection: 'Debit',
        CurrCode: 'EUR',
        Amount: '1',
        MerchantPayId: 'M1',
      },
    } as IotpPaymentApiRequest);
    expect(res.response).toMatchObject({ BrandItem: [expect.objectContaining({ BrandId: 'FakeBrand' })] });
  });

  it('lists pending payments', async () => {
    await handler.handle(startRequest(), { commandId: 'm1' });
    const res = await handler.handle({ request: { call: 'InquirePendingPayment' } } as IotpPaymentApiRequest);
    expect(res.response).toEqual({ call: 'InquirePendingPayment', PaymentId: [{ PayId: 'PH0000000001' }] });
  });

  it('lists pending payments from the read model when there is one, checking each on its own stream', async () => {
    await handler.handle(startRequest(), { commandId: 'm1' });
    const listed: number[] = [];
    const withIndex = new PaymentApiRequestHandler({
      bridges: [bridge],
      store,
      logger: silent,
      crashAfterSchemeCall: false,
      // A lagging projection may list a payment the store does not know (yet): it is left out.
      pendingPayments: {
        pendingPayIds: (limit) => {
          listed.push(limit);
          return Promise.resolve(['PH0000000001', 'PH00000000ZZ']);
        },
      },
    });
    const res = await withIndex.handle({
      request: { call: 'InquirePendingPayment' },
    } as IotpPaymentApiRequest);
    expect(res.response).toEqual({ call: 'InquirePendingPayment', PaymentId: [{ PayId: 'PH0000000001' }] });
    expect(listed).toEqual([1000]);
  });
});
