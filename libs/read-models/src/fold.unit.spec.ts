import { toNewEvents, type PaymentEvent } from '@ph/payments';
import { describeEvent } from './describe';
import { foldBatch, type PaymentRow } from './fold';
import type { StoredEvent } from './stored-event';

const AT = '2026-03-01T10:00:00.000Z';

function described(revision: number, event: PaymentEvent, payId = 'pay1') {
  const [e] = toNewEvents(`payment-${payId}`, event.commandId, [event], {
    correlationId: 'trans-1',
    causationId: event.commandId,
    occurredAt: AT,
  });
  const stored: StoredEvent = {
    ...e!,
    streamId: `payment-${payId}`,
    revision,
    position: BigInt(100 + revision),
    recordedAt: new Date(0),
  };
  return { position: stored.position, description: describeEvent(stored) };
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

describe('foldBatch', () => {
  it('folds the events of one payment into one row, one pending change and all scheme messages', () => {
    const plan = foldBatch(
      [
        described(0, started),
        described(1, {
          type: 'SchemeMessageReceived',
          commandId: 'm1',
          command: 'StartPayment',
          sequence: 1,
          messages: [{ sha256: 'a'.repeat(64) }],
        }),
        described(2, { type: 'PaymentSuspended', commandId: 'j', reason: 'late' }),
      ],
      new Map(),
    );
    expect(plan.payments).toEqual([
      expect.objectContaining({
        pay_id: 'pay1',
        process_state: 'Suspended',
        status_desc: 'late',
        message_count: 1,
        receipt_name_refs: [],
        stream_revision: 2,
        last_position: '102',
        amount: '245.35',
      }),
    ]);
    expect(plan.pendingUpserts).toEqual([
      expect.objectContaining({ process_state: 'Suspended', stream_revision: 2 }),
    ]);
    expect(plan.pendingDeletes).toEqual([]);
    expect(plan.schemeMessages).toHaveLength(1);
    expect(plan.logRows).toHaveLength(3);
    expect(plan.duplicates).toBe(0);
  });

  it('skips what the stored row already has, and events of a payment without a row', () => {
    const row: PaymentRow = {
      pay_id: 'pay1',
      process_state: 'InProgress',
      message_count: 1,
      stream_revision: 1,
    };
    const plan = foldBatch(
      [
        described(1, { type: 'PaymentResumed', commandId: 'r' }),
        described(2, {
          type: 'PaymentFailed',
          commandId: 'f',
          completionCode: 'X',
          statusDesc: 'no',
          how: 'scheme',
          notes: [],
        }),
        described(1, { type: 'PaymentResumed', commandId: 'r' }, 'other'),
      ],
      new Map([['pay1', row]]),
    );
    expect(plan.duplicates).toBe(2);
    expect(plan.payments).toEqual([
      {
        ...row,
        process_state: 'Failed',
        completion_code: 'X',
        status_desc: 'no',
        failure_how: 'scheme',
        finished_at: AT,
        updated_at: AT,
        stream_revision: 2,
        last_position: '102',
      },
    ]);
    expect(plan.pendingDeletes).toEqual([{ pay_id: 'pay1', stream_revision: 2 }]);
    expect(plan.logRows).toHaveLength(3); // the log keeps every event (ON CONFLICT DO NOTHING)
  });
});
