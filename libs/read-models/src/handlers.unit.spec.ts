import { toNewEvents, type PaymentEvent } from '@ph/payments';
import { projectEvent, type ProjectionChange } from './handlers';
import { readModelNames } from './names';
import type { StoredEvent } from './stored-event';
import { clip, summariseIotpTransactionEvent } from './summaries';

const n = readModelNames('rm');
const AT = '2026-03-01T10:00:00.000Z';

function stored(revision: number, event: PaymentEvent, payId = 'pay1'): StoredEvent {
  const [e] = toNewEvents(`payment-${payId}`, event.commandId, [event], {
    correlationId: 'trans-1',
    causationId: event.commandId,
    occurredAt: AT,
  });
  return {
    ...e!,
    streamId: `payment-${payId}`,
    revision,
    position: BigInt(100 + revision),
    recordedAt: new Date(0),
  };
}

const started: PaymentEvent = {
  type: 'PaymentStarted',
  commandId: 'm1',
  context: {
    payId: 'pay1',
    iotpTransId: 'trans-1',
    brandId: 'HashSecret',
    protocolId: 'HS',
    protocolBrandId: 'HS',
    amount: '245.35',
    currency: 'EUR',
    merchantOrgId: 'shop',
    paymentRef: 'P.1',
  },
};

const texts = (c: ProjectionChange) => [c.guard, ...c.effects].map((s) => s?.text.replace(/\s+/g, ' ') ?? '');

describe('projectEvent', () => {
  it('PaymentStarted inserts the payment guarded by revision, amount as a numeric string, and makes it pending', () => {
    const change = projectEvent(stored(0, started), n);
    expect(change.guard?.text).toContain('INSERT INTO "rm".payments');
    expect(change.guard?.text).toContain('WHERE "rm".payments.stream_revision < EXCLUDED.stream_revision');
    expect(change.guard?.text).toContain('$10::numeric');
    expect(change.guard?.values[9]).toBe('245.35');
    expect(change.guard?.values).toContain(AT);
    expect(texts(change)[1]).toContain('INSERT INTO "rm".pending_payments');
    expect(change.effects[0]!.values).toEqual([
      'pay1',
      'InProgress',
      AT,
      '2026-03-01T10:02:00.000Z',
      null,
      0,
    ]);
    expect(change.log).toMatchObject({
      position: '100',
      category: 'payment',
      payId: 'pay1',
      iotpTransId: 'trans-1',
      commandId: 'm1',
      occurredAt: AT,
      summary: 'Payment started: 245.35 EUR, brand HashSecret via HS, merchant shop',
    });
  });

  it('keeps an amount that is not a plain decimal as text only (never a float, never a poison event)', () => {
    const odd = { ...started, context: { ...started.context, amount: '1e3' } } as PaymentEvent;
    const change = projectEvent(stored(0, odd), n);
    expect(change.guard?.values[9]).toBeNull();
    expect(change.guard?.values[10]).toBe('1e3');
  });

  it('later events update the row only WHERE stream_revision < the event revision', () => {
    const change = projectEvent(stored(3, { type: 'PaymentSuspended', commandId: 'j', reason: 'late' }), n);
    expect(change.guard?.text).toContain('WHERE pay_id = $1 AND stream_revision < $2');
    expect(change.guard?.values.slice(0, 2)).toEqual(['pay1', 3]);
    expect(change.effects[0]!.values).toEqual([
      'pay1',
      'Suspended',
      AT,
      '2026-03-01T10:05:00.000Z',
      'late',
      3,
    ]);
  });

  it('PaymentCompleted with a receipt ends pending and builds the receipt from the scheme messages', () => {
    const change = projectEvent(
      stored(5, {
        type: 'PaymentCompleted',
        commandId: 'm2',
        statusDesc: 'Paid',
        receiptNameRefs: ['HS-Pay', 'HS-Result'],
        notes: [],
      }),
      n,
    );
    const [guard, end, receipt] = texts(change);
    expect(guard).toContain('process_state = $5');
    expect(change.guard?.values).toContain('CompletedOk');
    expect(end).toContain('DELETE FROM "rm".pending_payments WHERE pay_id = $1 AND stream_revision < $2');
    expect(receipt).toContain('INSERT INTO "rm".receipts');
    expect(receipt).toContain('"rm".receipts.stream_revision < EXCLUDED.stream_revision');
    expect(change.log?.summary).toBe('Payment completed: Paid; receipt HS-Pay, HS-Result');
  });

  it('PaymentCompleted without a receipt makes no receipt row', () => {
    const change = projectEvent(
      stored(5, {
        type: 'PaymentCompleted',
        commandId: 'm2',
        statusDesc: 'Paid',
        receiptNameRefs: [],
        notes: [],
      }),
      n,
    );
    expect(change.effects).toHaveLength(1);
  });

  it('scheme messages keep digests inbound and our content outbound', () => {
    const sent = projectEvent(
      stored(2, {
        type: 'SchemeMessageSent',
        commandId: 'm1',
        sequence: 2,
        contStatus: 'Continue',
        messages: [{ name: 'HS-Challenge', content: 'PCDATA', transform: 'NONE', value: 'nonce' }],
        bridgeState: { secretish: 'state is not projected' },
      }),
      n,
    );
    const rows = JSON.parse(sent.effects[0]!.values[3] as string) as { d: string; sha256: string }[];
    expect(rows).toEqual([
      expect.objectContaining({
        d: 'out',
        name: 'HS-Challenge',
        packaged: expect.objectContaining({ value: 'nonce' }),
      }),
    ]);
    expect(rows[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(sent)).not.toContain('state is not projected');

    const received = projectEvent(
      stored(1, {
        type: 'SchemeMessageReceived',
        commandId: 'm1',
        command: 'StartPayment',
        sequence: 1,
        messages: [{ name: 'HS-Pay', sha256: 'f'.repeat(64) }],
      }),
      n,
    );
    expect(JSON.parse(received.effects[0]!.values[3] as string)).toEqual([
      { d: 'in', name: 'HS-Pay', sha256: 'f'.repeat(64), packaged: null },
    ]);
  });

  it('an event of a newer schema version is logged as unreadable and changes no row', () => {
    const event = { ...stored(1, { type: 'PaymentResumed', commandId: 'r' }) };
    const newer = { ...event, metadata: { ...event.metadata, schemaVersion: 99 } };
    const change = projectEvent(newer, n);
    expect(change.guard).toBeUndefined();
    expect(change.effects).toEqual([]);
    expect(change.unreadable).toBe('cannot read PaymentResumed v99');
    expect(change.log?.summary).toContain('Unreadable event');
  });

  it('IOTP transaction events go to the log only, with the answered message ids and no payload', () => {
    const change = projectEvent(
      {
        streamId: 'iotptx-abc',
        revision: 1,
        position: 7n,
        type: 'IotpMessageAnswered',
        data: {
          inMsgId: 'C.1',
          outMsgId: 'P.1',
          answer: '<IotpMessage>secret-ish</IotpMessage>',
          received: true,
        },
        metadata: { commandId: 'C.1', correlationId: 'trans-1', occurredAt: 'not a time' },
        recordedAt: new Date(AT),
      },
      n,
    );
    expect(change.guard).toBeUndefined();
    expect(change.log).toMatchObject({
      category: 'iotptx',
      inMsgId: 'C.1',
      outMsgId: 'P.1',
      occurredAt: AT, // the store's time when the producer's is unusable
      summary: 'IOTP message C.1 answered with P.1',
    });
    expect(JSON.stringify(change)).not.toContain('secret-ish');
  });

  it('other stream categories change nothing', () => {
    const change = projectEvent(
      {
        streamId: 'other-1',
        revision: 0,
        position: 1n,
        type: 'X',
        data: {},
        metadata: {},
        recordedAt: new Date(0),
      },
      n,
    );
    expect(change).toEqual({ effects: [] });
  });
});

describe('summaries', () => {
  it('clips long free text to one line', () => {
    const s = clip(`a\n${'x'.repeat(400)}`);
    expect(s).toHaveLength(300);
    expect(s.startsWith('a x')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
  });

  it('names the hard error code of an ErrorComp', () => {
    expect(
      summariseIotpTransactionEvent('TransactionHardErrored', {
        errorComp: { attrs: { ErrorCode: 'XmlSyntax' } },
        sentByUs: true,
      }),
    ).toBe('Transaction ended by a hard error [XmlSyntax] we sent');
  });
});

describe('readModelNames', () => {
  it('refuses names that would need escaping', () => {
    expect(() => readModelNames('rm"; DROP')).toThrow(RangeError);
    expect(readModelNames('rm').payments).toBe('"rm".payments');
  });
});
