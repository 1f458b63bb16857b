import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '@ph/event-store';
import { digestOf, paymentStream, type PaymentEvent, toNewEvents } from '@ph/payments';
import { applyEvents, migrateReadModels, readModelNames, type ReadModelNames } from '@ph/read-models';
import { Projector } from '../../apps/projector/src';
import { createTestSchema, type TestSchema, uniqueSchemaName } from '../support/database';

/*
 * The projector against the real PostgreSQL event store: read models converge; redelivery changes
 * nothing; a kill (no final flush, transaction in flight rolled back) and restart neither skips nor
 * doubles an event; a rebuild while events keep arriving ends with the rows a fresh projection has.
 */

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const HS_RESULT = { name: 'HS-Result', content: 'PCDATA', transform: 'NONE', value: 'OK 4711' } as const;
const HS_BALANCE = { name: 'HS-Balance', content: 'PCDATA', transform: 'NONE', value: '87.50' } as const;
const HS_PAY = { name: 'HS-Pay', sha256: 'a'.repeat(64) };
type Outcome = 'completed' | 'failed' | 'suspended' | 'pending';
type Uncaused = PaymentEvent extends infer E
  ? E extends PaymentEvent
    ? Omit<E, 'commandId'>
    : never
  : never;

/** The commands of one payment, each as the worker would append them (own command id, expected revision). */
function paymentCommands(payId: string, outcome: Outcome, minute: number): PaymentEvent[][] {
  const c = (commandId: string, events: Uncaused[]) =>
    events.map((e) => ({ ...e, commandId }) as PaymentEvent);
  const start = c(`${payId}-m1`, [
    {
      type: 'PaymentStarted',
      context: {
        payId,
        iotpTransId: `trans-${payId}`,
        brandId: 'HashSecret',
        protocolId: 'HS',
        protocolBrandId: 'HS',
        amount: '12.50',
        currency: 'EUR',
        merchantOrgId: `merchant-${minute % 3}`,
        paymentRef: `P.${payId}`,
      },
    },
    {
      type: 'SchemeMessageReceived',
      command: 'StartPayment',
      sequence: 1,
      messages: [{ sha256: 'b'.repeat(64) }],
    },
    {
      type: 'SchemeMessageSent',
      sequence: 2,
      contStatus: 'Continue',
      messages: [{ name: 'HS-Challenge', content: 'PCDATA', transform: 'NONE', value: 'nonce' }],
      bridgeState: { step: 'challenged' },
    },
  ]);
  switch (outcome) {
    case 'completed':
      return [
        start,
        c(`${payId}-m2`, [
          { type: 'SchemeMessageReceived', command: 'ContinuePayment', sequence: 3, messages: [HS_PAY] },
          {
            type: 'SchemeMessageSent',
            sequence: 4,
            contStatus: 'End',
            messages: [HS_RESULT],
            bridgeState: {},
          },
          {
            type: 'PaymentCompleted',
            statusDesc: 'Paid',
            receiptNameRefs: ['HS-Pay', 'HS-Result'],
            notes: [HS_BALANCE],
          },
        ]),
      ];
    case 'failed':
      return [
        start,
        c(`${payId}-m2`, [
          { type: 'SchemeMessageReceived', command: 'ContinuePayment', sequence: 3, messages: [HS_PAY] },
          {
            type: 'PaymentFailed',
            completionCode: 'InsuffFunds',
            statusDesc: 'Insufficient funds',
            how: 'scheme',
            notes: [],
          },
        ]),
      ];
    case 'suspended':
      return [start, c(`${payId}-janitor`, [{ type: 'PaymentSuspended', reason: 'no answer in time' }])];
    case 'pending':
      return [start];
  }
}

function transactionEvents(payId: string, at: string): { streamId: string; events: NewEvent[] } {
  const transId = `trans-${payId}`;
  const streamId = `iotptx-${createHash('sha256').update(transId).digest('hex').slice(0, 40)}`;
  const data = [
    {
      type: 'PaymentAttemptStarted',
      payId,
      bridgeId: 'hash-secret',
      merchantId: 'm',
      paymentRef: `P.${payId}`,
    },
    {
      type: 'IotpMessageAnswered',
      key: `in-${payId}`,
      inMsgId: `C.${payId}.1`,
      digest: 'ff',
      answer: '<IotpMessage/>',
      outMsgId: `P.${payId}.1`,
      received: true,
      sentInExchange: true,
    },
    { type: 'PaymentAttemptFinished', payId, status: {}, processState: 'CompletedOk', recoverable: false },
  ];
  return {
    streamId,
    events: data.map((d, i) => ({
      eventId: uuidOf(`${streamId}|${i}`),
      type: d.type,
      data: d,
      metadata: {
        commandId: `C.${payId}.1`,
        correlationId: transId,
        causationId: 'x',
        schemaVersion: 1,
        occurredAt: at,
      },
    })),
  };
}

function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const OUTCOMES: readonly Outcome[] = ['completed', 'failed', 'suspended', 'pending'];

/** Appends payment i (its commands in order) and its IOTP transaction stream; n payments `parallel` at a time. */
async function appendPayments(store: PostgresEventStore, first: number, count: number, parallel = 8) {
  const one = async (i: number) => {
    const payId = `pay${String(i).padStart(6, '0')}`;
    const stream = paymentStream(payId);
    let revision = -1;
    for (const [k, events] of paymentCommands(payId, OUTCOMES[i % 4]!, i).entries()) {
      const at = new Date(T0 + i * 60_000 + k * 1_000).toISOString();
      const commandId = events[0]!.commandId;
      const newEvents = toNewEvents(stream, commandId, events, {
        correlationId: `trans-${payId}`,
        causationId: commandId,
        occurredAt: at,
      });
      const result = await store.append(stream, newEvents, revision < 0 ? 'no_stream' : revision);
      revision = result.lastRevision;
    }
    if (i % 4 === 0) {
      const tx = transactionEvents(payId, new Date(T0 + i * 60_000).toISOString());
      await store.append(tx.streamId, tx.events, 'no_stream');
    }
    if (i % 10 === 0) {
      // A stream of another category: the projector must move past it and change nothing.
      await store.append(`other-${i}`, [otherEvent(i)], 'no_stream');
    }
  };
  for (let i = first; i < first + count; i += parallel)
    await Promise.all(Array.from({ length: Math.min(parallel, first + count - i) }, (_, k) => one(i + k)));
}

const otherEvent = (i: number): NewEvent => ({
  eventId: uuidOf(`other-${i}`),
  type: 'Whatever',
  data: { i },
  metadata: {
    commandId: `o${i}`,
    correlationId: 'x',
    causationId: 'x',
    schemaVersion: 1,
    occurredAt: new Date(T0).toISOString(),
  },
});

async function headPosition(store: PostgresEventStore): Promise<bigint> {
  let from = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, limit: 5_000 });
    if (page.length === 0) return from;
    from = page[page.length - 1]!.position;
  }
}

/** Every read-model row, in a stable order, as JSON: what a user of the pages would see. */
async function snapshot(pool: Pool, n: ReadModelNames, payIds?: readonly string[]) {
  const filter = payIds ? 'WHERE pay_id = ANY($1)' : '';
  const values = payIds ? [payIds] : [];
  const q = async (table: string, order: string) =>
    (await pool.query(`SELECT * FROM ${table} ${filter} ORDER BY ${order}`, values)).rows;
  return JSON.parse(
    JSON.stringify({
      payments: await q(n.payments, 'pay_id'),
      pending: await q(n.pendingPayments, 'pay_id'),
      receipts: await q(n.receipts, 'pay_id'),
      schemeMessages: await q(n.schemeMessages, 'pay_id, stream_revision, idx'),
      log: await q(n.paymentLog, 'position'),
    }),
  ) as Record<string, unknown[]>;
}

/** The read models a fresh projection of the whole store yields (the reference). */
async function referenceProjection(store: PostgresEventStore, pool: Pool, schema: string) {
  const n = readModelNames(schema);
  await migrateReadModels(pool, schema);
  let from = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, limit: 1_000 });
    if (page.length === 0) break;
    from = (await applyEvents(pool, n, page)).checkpoint;
  }
  return snapshot(pool, n);
}

async function checkpointRow(pool: Pool, n: ReadModelNames) {
  const { rows } = await pool.query<{ position: string; events_applied: string }>(
    `SELECT position, events_applied FROM ${n.checkpoints} WHERE name = 'read-models'`,
  );
  return { position: BigInt(rows[0]!.position), eventsApplied: Number(rows[0]!.events_applied) };
}

const SPEED = process.env.PROJECTOR_SPEED === '1' ? describe : describe.skip;
SPEED('projector speed (PROJECTOR_SPEED=1)', () => {
  it('measures a catch-up', async () => {
    const es = await createTestSchema('projector_speed');
    const store = await createPostgresEventStore({
      connectionString: process.env.DATABASE_URL,
      schema: es.schema,
      poolSize: 12,
    });
    await appendPayments(store, 0, 2000, 16);
    const head = await headPosition(store);
    const schema = uniqueSchemaName('rm_speed');
    const p = new Projector({ store, pool: es.pool, schema, batchSize: 500 });
    await migrateReadModels(es.pool, schema);
    const t = Date.now();
    await p.start();
    await p.waitForCheckpoint(head, 120_000);
    const s = (Date.now() - t) / 1000;
    console.log(`catch-up ${head} events in ${s.toFixed(2)} s = ${Math.round(Number(head) / s)} events/s`);
    await p.stop();
    await store.close();
    await es.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await es.drop();
  }, 180_000);
});

describe('projector (PostgreSQL event store → read models)', () => {
  let es: TestSchema;
  let store: PostgresEventStore;
  const extraSchemas: string[] = [];
  const projectors: Projector[] = [];

  const newReadModelSchema = (label: string) => {
    const schema = uniqueSchemaName(label);
    extraSchemas.push(schema, `${schema}_rebuild`, `${schema}_retired`);
    return schema;
  };
  const newProjector = (schema: string, batchSize = 500) => {
    const p = new Projector({ store, pool: es.pool, schema, batchSize, retryDelayMs: 50 });
    projectors.push(p);
    return p;
  };
  const newStore = async () => {
    es = await createTestSchema('projector_es');
    store = await createPostgresEventStore({
      connectionString: process.env.DATABASE_URL,
      schema: es.schema,
      poolSize: 12,
      subscription: { pollIntervalMs: 100 },
    });
  };
  const dropStore = async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await store.close();
    for (const s of extraSchemas.splice(0)) await es.pool.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await es.drop();
  };

  describe('a small history', () => {
    let schema: string;
    let n: ReadModelNames;
    let head: bigint;
    let first: Record<string, unknown[]>;

    beforeAll(async () => {
      await newStore();
      await appendPayments(store, 0, 4, 1); // completed, failed, suspended, pending; one iotptx stream
      head = await headPosition(store);
      schema = newReadModelSchema('rm_small');
      n = readModelNames(schema);
    });
    afterAll(dropStore);

    it('builds payments, the payment log, pending payments and receipts, and moves the checkpoint', async () => {
      const projector = newProjector(schema);
      await projector.start();
      await projector.waitForCheckpoint(head);
      await projector.stop();

      const payments = (await es.pool.query(`SELECT * FROM ${n.payments} ORDER BY pay_id`)).rows;
      expect(payments.map((p) => [p.pay_id, p.process_state, p.completion_code, p.stream_revision])).toEqual([
        ['pay000000', 'CompletedOk', null, 5],
        ['pay000001', 'Failed', 'InsuffFunds', 4],
        ['pay000002', 'Suspended', null, 3],
        ['pay000003', 'InProgress', null, 2],
      ]);
      expect(payments[0]).toMatchObject({
        iotp_trans_id: 'trans-pay000000',
        payment_ref: 'P.pay000000',
        merchant_org_id: 'merchant-0',
        brand_id: 'HashSecret',
        protocol_id: 'HS',
        amount: '12.50', // numeric, exactly as received
        currency: 'EUR',
        status_desc: 'Paid',
        message_count: 4,
      });
      expect(payments[0].started_at.toISOString()).toBe('2026-03-01T10:00:00.000Z');
      expect(payments[0].finished_at.toISOString()).toBe('2026-03-01T10:00:01.000Z');
      expect(payments[3].finished_at).toBeNull();

      const pending = (await es.pool.query(`SELECT * FROM ${n.pendingPayments} ORDER BY pay_id`)).rows;
      expect(
        pending.map((p) => [p.pay_id, p.process_state, p.reason, p.next_check_at.toISOString()]),
      ).toEqual([
        ['pay000002', 'Suspended', 'no answer in time', '2026-03-01T10:07:01.000Z'], // +300 s
        ['pay000003', 'InProgress', null, '2026-03-01T10:05:00.000Z'], // +120 s
      ]);

      const receipts = (await es.pool.query(`SELECT * FROM ${n.receipts}`)).rows;
      expect(receipts).toHaveLength(1);
      expect(receipts[0]).toMatchObject({
        pay_id: 'pay000000',
        name_refs: ['HS-Pay', 'HS-Result'],
        items: [
          { name: 'HS-Pay', direction: 'in', sha256: HS_PAY.sha256 },
          { name: 'HS-Result', direction: 'out', sha256: digestOf(HS_RESULT), packaged: HS_RESULT },
        ],
        notes: [HS_BALANCE],
      });

      const log = (await es.pool.query(`SELECT * FROM ${n.paymentLog} ORDER BY position`)).rows;
      // 6 + 5 + 4 + 3 payment events, 3 IOTP transaction events; the other category is not logged.
      expect(log).toHaveLength(21);
      expect(log.filter((r) => r.category === 'iotptx').map((r) => r.event_type)).toEqual([
        'PaymentAttemptStarted',
        'IotpMessageAnswered',
        'PaymentAttemptFinished',
      ]);
      const answered = log.find((r) => r.event_type === 'IotpMessageAnswered');
      expect(answered).toMatchObject({
        in_msg_id: 'C.pay000000.1',
        out_msg_id: 'P.pay000000.1',
        pay_id: null, // the gateway's answer event names no payment; the trans id links it
        iotp_trans_id: 'trans-pay000000',
      });
      expect(answered.summary).not.toContain('<IotpMessage'); // no payloads in the log
      expect(log[0].summary).toBe('Payment started: 12.50 EUR, brand HashSecret via HS, merchant merchant-0');
      expect(await checkpointRow(es.pool, n)).toEqual({ position: head, eventsApplied: Number(head) });
      first = await snapshot(es.pool, n);
    });

    it('applies nothing twice when every event is delivered again (checkpoint lost)', async () => {
      await es.pool.query(`UPDATE ${n.checkpoints} SET position = 0`);
      const projector = newProjector(schema);
      await projector.start();
      await projector.waitForCheckpoint(head);
      await projector.stop();
      expect(await snapshot(es.pool, n)).toEqual(first);
      // All 18 payment events were recognised by their stream revision; no log row was added.
      expect(projector.stats.duplicates).toBe(18);
    });
  });

  describe('under concurrent appends', () => {
    beforeAll(newStore);
    afterAll(dropStore);

    it('converges after being killed mid-stream and restarted: no event skipped or applied twice', async () => {
      await appendPayments(store, 0, 200); // history to catch up with
      const schema = newReadModelSchema('rm_kill');
      const n = readModelNames(schema);
      const catchUpFrom = await headPosition(store);
      const started = Date.now();
      const first = newProjector(schema, 50);
      await first.start();
      await first.waitForCheckpoint(catchUpFrom);
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `projector catch-up: ${catchUpFrom} events in ${seconds.toFixed(2)} s = ${Math.round(Number(catchUpFrom) / seconds)} events/s (batches of 50)`,
      );

      const appending = appendPayments(store, 200, 200);
      await new Promise((r) => setTimeout(r, 150));
      await first.kill();
      const killedAt = (await checkpointRow(es.pool, n)).position;
      await new Promise((r) => setTimeout(r, 100));
      const second = newProjector(schema, 50);
      await second.start();
      await appending;
      const head = await headPosition(store);
      await second.waitForCheckpoint(head);
      await second.stop();

      expect(killedAt).toBeLessThan(head);
      expect(second.stats.duplicates).toBe(0); // the checkpoint moved with every change, atomically
      // Every event of the store was applied exactly once, across the kill.
      const { rows } = await es.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${es.schema}".events`);
      expect(await checkpointRow(es.pool, n)).toEqual({ position: head, eventsApplied: Number(rows[0]!.n) });
      expect(await snapshot(es.pool, n)).toEqual(
        await referenceProjection(store, es.pool, newReadModelSchema('rm_kill_ref')),
      );
    });

    it('rebuilds from position 0 while events keep arriving and ends with the same rows', async () => {
      const schema = newReadModelSchema('rm_rebuild');
      const n = readModelNames(schema);
      const projector = newProjector(schema, 100);
      await projector.start();
      await projector.waitForCheckpoint(await headPosition(store));
      const existing = (await es.pool.query<{ pay_id: string }>(`SELECT pay_id FROM ${n.payments}`)).rows.map(
        (r) => r.pay_id,
      );
      const before = await snapshot(es.pool, n, existing);

      const appending = appendPayments(store, 400, 200);
      await new Promise((r) => setTimeout(r, 50));
      const report = await projector.rebuild();
      console.log(
        `rebuild: ${report.events} events in ${report.durationMs} ms = ${Math.round((report.events * 1000) / report.durationMs)} events/s`,
      );
      await appending;
      const head = await headPosition(store);
      await projector.waitForCheckpoint(head);
      await projector.stop();

      expect(projector.healthy).toBe(false); // stopped
      expect(await snapshot(es.pool, n, existing)).toEqual(before);
      expect(await snapshot(es.pool, n)).toEqual(
        await referenceProjection(store, es.pool, newReadModelSchema('rm_rebuild_ref')),
      );
      expect((await es.pool.query(`SELECT count(*)::int AS n FROM ${n.payments}`)).rows[0].n).toBe(600);
    });
  });
});
