// k6 run load-tests/k6/staircase.js — breakpoint test: one constant-arrival-rate scenario per step,
// each held STEP_SECONDS, back to back. Every metric is tagged with its step, so the end-of-test
// summary prints achieved payments/s, p50/p90/p99 and dropped iterations per step; the breakpoint is
// the first step whose p99 passes THRESHOLDS.p99Ms or that has errors or dropped iterations.
import { PROFILES, thresholds } from './common.js';
import { SCHEME, payment } from './scheme.js';
import { THRESHOLDS } from '../lib/iotp-hash-secret.js';

const P = PROFILES.staircase;
const start = Number(__ENV.START || P.start);
const step = Number(__ENV.STEP || P.step);
const steps = Number(__ENV.STEPS || P.steps);
const stepSeconds = Number(__ENV.STEP_SECONDS || P.stepSeconds);
const warmupSeconds = Number(__ENV.WARMUP_SECONDS ?? P.warmupSeconds ?? 0);

/** @type {Record<string, import('k6/options').Scenario>} */
const scenarios = {};
/** @type {Record<string, string[]>} */
const stepThresholds = {};
if (warmupSeconds > 0) {
  // Warm-up at the first rate, tagged step 0: not in the per-step table.
  scenarios.warmup = {
    executor: 'constant-arrival-rate',
    rate: start,
    timeUnit: '1s',
    duration: `${warmupSeconds}s`,
    preAllocatedVUs: Math.min(P.maxInFlight, Math.max(10, start)),
    maxVUs: P.maxInFlight,
    tags: { step: '0', rate: String(start) },
  };
}
for (let i = 0; i < steps; i++) {
  const rate = start + i * step;
  const name = `step_${String(i + 1).padStart(2, '0')}_${rate}ps`;
  scenarios[name] = {
    executor: 'constant-arrival-rate',
    rate,
    timeUnit: '1s',
    duration: `${stepSeconds}s`,
    startTime: `${warmupSeconds + i * stepSeconds}s`,
    preAllocatedVUs: Math.min(P.maxInFlight, Math.max(10, rate)),
    maxVUs: P.maxInFlight,
    tags: { step: String(i + 1), rate: String(rate) },
  };
  // Thresholds on tagged sub-metrics make k6 report each step separately (abortOnFail off: the
  // staircase goes on past the breakpoint so the report shows it).
  stepThresholds[`payment_duration{step:${i + 1}}`] = ['p(50)>=0', 'p(90)>=0', `p(99)<${THRESHOLDS.p99Ms}`];
  stepThresholds[`payments_completed{step:${i + 1}}`] = ['count>=0'];
  stepThresholds[`payment_errors{step:${i + 1}}`] = [`rate<=${THRESHOLDS.maxErrorRate}`];
  stepThresholds[`dropped_iterations{step:${i + 1}}`] = ['count==0'];
}

export const options = {
  scenarios,
  thresholds: { ...thresholds, ...stepThresholds },
  summaryTrendStats: ['p(50)', 'p(90)', 'p(99)', 'max', 'count'],
};

export default async function () {
  await payment();
}

/**
 * Per-step table: achieved payments/s (completed / STEP_SECONDS), p50/p90/p99, errors, dropped.
 * @param {any} data
 */
export function handleSummary(data) {
  const m = data.metrics;
  const rows = [
    '| step | target/s | achieved/s | p50 ms | p90 ms | p99 ms | error rate | dropped |',
    '|---|---|---|---|---|---|---|---|',
  ];
  let breakpoint = 'not reached';
  for (let i = 1; i <= steps; i++) {
    const d = (m[`payment_duration{step:${i}}`] || { values: {} }).values;
    const ok = (m[`payments_completed{step:${i}}`] || { values: { count: 0 } }).values.count;
    const err = (m[`payment_errors{step:${i}}`] || { values: { rate: 0 } }).values.rate;
    const dropped = (m[`dropped_iterations{step:${i}}`] || { values: { count: 0 } }).values.count;
    const rate = start + (i - 1) * step;
    rows.push(
      `| ${i} | ${rate} | ${(ok / stepSeconds).toFixed(1)} | ${(d['p(50)'] || 0).toFixed(1)} | ${(d['p(90)'] || 0).toFixed(1)} | ${(d['p(99)'] || 0).toFixed(1)} | ${(err * 100).toFixed(2)}% | ${dropped} |`,
    );
    if (breakpoint === 'not reached' && ((d['p(99)'] || 0) >= THRESHOLDS.p99Ms || err > 0 || dropped > 0))
      breakpoint = `${rate} payments/s (step ${i})`;
  }
  const text = `scheme ${SCHEME}\n\n${rows.join('\n')}\n\nbreakpoint (p99 >= ${THRESHOLDS.p99Ms} ms, errors or dropped iterations): ${breakpoint}\n`;
  const file = SCHEME === 'hash-secret' ? 'k6-staircase.md' : `k6-staircase-${SCHEME}.md`;
  return { stdout: text, [`load-tests/reports/${file}`]: `# k6 staircase (${SCHEME})\n\n${text}` };
}
