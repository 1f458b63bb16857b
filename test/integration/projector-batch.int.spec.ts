import { type PaymentEvent, toNewEvents } from '@ph/payments';
import {
  applyEvents,
  migrateReadModels,
  projectEvent,
  readModelNames,
  type ReadModelNames,
  type StoredEvent,
} from '@ph/read-models';
import { createTestSchema, type TestSchema, uniqueSchemaName } from '../support/database';

/*
 * The batched apply (fold.ts + batch-sql.ts) against the reference semantics: every event's own
 * statements (projectEvent) run one after another. Batches hold several events of one payment,
 * redelivered events (checkpoint reset), an event of a payment that has no row, an unreadable
 * event and other categories; the rows must be identical to the last byte (row::text).
 */

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const revisions = new Map<string, number>();
let position = 0n;

function paymentEvent(payId: string, event: PaymentEvent, schemaVersion?: number): StoredEvent {
  const streamId = `payment-${payId}`;
  const revision = revisions.get(streamId) ?? 0;
  revisions.set(streamId, revision + 1);
  position += 1n;
  const at = new Date(T0 + Number(position) * 1_000).toISOString();
  const [e] = toNewEvents(streamId, event.commandId, [event], {
    correlationId: `trans-${payId}`,
    causationId: event.commandId,
    occurredAt: at,
  });
  const metadata = schemaVersion ? { ...e!.metadata, schemaVersion } : e!.metadata;
  return { ...e!, metadata, streamId, revision, position, recordedAt: new Date(T0) };
}

function rawEvent(streamId: string, type: string, data: object): StoredEvent {
  position += 1n;
  return {
    streamId,
    revision: 0,
    position,
    type,
    data,
    metadata: { commandId: 'c', correlationId: 'trans-A', occurredAt: new Date(T0).toISOString() },
    recordedAt: new Date(T0),
  };
}

const started = (payId: string): PaymentEvent => ({
  type: 'PaymentStarted',
  commandId: `${payId}-m1`,
  context: {
    payId,
    iotpTransId: `trans-${payId}`,
    brandId: 'HashSecret',
    protocolId: 'HS',
    protocolBrandId: 'HS',
    amount: '12.50',
    currency: 'EUR',
    merchantOrgId: `merchant-${payId}`,
    paymentRef: `P.${payId}`,
  },
});
const received = (seq: number, name?: string): PaymentEvent => ({
  type: 'SchemeMessageReceived',
  commandId: `m${seq}`,
  command: 'ContinuePayment',
  sequence: seq,
  messages: [{ ...(name ? { name } : {}), sha256: String(seq).repeat(64) }],
});
const sent = (seq: number, name: string): PaymentEvent => ({
  type: 'SchemeMessageSent',
  commandId: `m${seq}`,
  sequence: seq,
  contStatus: 'Continue',
  messages: [{ name, content: 'PCDATA', transform: 'NONE', value: `v${seq}` }],
  bridgeState: {},
});

// Positions 1..5, then 6..19; the second batch is delivered from position 2 (checkpoint reset).
const A0 = paymentEvent('A', started('A'));
const A1 = paymentEvent('A', received(1));
const A2 = paymentEvent('A', sent(2, 'HS-Challenge'));
const B0 = paymentEvent('B', started('B'));
const B1 = paymentEvent('B', received(1, 'HS-Pay'));
const rest = [
  paymentEvent('A', received(3, 'HS-Pay')),
  rawEvent('iotptx-abc', 'PaymentAttemptStarted', { payId: 'A', bridgeId: 'hash-secret' }),
  paymentEvent('A', sent(4, 'HS-Result')),
  paymentEvent('B', { type: 'PaymentSuspended', commandId: 'j1', reason: 'no answer' }),
  paymentEvent('C', started('C')),
  paymentEvent('A', {
    type: 'PaymentCompleted',
    commandId: 'm5',
    statusDesc: 'Paid',
    receiptNameRefs: ['HS-Pay', 'HS-Result', 'HS-Missing'],
    notes: [{ name: 'HS-Balance', content: 'PCDATA', transform: 'NONE', value: '87.50' }],
  }),
  paymentEvent('C', { type: 'PaymentSuspended', commandId: 'j2', reason: 'late' }),
  paymentEvent('C', { type: 'PaymentResumed', commandId: 'j3' }),
  rawEvent('other-1', 'Whatever', {}),
  { ...paymentEvent('D', received(1)), revision: 1 }, // its PaymentStarted was never seen: no row
  paymentEvent('B', { type: 'PaymentResumed', commandId: 'j4' }, 99), // a newer schema: log only
  paymentEvent('C', {
    type: 'PaymentFailed',
    commandId: 'm6',
    completionCode: 'InsuffFunds',
    statusDesc: 'Insufficient funds',
    how: 'scheme',
    notes: [],
  }),
  paymentEvent('B', {
    type: 'ProcessStateChangeDeclined',
    commandId: 'x',
    requested: 'CompletedOk',
    actual: 'Suspended',
  } as PaymentEvent),
  paymentEvent('B', { type: 'PaymentLogRemoved', commandId: 'y' } as PaymentEvent),
];
const firstBatch = [A0, A1, A2, B0, B1];
const secondBatch = [A1, A2, B0, B1, ...rest]; // four redelivered, then new ones

describe('batched apply = one event at a time', () => {
  let db: TestSchema;
  const schemas: string[] = [];
  const newSchema = async (label: string) => {
    const schema = uniqueSchemaName(label);
    schemas.push(schema);
    await migrateReadModels(db.pool, schema);
    return readModelNames(schema);
  };

  beforeAll(async () => (db = await createTestSchema('projector_batch')));
  afterAll(async () => {
    for (const s of schemas) await db.pool.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await db.drop();
  });

  /** Every event's statements in order, each in its own transaction; returns the duplicates. */
  async function oneByOne(n: ReadModelNames, events: readonly StoredEvent[]): Promise<number> {
    let duplicates = 0;
    for (const event of events) {
      const change = projectEvent(event, n);
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        const moved = change.guard
          ? (await client.query(change.guard.text, [...change.guard.values])).rowCount
          : 1;
        if (moved === 0) duplicates += 1;
        else for (const e of change.effects) await client.query(e.text, [...e.values]);
        const l = change.log;
        if (l)
          await client.query(
            `INSERT INTO ${n.paymentLog} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT DO NOTHING`,
            [
              l.position,
              l.streamId,
              l.streamRevision,
              l.category,
              l.eventType,
              l.payId,
              l.iotpTransId,
              l.commandId,
              l.occurredAt,
              l.recordedAt,
              l.summary,
              l.inMsgId,
              l.outMsgId,
            ],
          );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }
    return duplicates;
  }

  /** Every row of the five tables, as PostgreSQL prints it (a jsonb null and a SQL NULL differ). */
  async function rows(n: ReadModelNames): Promise<Record<string, string[]>> {
    const all: Record<string, string[]> = {};
    for (const table of [n.payments, n.pendingPayments, n.receipts, n.schemeMessages, n.paymentLog]) {
      const { rows: r } = await db.pool.query<{ t: string }>(
        `SELECT t::text AS t FROM ${table} t ORDER BY 1`,
      );
      all[table.split('.')[1]!] = r.map((x) => x.t);
    }
    return all;
  }

  it('several events of one payment, redelivered ones and unreadable ones: the same rows', async () => {
    const reference = await newSchema('rm_one_by_one');
    const referenceDuplicates = await oneByOne(reference, [...firstBatch, ...secondBatch]);

    const batched = await newSchema('rm_batched');
    const first = await applyEvents(db.pool, batched, firstBatch, { expectedCheckpoint: 0n });
    expect(first).toMatchObject({ checkpoint: 5n, applied: 5, duplicates: 0 });
    await db.pool.query(`UPDATE ${batched.checkpoints} SET position = 1`); // checkpoint lost: redelivery
    const second = await applyEvents(db.pool, batched, secondBatch, { expectedCheckpoint: 1n });
    expect(second.checkpoint).toBe(position);
    expect(second.applied).toBe(secondBatch.length);
    expect(second.duplicates).toBe(5); // A1, A2, B0, B1 and D's event (no payments row)
    expect(second.duplicates).toBe(referenceDuplicates);
    expect(second.unreadable).toEqual([{ position: 16n, reason: 'cannot read PaymentResumed v99' }]);

    const expected = await rows(reference);
    expect(await rows(batched)).toEqual(expected);
    expect(expected.payments).toHaveLength(3); // A, B, C
    expect(expected.receipts).toHaveLength(1);
    expect(expected.pending_payments).toHaveLength(0); // A completed, B log removed, C failed
    expect(expected.payment_log).toHaveLength(18); // every event but the other category's

    // Applying the whole history again changes nothing.
    await db.pool.query(`UPDATE ${batched.checkpoints} SET position = 0`);
    const again = await applyEvents(db.pool, batched, [...firstBatch, ...rest], { expectedCheckpoint: 0n });
    expect(again.duplicates).toBe(6 + 5 + 4 + 1); // every readable payment event of A, B, C and D
    expect(await rows(batched)).toEqual(expected);
  });
});
