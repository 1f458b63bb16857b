import { toRecordedEvent } from './event-row';

describe('toRecordedEvent', () => {
  it('maps a row, turning the bigint position into a bigint', () => {
    const recordedAt = new Date('2025-01-01T00:00:00Z');
    const metadata = {
      commandId: 'c',
      correlationId: 't',
      causationId: 'c',
      schemaVersion: 1,
      occurredAt: 'x',
    };
    expect(
      toRecordedEvent({
        global_position: '9007199254740993',
        stream_id: 'payment-1',
        stream_revision: 2,
        event_id: 'id',
        type: 'PaymentStarted',
        data: { a: 1 },
        metadata,
        recorded_at: recordedAt,
      }),
    ).toEqual({
      eventId: 'id',
      type: 'PaymentStarted',
      data: { a: 1 },
      metadata,
      streamId: 'payment-1',
      revision: 2,
      position: 9007199254740993n,
      recordedAt,
    });
  });
});
