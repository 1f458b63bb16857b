import type { PaymentsBench } from './embedded-bench';
import type { BenchResults } from './main';
import { countOf, formatAverages } from './metrics';
import { ratio } from './report';

const rateOf = (r: { completed: number; seconds: number } | undefined) =>
  r ? r.completed / r.seconds : undefined;

/** Calls of a histogram per complete payment, from a run's /metrics. */
function perPayment(bench: PaymentsBench, source: string, metric: string, label = ''): number | undefined {
  const averages = bench.metrics[source];
  const payments = bench.result.completed;
  return averages && payments > 0 ? countOf(averages, metric, label) / payments : undefined;
}

/** The ratios under the table, the targets of issue 4, and where the time goes. */
export function summarise(r: BenchResults): string[] {
  const echo = rateOf(r.echo);
  const embedded = rateOf(r.embedded?.result);
  const distributed = rateOf(r.distributed?.result);
  const kafkaMax = rateOf(r.kafka?.max);
  const inserts = rateOf(r.inserts);
  const lines: string[] = [];
  if (r.embedded && echo !== undefined) {
    const requests = r.embedded.exchanges / r.embedded.result.seconds;
    lines.push(
      `payments/s ÷ echo req/s = ${ratio(embedded, echo)}   IOTP requests/s ÷ echo req/s = ${ratio(requests, echo)}`,
    );
  }
  if (r.distributed) {
    lines.push(
      `distributed payments/s ÷ embedded payments/s = ${ratio(distributed, embedded)}   ÷ echo req/s = ${ratio(distributed, echo)}`,
    );
    const calls = perPayment(r.distributed, 'gateway', 'payment_api_request_duration_seconds');
    if (calls !== undefined && distributed !== undefined)
      lines.push(
        `distributed Payment API calls/s (${calls.toFixed(2)} per payment) ÷ kafkajs max round trips/s = ${ratio(distributed * calls, kafkaMax)}`,
      );
  }
  if (r.embedded) {
    const appends = perPayment(
      r.embedded,
      Object.keys(r.embedded.metrics)[0]!,
      'event_store_operation_duration_seconds',
      'operation="append"',
    );
    if (appends !== undefined && embedded !== undefined)
      lines.push(
        `embedded event-store appends/s (${appends.toFixed(2)} per payment) ÷ PostgreSQL INSERTs/s = ${ratio(embedded * appends, inserts)}`,
      );
  }
  const targets: string[] = [];
  if (embedded !== undefined) targets.push(`embedded ≥ 1000 payments/s: ${embedded.toFixed(0)}`);
  if (distributed !== undefined) targets.push(`distributed ≥ 400 payments/s: ${distributed.toFixed(0)}`);
  if (r.kafka) {
    const p99 = [...r.kafka.half.latenciesMs].sort((a, b) => a - b)[
      Math.floor(r.kafka.half.latenciesMs.length * 0.99)
    ];
    targets.push(`Kafka p99 at half max ≤ 20 ms: ${p99?.toFixed(1) ?? 'n/a'} ms`);
  }
  if (targets.length) lines.push(`targets (issue 4): ${targets.join('; ')}`);
  for (const run of r.schemes?.runs ?? []) {
    if (run.note) lines.push(`${run.brand}: ${run.note}`);
    if (run.result?.firstError) lines.push(`first error (${run.brand}): ${run.result.firstError}`);
  }
  for (const run of r.hsm?.runs ?? [])
    if (run.result?.firstError) lines.push(`first error (HSM ${run.code}): ${run.result.firstError}`);
  for (const [name, res] of [
    ['echo', r.echo],
    ['kafka', r.kafka?.max],
    ['kafka half', r.kafka?.half],
    ['inserts', r.inserts],
    ['embedded', r.embedded?.result],
    ['distributed', r.distributed?.result],
  ] as const)
    if (res?.firstError) lines.push(`first error (${name}): ${res.firstError}`);

  const where: string[] = [];
  for (const [mode, bench] of [
    ['embedded', r.embedded],
    ['distributed', r.distributed],
  ] as const) {
    if (!bench) continue;
    for (const [source, averages] of Object.entries(bench.metrics))
      where.push(
        ...formatAverages(`${mode} — ${source} /metrics (${bench.result.completed} payments):`, averages),
      );
  }
  if (where.length)
    lines.push(
      '',
      'where the time goes (average per IOTP block / Payment API call / event-store operation):',
      ...where,
    );
  return lines;
}
