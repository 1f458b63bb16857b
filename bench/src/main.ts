import os from 'node:os';
import { benchDistributed } from './distributed-bench';
import { benchEcho } from './echo-bench';
import { benchEmbedded, type PaymentsBench } from './embedded-bench';
import { benchHsm, HSM_CONNECTIONS, HSM_DEPTH, type HsmBench } from './hsm-bench';
import { benchKafka, KAFKA_IN_FLIGHT, type KafkaBench } from './kafka-bench';
import type { LoadResult } from './load';
import { startBenchKafka, type BenchKafka } from './kafka-broker';
import { PG_CLIENTS, benchInserts } from './pg-bench';
import { startBenchPostgres, type BenchPostgres } from './postgres';
import { killAll, log } from './processes';
import { formatRow, formatSkip, rowOf, type Row } from './report';
import { benchSchemes, type SchemesBench } from './schemes-bench';
import { DURATION_MS, HSM_DURATION_MS, SCHEME_DURATION_MS, selectedParts, WORKERS } from './settings';
import { summarise } from './summary';

/**
 * `npm run bench` (issue 4 item 8), in one run: the raw baselines (Fastify XML echo; a kafkajs
 * request/reply round trip; PostgreSQL single-row INSERTs) next to complete hash/secret payments in
 * the embedded mode and in the distributed mode (Kafka + PostgreSQL), as rates, p50/p99 and ratios,
 * and where the time goes (from the apps' /metrics); complete payments of every scheme through the
 * embedded Payment Handler (`schemes`: hash/secret, SET-like, issuer micro, SMS confirmation, e-purse)
 * and the HSM simulator's command rates (`hsm`). Every server runs as its own process; this process is
 * the load generator, and all of them share this machine's cores: read the ratios.
 * Progress on stderr, the table on stdout. BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_ONLY, KAFKA_BROKERS,
 * BENCH_DATABASE_URL, BENCH_SCHEME_SECONDS, BENCH_HSM_SECONDS.
 */
export interface BenchResults {
  echo?: LoadResult;
  kafka?: KafkaBench;
  inserts?: LoadResult;
  embedded?: PaymentsBench;
  distributed?: PaymentsBench;
  schemes?: SchemesBench;
  hsm?: HsmBench;
}

async function main(): Promise<void> {
  const parts = selectedParts();
  const results: BenchResults = {};
  let postgres: BenchPostgres | undefined;
  let kafka: BenchKafka | undefined;
  const cleanUp = async () => {
    await kafka?.stop().catch((e: unknown) => log(`stopping Kafka failed: ${String(e)}`));
    await postgres?.stop().catch((e: unknown) => log(`stopping PostgreSQL failed: ${String(e)}`));
    kafka = postgres = undefined;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping what the bench started`);
      killAll();
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    if (parts.has('echo')) results.echo = await benchEcho();
    if (parts.has('kafka') || parts.has('distributed')) kafka = await startBenchKafka();
    if (parts.has('pg') || parts.has('embedded') || parts.has('distributed') || parts.has('schemes'))
      postgres = await startBenchPostgres();
    if (kafka && parts.has('kafka')) results.kafka = await benchKafka(kafka.brokers);
    if (postgres && parts.has('pg')) results.inserts = await benchInserts(postgres.url);
    if (postgres && parts.has('embedded')) results.embedded = await benchEmbedded(postgres.url);
    if (postgres && kafka && parts.has('distributed'))
      results.distributed = await benchDistributed(postgres.url, kafka.brokers);
    if (postgres && parts.has('schemes')) results.schemes = await benchSchemes(postgres.url);
    if (parts.has('hsm')) results.hsm = await benchHsm();
  } finally {
    await cleanUp();
  }
  process.stdout.write(`${report(results).join('\n')}\n`);
}

function report(r: BenchResults): string[] {
  const rows: (Row | string)[] = [];
  if (r.echo) rows.push(rowOf('raw Fastify XML echo (requests)', r.echo, 'req/s'));
  if (r.kafka) {
    rows.push(rowOf(`kafkajs request/reply, ${KAFKA_IN_FLIGHT} in flight (max)`, r.kafka.max, 'trips/s'));
    rows.push(rowOf('kafkajs request/reply at half max (open loop)', r.kafka.half, 'trips/s'));
  }
  if (r.inserts) rows.push(rowOf(`PostgreSQL 1-row INSERT/tx, ${PG_CLIENTS} clients`, r.inserts, 'rows/s'));
  if (r.embedded)
    rows.push(rowOf('complete hash/secret payments (2 round trips)', r.embedded.result, 'payments/s'));
  if (r.distributed)
    rows.push(rowOf('complete payments distributed (Kafka + PG)', r.distributed.result, 'payments/s'));
  rows.push(...schemeRows(r));
  for (const run of r.hsm?.runs ?? [])
    rows.push(
      run.result
        ? rowOf(`HSM ${run.name}`, run.result, 'cmds/s')
        : formatSkip(`HSM ${run.name}`, run.skipped ?? ''),
    );
  if (r.schemes) rows.push(`(schemes: the Payment Handler ran as ${r.schemes.launcher})`);
  return [
    '',
    `npm run bench — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, ${WORKERS} concurrent clients, ${DURATION_MS / 1000} s each${r.schemes ? `; schemes ${SCHEME_DURATION_MS / 1000} s each` : ''}${r.hsm ? `; HSM ${HSM_CONNECTIONS}×${HSM_DEPTH} in flight, ${HSM_DURATION_MS / 1000} s each` : ''}`,
    ...rows.map((row) => (typeof row === 'string' ? row : formatRow(row))),
    ...summarise(r),
    '',
  ];
}

/** One row per scheme (payments/s, p50/p99, failures, ÷ echo), declines on a row of their own. */
function schemeRows(r: BenchResults): (Row | string)[] {
  const rows: (Row | string)[] = [];
  const echo = r.echo ? r.echo.completed / r.echo.seconds : undefined;
  for (const run of r.schemes?.runs ?? []) {
    if (!run.result) {
      rows.push(formatSkip(run.name, run.skipped ?? 'not run'));
      continue;
    }
    const rate = run.result.completed / run.result.seconds;
    const perPayment = run.exchangesPerPayment?.toFixed(1) ?? 'n/a';
    rows.push(
      rowOf(
        run.name,
        run.result,
        'payments/s',
        `${echo ? `÷ echo ${(rate / echo).toPrecision(2)}  ` : ''}(${perPayment} IOTP req/payment)`,
      ),
    );
    if (run.declined)
      rows.push(
        rowOf(
          `  └ declined, not counted above`,
          run.declined,
          'declines/s',
          Object.entries(run.declined.reasons)
            .map(([reason, n]) => `${n}× ${reason}`)
            .join(', '),
        ),
      );
  }
  return rows;
}

main().catch((error: unknown) => {
  console.error(error);
  killAll();
  process.exit(1);
});
