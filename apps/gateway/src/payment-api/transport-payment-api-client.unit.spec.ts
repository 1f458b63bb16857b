// Tests may import another app (the dependency rule excludes specs): the adapter runs against the real worker.
import { PaymentApiRequestHandler, startPaymentWorker } from '../../../payment-worker/src';
import type { AcceptedBrand, BridgeOutcome, PaymentBridge } from '@ph/bridges/common';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@ph/event-store';
import {
  InProcessPaymentApiTransport,
  NoHandlerError,
  type PaymentApiTransport,
  RequestTimeoutError,
} from '@ph/messaging';
import {
  decodePaymentApiRequest,
  decodePaymentApiResponse,
  encodePaymentApiRequest,
  encodePaymentApiResponse,
  type IotpPaymentApiRequest,
  type PackagedContent,
} from '@ph/payment-api';
import type { StartPaymentInput } from '../app-core/payment-api-client';
import { TransportPaymentApiClient } from './transport-payment-api-client';

class MemoryStore implements EventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private position = 0n;
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no_stream' : stream.length - 1;
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
  readAll(): Promise<RecordedEvent[]> {
    return Promise.resolve([...this.streams.values()].flat());
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
  iotpTransIds: string[] = [];
  start(ctx: { iotpTransId: string }): Promise<BridgeOutcome> {
    this.iotpTransIds.push(ctx.iotpTransId);
    return Promise.resolve({ kind: 'continue', schemeOut: [pc('PS2', 'challenge')], state: {} });
  }
  continue(): Promise<BridgeOutcome> {
    return Promise.resolve({
      kind: 'end',
      processState: 'CompletedOk',
      statusDesc: 'Paid',
      schemeOut: [pc('PS4', 'receipt')],
      notes: [pc('HS-Balance', '87.70 EUR')],
      receiptNameRefs: ['PS4'],
      state: {},
    });
  }
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A trivial transport: straight to the handler, through the RFC 3867 XML codec both ways. */
function inlineTransport(handler: PaymentApiRequestHandler, fail?: Error): PaymentApiTransport {
  return {
    async request(topic, _key, req, options) {
      if (fail) throw fail;
      const decoded = decodePaymentApiRequest(encodePaymentApiRequest(req as IotpPaymentApiRequest));
      if (!decoded.ok) throw new Error(decoded.error.desc);
      const bridgeId = topic.split('.')[1];
      const res = await handler.handle(decoded.value, { commandId: options.correlationId, bridgeId });
      const back = decodePaymentApiResponse(encodePaymentApiResponse(res));
      if (!back.ok) throw new Error(back.error.desc);
      return back.value;
    },
    serve: () => Promise.resolve(),
    onLateReply: () => undefined,
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

const startInput: StartPaymentInput = {
  commandId: 'msg-1',
  payId: 'PH0000000001',
  iotpTransId: 'tx-1@shop.example',
  paymentRef: 'P1',
  brandId: 'FakeBrand',
  protocolId: 'FakeProto',
  amount: '12.30',
  currCodeType: 'ISO4217-A',
  currCode: 'EUR',
  payDirection: 'Debit',
  okFrom: '2024-05-01T10:00:00.000Z+0',
  okTo: '2024-05-01T10:30:00.000Z+0',
  merchantOrgId: 'shop.example',
  schemeIn: [pc('PS1', 'hello')],
  tradingRoleData: [pc('Payment:FAKE-OD', 'od')],
};

describe('TransportPaymentApiClient', () => {
  let bridge: FakeBridge;
  let handler: PaymentApiRequestHandler;
  let client: TransportPaymentApiClient;

  beforeEach(() => {
    bridge = new FakeBridge();
    handler = new PaymentApiRequestHandler({ bridges: [bridge], store: new MemoryStore(), logger: silent });
    client = new TransportPaymentApiClient(inlineTransport(handler), { timeoutMs: 1000 });
  });

  it('runs a payment: start, continue with notes split off, inquire, change state', async () => {
    const started = await client.startPaymentPaymentHandler('fake', startInput);
    expect(started).toEqual({
      ok: true,
      contStatus: 'Continue',
      schemeOut: [pc('PS2', 'challenge')],
      notes: [],
    });
    expect(bridge.iotpTransIds).toEqual(['tx-1@shop.example']);

    const cont = {
      commandId: 'msg-2',
      payId: 'PH0000000001',
      iotpTransId: 'tx-1@shop.example',
      schemeIn: [pc('PS3', 'a')],
    };
    const ended = await client.continueProcess('fake', cont);
    expect(ended).toEqual({
      ok: true,
      contStatus: 'End',
      schemeOut: [pc('PS4', 'receipt')],
      notes: [pc('HS-Balance', '87.70 EUR')],
    });
    expect(await client.continueProcess('fake', cont)).toEqual(ended);

    expect(await client.inquireProcessState('fake', 'PH0000000001')).toEqual({
      ok: true,
      info: {
        processState: 'CompletedOk',
        statusDesc: 'Paid',
        payReceiptNameRefs: ['PS4'],
        // The receipt items (payment-api §7.12): what a Payment Response is built from after a resumption.
        receiptItems: [{ name: 'PS4', content: 'PCDATA', transform: 'NONE', value: 'receipt' }],
      },
    });
    const changed = await client.changeProcessState('fake', {
      commandId: 'msg-3',
      payId: 'PH0000000001',
      iotpTransId: 'tx-1@shop.example',
      processState: 'CompletedOk',
    });
    expect(changed).toMatchObject({ ok: true, info: { processState: 'CompletedOk' } });
    expect(await client.inquirePaymentStatus('fake', 'PH0000000001')).toMatchObject({
      ok: true,
      info: { processState: 'CompletedOk' },
    });
  });

  it('maps an ErrorResponse to { ok: false, error }', async () => {
    const res = await client.inquireProcessState('fake', 'PH9999999999');
    expect(res).toEqual({
      ok: false,
      error: expect.objectContaining({ errorCode: 'AttValIllegal', severity: 'HardError', attName: 'PayId' }),
    });
    const cont = await client.continueProcess('fake', {
      commandId: 'x',
      payId: 'PH9999999999',
      iotpTransId: 't',
      schemeIn: [pc('PS3', 'a')],
    });
    expect(cont).toMatchObject({ ok: false, error: { errorCode: 'AttValIllegal' } });
  });

  it.each([new RequestTimeoutError('t', 'c', 10), new NoHandlerError('t')])(
    'maps %s to a transient SystemBusy',
    async (error) => {
      const failing = new TransportPaymentApiClient(inlineTransport(handler, error), { timeoutMs: 10 });
      expect(await failing.inquireProcessState('fake', 'PH0000000001')).toEqual({
        ok: false,
        error: expect.objectContaining({
          errorCode: 'SystemBusy',
          severity: 'TransientError',
          minRetrySecs: 5,
        }),
      });
    },
  );

  it('works against the Nest worker (CommandBus) over the in-process transport', async () => {
    const transport = new InProcessPaymentApiTransport({ warn: () => undefined });
    const worker = await startPaymentWorker({
      bridges: [bridge],
      store: new MemoryStore(),
      transport,
      logger: silent,
    });
    try {
      const viaBus = new TransportPaymentApiClient(transport, { timeoutMs: 2000 });
      expect(await viaBus.startPaymentPaymentHandler('fake', startInput)).toMatchObject({
        ok: true,
        contStatus: 'Continue',
      });
      expect(
        await viaBus.continueProcess('fake', {
          commandId: 'm2',
          payId: 'PH0000000001',
          iotpTransId: 't',
          schemeIn: [pc('PS3', 'a')],
        }),
      ).toMatchObject({ ok: true, contStatus: 'End', notes: [pc('HS-Balance', '87.70 EUR')] });
      expect(await viaBus.inquireProcessState('other', 'PH0000000001')).toMatchObject({
        ok: false,
        error: { errorCode: 'SystemBusy' },
      });
    } finally {
      await worker.close();
      await transport.close();
    }
  });
});
