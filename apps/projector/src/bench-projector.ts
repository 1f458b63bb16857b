/**
 * Catch-up throughput of the projector (not a test; numbers go into the report, never into asserts).
 *   npm run -s build && node dist/apps/projector/src/bench-projector.js [payments] [runs]
 * (built first: the @ph/* aliases are resolved by the build, not by test/support/run-ts.js).
 * Uses DATABASE_URL if set, else a throw-away embedded PostgreSQL with default durability (fsync on).
 * Appends `payments` payments' worth of real events (toNewEvents, ~11 events each: 8 payment events
 * in three commands plus an IOTP transaction stream of 3), then times `runs` catch-ups of a fresh
 * read-model schema from position 0 with the default Projector settings and prints events/s.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  type NewEvent,
  type RecordedEvent,
  startEmbeddedPostgres,
} from '@ph/event-store';
import { paymentStream, type PaymentEvent, toNewEvents } from '@ph/payments';
import { applyEvents, migrateReadModels, readModelNames } from '@ph/read-models';
import { Projector } from './projector';

const payments = Number(process.argv[2] ?? 4_000);
const runs = Number(process.argv[3] ?? 3);
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

function paymentCommands(payId: string): PaymentEvent[][] {
  const msg = (name: string, value: string) => ({
    name,
    content: 'PCDATA',
    transform: 'NONE' as const,
    value,
  });
  const digest = { name: 'HS-Pay', sha256: 'a'.repeat(64) };
  return [
    [
      {
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
          merchantOrgId: 'merchant-1',
          paymentRef: `P.${payId}`,
        },
      },
      {
        type: 'SchemeMessageReceived',
        commandId: `${payId}-m1`,
        command: 'StartPayment',
        sequence: 1,
        messages: [{ sha256: 'b'.repeat(64) }],
      },
      {
        type: 'SchemeMessageSent',
        commandId: `${payId}-m1`,
        sequence: 2,
        contStatus: 'Continue',
        messages: [msg('HS-Challenge', 'nonce')],
        bridgeState: { step: 'challenged' },
      },
    ],
    [
      {
        type: 'SchemeMessageReceived',
        commandId: `${payId}-m2`,
        command: 'ContinuePayment',
        sequence: 3,
        messages: [{ name: 'HS-Auth', sha256: 'c'.repeat(64) }],
      },
      {
        type: 'SchemeMessageSent',
        commandId: `${payId}-m2`,
        sequence: 4,
        contStatus: 'Continue',
        messages: [msg('HS-Check', 'ok')],
        bridgeState: { step: 'checked' },
      },
    ],
    [
      {
        type: 'SchemeMessageReceived',
        commandId: `${payId}-m3`,
        command: 'ContinuePayment',
        sequence: 5,
        messages: [digest],
      },
      {
        type: 'SchemeMessageSent',
        commandId: `${payId}-m3`,
        sequence: 6,
        contStatus: 'End',
        messages: [msg('HS-Result', 'OK 4711')],
        bridgeState: {},
      },
      {
        type: 'PaymentCompleted',
        commandId: `${payId}-m3`,
        statusDesc: 'Paid',
        receiptNameRefs: ['HS-Pay', 'HS-Result'],
        notes: [msg('HS-Balance', '87.50')],
      },
    ],
  ];
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
      inMsgId: `C.${payId}.1`,
      answer: '<IotpMessage/>',
      outMsgId: `P.${payId}.1`,
    },
    { type: 'PaymentAttemptFinished', payId, processState: 'CompletedOk', recoverable: false },
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

async function main(): Promise<void> {
  let url = process.env.DATABASE_URL;
  let cleanup = async () => undefined as void;
  if (!url) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ph-bench-projector-'));
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port: 54900 + (process.pid % 90),
    });
    url = server.connectionString;
    cleanup = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const tag = `${process.pid}`;
  const store = await createPostgresEventStore({
    connectionString: url,
    schema: `bench_es_${tag}`,
    poolSize: 16,
  });
  try {
    const appendStarted = Date.now();
    const one = async (i: number) => {
      const payId = `pay${String(i).padStart(7, '0')}`;
      const stream = paymentStream(payId);
      let revision = -1;
      for (const [k, events] of paymentCommands(payId).entries()) {
        const commandId = events[0]!.commandId;
        const newEvents = toNewEvents(stream, commandId, events, {
          correlationId: `trans-${payId}`,
          causationId: commandId,
          occurredAt: new Date(T0 + i * 1_000 + k * 100).toISOString(),
        });
        revision = (await store.append(stream, newEvents, revision < 0 ? 'no_stream' : revision))
          .lastRevision;
      }
      const tx = transactionEvents(payId, new Date(T0 + i * 1_000).toISOString());
      await store.append(tx.streamId, tx.events, 'no_stream');
    };
    for (let i = 0; i < payments; i += 64)
      await Promise.all(Array.from({ length: Math.min(64, payments - i) }, (_, k) => one(i + k)));
    console.log(`appended ${payments} payments in ${((Date.now() - appendStarted) / 1000).toFixed(1)} s`);
    // Where the time goes: reading the store alone, and applying pre-read pages alone.
    let head = 0n;
    const pages: RecordedEvent[][] = [];
    const readStarted = process.hrtime.bigint();
    for (;;) {
      const page = await store.readAll({ fromPosition: head, limit: 500 });
      if (page.length === 0) break;
      pages.push(page);
      head = page[page.length - 1]!.position;
    }
    const readSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
    console.log(
      `readAll alone: ${head} events in ${readSeconds.toFixed(2)} s = ${Math.round(Number(head) / readSeconds)} events/s`,
    );
    {
      const pool = new Pool({ connectionString: url, max: 2 });
      const n = readModelNames(`bench_rm_${tag}_apply`);
      await migrateReadModels(pool, n.schema);
      const started = process.hrtime.bigint();
      let checkpoint = 0n;
      for (const page of pages)
        checkpoint = (await applyEvents(pool, n, page, { expectedCheckpoint: checkpoint })).checkpoint;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(`applyEvents alone (batches of 500): ${Math.round(Number(head) / seconds)} events/s`);
      await pool.query(`DROP SCHEMA "${n.schema}" CASCADE`);
      await pool.end();
    }

    const rates: number[] = [];
    for (let r = 0; r < runs; r++) {
      const schema = `bench_rm_${tag}_${r}`;
      const pool = new Pool({ connectionString: url, max: 4 });
      await migrateReadModels(pool, schema);
      const projector = new Projector({ store, pool, schema });
      const started = process.hrtime.bigint();
      await projector.start();
      await projector.waitForCheckpoint(head, 600_000);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { batches } = projector.stats;
      await projector.stop();
      const rate = Number(head) / seconds;
      rates.push(rate);
      console.log(
        `run ${r + 1}: catch-up of ${head} events in ${seconds.toFixed(2)} s = ${Math.round(rate)} events/s ` +
          `(${batches} batches, ${Math.round(Number(head) / batches)} events/batch)`,
      );
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    }
    const sorted = [...rates].sort((a, b) => a - b);
    console.log(
      `\nprojector catch-up: median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} events/s, ` +
        `best ${Math.round(sorted[sorted.length - 1]!)} events/s over ${runs} run(s) of ${head} events`,
    );
  } finally {
    await store.close();
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
