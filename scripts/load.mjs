/* global fetch, AbortSignal */
// `npm run load -- <smoke|load|staircase|soak> [--scheme hash-secret|set-like]`: the k6 profiles of
// load-tests/k6, driven from Node by this small open-model runner over the same message modules
// (load-tests/lib/iotp-hash-secret.js, load-tests/lib/iotp-set-like.js) with node:crypto and fetch
// injected. Why not autocannon: a payment is two dependent POSTs whose second body is computed from the
// first answer (HS-Challenge → HS-Pay MACs; PInitRes → dual-signed PReq); autocannon replays fixed requests.
//
// Environment: SCHEME (hash-secret; `--scheme` wins), BASE_URL (http://127.0.0.1:8080/iotp), PH_PUBLIC_URL
// (= BASE_URL), RATE, SECONDS, START, STEP, STEPS, STEP_SECONDS, WARMUP_SECONDS, MAX_IN_FLIGHT override the profile.
// hash-secret: BANK_URL (http://127.0.0.1:8091), CUSTOMER (alice), AMOUNT (1.00). set-like: ACQUIRER_URL
// (http://127.0.0.1:8090), CARDS (4111111111111111,5555555555554444, used round robin), AMOUNT (0.01).
// Targets loopback addresses only.
//
// Afterwards: every payment must have ended as expected, and the money side must agree with the load.
// hash-secret: CompletedOk with A_B/T verified (or carol's InsuffFunds); the bank's debit of the customer
// (GET /accounts/<customer> before/after) equals the sum of the completed payments. set-like: CompletedOk
// with the PRes verified (or the card's expected PaymentDecl); the acquirer simulator's own record of
// every XID of the run (GET /set/xid/<XID>) is `captured` exactly for the completed payments and
// `declined` for the expected declines, so its captured total equals the load's sum; with the simulator's
// admin routes on (ACQ_SIM_ADMIN=true) the cards' available balances before/after must drop by that sum
// too. Report: load-tests/reports/<profile>[-set-like]-<time>.md and .svg.
import * as nodeCrypto from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  IOTP_CONTENT_TYPE,
  PROFILES,
  THRESHOLDS,
  answerChallenge,
  checkPaymentResponse,
  endedAsExpected,
  startPayment,
} from '../load-tests/lib/iotp-hash-secret.js';
import {
  DEMO_CARDS,
  answerPInitRes,
  cardEndedAsExpected,
  checkSetPaymentResponse,
  maskedPan,
  parseCards,
  registerCard,
  startSetPayment,
} from '../load-tests/lib/iotp-set-like.js';
import { nodeCryptoAdapter } from '../load-tests/lib/node-crypto-adapter.js';

const root = new URL('..', import.meta.url).pathname;
const env = process.env;
const SCHEMES = ['hash-secret', 'set-like'];
const argv = process.argv.slice(2);
const schemeAt = argv.findIndex((a) => a === '--scheme' || a.startsWith('--scheme='));
const SCHEME =
  schemeAt < 0
    ? env.SCHEME || 'hash-secret'
    : argv[schemeAt].includes('=')
      ? argv[schemeAt].split('=')[1]
      : argv[schemeAt + 1];
if (schemeAt >= 0) argv.splice(schemeAt, argv[schemeAt].includes('=') ? 1 : 2);
const profileName = argv[0];
if (!profileName || !(profileName in PROFILES) || !SCHEMES.includes(SCHEME) || argv.length > 1) {
  console.error(
    `usage: npm run load -- <${Object.keys(PROFILES).join('|')}> [--scheme ${SCHEMES.join('|')}]`,
  );
  process.exit(2);
}
const SET = SCHEME === 'set-like';
const BASE_URL = env.BASE_URL || 'http://127.0.0.1:8080/iotp';
const PH_PUBLIC_URL = env.PH_PUBLIC_URL || BASE_URL;
const BANK_URL = env.BANK_URL || 'http://127.0.0.1:8091';
const ACQUIRER_URL = env.ACQUIRER_URL || 'http://127.0.0.1:8090';
const CUSTOMER = env.CUSTOMER || 'alice';
const AMOUNT = env.AMOUNT || (SET ? '0.01' : '1.00');
let CARDS = [];
try {
  CARDS = SET ? parseCards(env.CARDS) : [];
} catch (error) {
  console.error(`load: CARDS: ${error.message}`);
  process.exit(2);
}
for (const u of [BASE_URL, SET ? ACQUIRER_URL : BANK_URL]) {
  const host = new URL(u).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    console.error(`load: ${u} is not a loopback address; this runner only loads this machine`);
    process.exit(2);
  }
}

const num = (name, fallback) => (env[name] ? Number(env[name]) : fallback);
const P = PROFILES[profileName];
/** Steps: { rate (payments/s, 0 = closed loop), seconds, iterations? }. */
const steps =
  P.kind === 'steps'
    ? Array.from({ length: num('STEPS', P.steps) }, (_, i) => ({
        rate: num('START', P.start) + i * num('STEP', P.step),
        seconds: num('STEP_SECONDS', P.stepSeconds),
      }))
    : P.kind === 'iterations'
      ? [{ rate: 0, seconds: num('SECONDS', P.maxSeconds), iterations: num('PAYMENTS', P.payments) }]
      : [{ rate: num('RATE', P.rate), seconds: num('SECONDS', P.seconds) }];
const maxInFlight = num('MAX_IN_FLIGHT', P.maxInFlight ?? P.concurrency ?? 1);
/** Seconds at the first step's rate before a staircase, not reported. */
const warmup = P.kind === 'steps' ? num('WARMUP_SECONDS', P.warmupSeconds ?? 0) : 0;

const crypto = nodeCryptoAdapter(nodeCrypto);

async function post(body) {
  const res = await fetch(BASE_URL, {
    method: 'POST',
    headers: { 'content-type': IOTP_CONTENT_TYPE },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: await res.text() };
}

/** One payment of the selected scheme; never throws. */
const onePayment = () => (SET ? oneCardPayment() : oneHashSecretPayment());

/** One hash/secret payment; never throws. */
async function oneHashSecretPayment() {
  const t0 = performance.now();
  try {
    const p = startPayment(crypto, { phUrl: PH_PUBLIC_URL, customer: CUSTOMER, amount: AMOUNT });
    const r1 = await post(p.c1);
    if (r1.status !== 200) return { ms: performance.now() - t0, ok: false, problem: `C1: HTTP ${r1.status}` };
    const c2 = answerChallenge(crypto, p, r1.body);
    if (!c2.ok) return { ms: performance.now() - t0, ok: false, problem: c2.problem };
    const r2 = await post(c2.body);
    const ms = performance.now() - t0;
    if (r2.status !== 200) return { ms, ok: false, problem: `C2: HTTP ${r2.status}` };
    const result = checkPaymentResponse(crypto, p, r2.body);
    const ok = endedAsExpected(result, CUSTOMER);
    return {
      ms,
      ok,
      completed: result.processState === 'CompletedOk',
      state: [result.processState, result.completionCode].filter(Boolean).join(' '),
      problem: ok ? undefined : (result.problem ?? `${result.processState} ${result.completionCode ?? ''}`),
    };
  } catch (error) {
    return { ms: performance.now() - t0, ok: false, problem: `${error.name}: ${error.message}` };
  }
}

/** The wallets of the card run: one registered cardholder credential per card (filled in main). */
const wallets = {};
let nextCard = 0;

/** One SET-like card payment; never throws. The XID is kept for the acquirer reconciliation. */
async function oneCardPayment() {
  const pan = CARDS[nextCard++ % CARDS.length];
  const t0 = performance.now();
  let p;
  try {
    p = startSetPayment(crypto, wallets[pan], { phUrl: PH_PUBLIC_URL, amount: AMOUNT });
    const r1 = await post(p.c1);
    if (r1.status !== 200)
      return { ms: performance.now() - t0, ok: false, pan, problem: `C1: HTTP ${r1.status}` };
    const c2 = await answerPInitRes(crypto, p, r1.body);
    if (!c2.ok) return { ms: performance.now() - t0, ok: false, pan, xid: p.xid, problem: c2.problem };
    const r2 = await post(c2.body);
    const ms = performance.now() - t0;
    if (r2.status !== 200) return { ms, ok: false, pan, xid: p.xid, problem: `C2: HTTP ${r2.status}` };
    const result = await checkSetPaymentResponse(crypto, p, r2.body);
    const ok = cardEndedAsExpected(result, pan);
    return {
      ms,
      ok,
      pan,
      xid: p.xid,
      completed: result.processState === 'CompletedOk',
      capturedCents: result.capturedCents ?? 0,
      state: [result.processState, result.completionCode, result.statusDesc].filter(Boolean).join(' '),
      problem: ok
        ? undefined
        : (result.problem ??
          `${maskedPan(pan)}: ${[result.processState, result.completionCode, result.statusDesc].filter(Boolean).join(' ')}`),
    };
  } catch (error) {
    return {
      ms: performance.now() - t0,
      ok: false,
      pan,
      xid: p?.xid,
      problem: `${error.name}: ${error.message}`,
    };
  }
}

const toCents = (s) => {
  const [i, f = ''] = String(s).split('.');
  return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2)) * (i.startsWith('-') ? -1n : 1n);
};
const fromCents = (c) =>
  `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;
/** The acquirer simulator's cards (admin routes, ACQ_SIM_ADMIN=true), or undefined when they are off. */
async function acquirerCards() {
  const res = await fetch(`${ACQUIRER_URL}/admin/cards`, { signal: AbortSignal.timeout(5_000) });
  if (res.status === 404 || res.status === 403) return undefined;
  if (!res.ok) throw new Error(`GET ${ACQUIRER_URL}/admin/cards: HTTP ${res.status}`);
  const cards = await res.json();
  return Object.fromEntries(cards.map((c) => [c.card_id, BigInt(String(c.available_minor).split('.')[0])]));
}

/** GET /set/xid/<XID> for every XID of the run, 16 at a time: the acquirer's own record of each. */
async function xidStates(xids) {
  const states = new Map();
  let next = 0;
  const worker = async () => {
    while (next < xids.length) {
      const xid = xids[next++];
      const res = await fetch(`${ACQUIRER_URL}/set/xid/${encodeURIComponent(xid)}`, {
        signal: AbortSignal.timeout(10_000),
      });
      states.set(xid, res.ok ? (await res.json()).state : `HTTP ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return states;
}

async function balance() {
  const res = await fetch(`${BANK_URL}/accounts/${CUSTOMER}`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`GET ${BANK_URL}/accounts/${CUSTOMER}: HTTP ${res.status}`);
  return toCents((await res.json()).balance);
}

const quantile = (sorted, q) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs one step (open model at `rate`/s, or `iterations` back to back); bounded in count and time. */
async function runStep(index, s, all, live) {
  const stats = { index, ...s, results: [], dropped: 0, started: performance.now() };
  const deadline = stats.started + s.seconds * 1000;
  const pending = new Set();
  const launch = () => {
    const pr = onePayment().then((r) => {
      stats.results.push(r);
      all.push(r);
      live.window.push(r);
      pending.delete(pr);
    });
    pending.add(pr);
  };
  if (s.rate === 0) {
    // Closed loop: `iterations` payments, at most maxInFlight at a time.
    let launched = 0;
    while (launched < s.iterations && performance.now() < deadline) {
      while (pending.size < maxInFlight && launched < s.iterations) {
        launch();
        launched++;
      }
      await Promise.race(pending);
    }
  } else {
    const total = Math.round(s.rate * s.seconds);
    let due = 0;
    while (due < total && performance.now() < deadline) {
      const shouldHave = Math.min(
        total,
        Math.floor(((performance.now() - stats.started) / 1000) * s.rate) + 1,
      );
      for (; due < shouldHave; due++) {
        if (pending.size >= maxInFlight) stats.dropped++;
        else launch();
      }
      live.inFlight = pending.size;
      await sleep(2);
    }
  }
  stats.elapsed = (performance.now() - stats.started) / 1000;
  // Drain what is in flight (bounded: requests time out after 15 s).
  await Promise.race([Promise.all(pending), sleep(20_000)]);
  const ms = stats.results.map((r) => r.ms).sort((a, b) => a - b);
  const okCount = stats.results.filter((r) => r.ok).length;
  return {
    step: index + 1,
    target: s.rate || null,
    seconds: s.seconds,
    payments: stats.results.length,
    ok: okCount,
    achieved: okCount / Math.max(stats.elapsed, 1e-3),
    p50: quantile(ms, 0.5),
    p90: quantile(ms, 0.9),
    p99: quantile(ms, 0.99),
    max: ms.at(-1) ?? 0,
    errorRate: stats.results.length ? (stats.results.length - okCount) / stats.results.length : 0,
    dropped: stats.dropped,
    problems: [...new Set(stats.results.filter((r) => !r.ok).map((r) => r.problem))].slice(0, 5),
  };
}

function svg(rows, title) {
  const W = 760,
    H = 360,
    L = 60,
    R = 60,
    T = 40,
    B = 50;
  const xs = rows.map((_, i) => L + ((W - L - R) * (i + 0.5)) / rows.length);
  const maxTp = Math.max(1, ...rows.map((r) => Math.max(r.achieved, r.target ?? 0))) * 1.1;
  const maxMs = Math.max(THRESHOLDS.p99Ms * 1.2, ...rows.map((r) => r.p99)) * 1.1;
  const yTp = (v) => H - B - ((H - T - B) * v) / maxTp;
  const yMs = (v) => H - B - ((H - T - B) * v) / maxMs;
  const line = (vals, y, color, dash = '') =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${vals.map((v, i) => `${xs[i].toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>` +
    vals
      .map((v, i) => `<circle cx="${xs[i].toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${color}"/>`)
      .join('');
  const bw = ((W - L - R) / rows.length) * 0.6;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>
${rows.map((r, i) => `<rect x="${(xs[i] - bw / 2).toFixed(1)}" y="${yTp(r.achieved).toFixed(1)}" width="${bw.toFixed(1)}" height="${(H - B - yTp(r.achieved)).toFixed(1)}" fill="#9ecae1"/><text x="${xs[i].toFixed(1)}" y="${H - B + 14}" text-anchor="middle">${r.target ?? r.step}</text>`).join('\n')}
${line(
  rows.map((r) => r.p50),
  yMs,
  '#31a354',
)}
${line(
  rows.map((r) => r.p99),
  yMs,
  '#de2d26',
)}
<line x1="${L}" x2="${W - R}" y1="${yMs(THRESHOLDS.p99Ms).toFixed(1)}" y2="${yMs(THRESHOLDS.p99Ms).toFixed(1)}" stroke="#de2d26" stroke-dasharray="4 4"/>
<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="black"/><line x1="${W - R}" x2="${W - R}" y1="${T}" y2="${H - B}" stroke="black"/>
<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="black"/>
${[0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${L - 5}" y="${yTp(maxTp * f) + 4}" text-anchor="end">${(maxTp * f).toFixed(0)}</text><text x="${W - R + 5}" y="${yMs(maxMs * f) + 4}">${(maxMs * f).toFixed(0)}</text>`).join('')}
<text x="${W / 2}" y="${H - 12}" text-anchor="middle">target payments/s (step)</text>
<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">achieved payments/s (bars)</text>
<text x="${W - 10}" y="${H / 2}" transform="rotate(90 ${W - 10} ${H / 2})" text-anchor="middle">latency ms: p50 green, p99 red, dashed = ${THRESHOLDS.p99Ms} ms</text>
</svg>
`;
}

/** The money side of a hash/secret run: the bank's ledger of the customer before and after. */
function bankLedger() {
  let before;
  return {
    who: `${CUSTOMER} pays ${AMOUNT} per payment`,
    verified: 'A_B and T verified',
    async start() {
      before = await balance();
    },
    async check(all) {
      const after = await balance();
      const completed = all.filter((r) => r.ok && r.completed).length;
      const expectedDebit = toCents(AMOUNT) * BigInt(completed);
      const debit = before - after;
      const ok = debit === expectedDebit;
      return {
        ok,
        line: `Bank ledger (GET ${BANK_URL}/accounts/${CUSTOMER}): before ${fromCents(before)}, after ${fromCents(after)}, debited ${fromCents(debit)}; completed payments sum to ${fromCents(expectedDebit)}: **${ok ? 'equal' : 'DIFFERENT'}**${ok ? '' : ' (other traffic on the account, or a payment the runner gave up on completed late)'}.`,
      };
    },
  };
}

/**
 * The money side of a SET-like run: the acquirer simulator's record of every XID of the run, and, when
 * its admin routes are on, the cards' available balances before and after.
 */
function acquirerLedger() {
  let cardsBefore;
  const cardIds = () => [...new Set(CARDS)].map((pan) => DEMO_CARDS[pan]?.cardId).filter(Boolean);
  return {
    who: `cards ${[...new Set(CARDS)].map(maskedPan).join(', ')} pay ${AMOUNT} EUR per payment (round robin)`,
    verified: 'the PRes verified',
    async start() {
      const health = await fetch(`${ACQUIRER_URL}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(
        (e) => ({ ok: false, status: e.message }),
      );
      if (!health.ok)
        throw new Error(`acquirer simulator not reachable at ${ACQUIRER_URL} (${health.status})`);
      for (const pan of new Set(CARDS)) wallets[pan] = await registerCard(crypto, { pan });
      cardsBefore = await acquirerCards();
      if (!cardsBefore) return;
      // Enough money on the approved cards for the whole run (bounded by the profile)?
      const planned = steps.reduce((n, s) => n + (s.iterations ?? Math.round(s.rate * s.seconds)), 0);
      for (const pan of new Set(CARDS)) {
        const id = DEMO_CARDS[pan]?.cardId;
        const share = BigInt(Math.ceil((planned * CARDS.filter((c) => c === pan).length) / CARDS.length));
        const need = share * toCents(AMOUNT);
        if (id && DEMO_CARDS[pan].expect.processState === 'CompletedOk' && cardsBefore[id] < need)
          throw new Error(
            `card ${id} holds ${fromCents(cardsBefore[id])}, this run may take ${fromCents(need)}: lower AMOUNT or PUT ${ACQUIRER_URL}/admin/cards/${id} {"availableMinor":"…"}`,
          );
      }
    },
    async check(all) {
      const runs = all.filter((r) => r.xid);
      const states = await xidStates(runs.map((r) => r.xid));
      const count = (state) => [...states.values()].filter((s) => s === state).length;
      const wrong = [];
      let capturedWithoutReceipt = 0;
      for (const r of runs) {
        const state = states.get(r.xid);
        if (r.ok && state !== (r.completed ? 'captured' : 'declined'))
          wrong.push(`${r.completed ? 'CompletedOk' : 'declined'} payment but XID ${state}`);
        if (!r.ok && state === 'captured') capturedWithoutReceipt++;
      }
      const captured = count('captured');
      const acquirerTotal = BigInt(captured) * toCents(AMOUNT);
      const loadSum = all
        .filter((r) => r.ok && r.completed)
        .reduce((n, r) => n + BigInt(r.capturedCents), 0n);
      const completed = all.filter((r) => r.ok && r.completed).length;
      let ok =
        wrong.length === 0 &&
        capturedWithoutReceipt === 0 &&
        acquirerTotal === loadSum &&
        loadSum === BigInt(completed) * toCents(AMOUNT);
      let balances =
        "card balances not compared: the simulator's admin routes are off (ACQ_SIM_ADMIN=true turns them on)";
      const cardsAfter = cardsBefore && (await acquirerCards());
      if (cardsBefore && cardsAfter) {
        const ids = cardIds();
        const drop = ids.reduce((n, id) => n + (cardsBefore[id] - cardsAfter[id]), 0n);
        ok = ok && drop === loadSum;
        balances = `card balances (GET ${ACQUIRER_URL}/admin/cards, ${ids.join(', ')}) dropped by ${fromCents(drop)}: **${drop === loadSum ? 'equal' : 'DIFFERENT'}**`;
      }
      return {
        ok,
        line: `Acquirer simulator (GET ${ACQUIRER_URL}/set/xid/<XID> for the run's ${runs.length} XIDs): ${captured} captured, ${count('declined')} declined, ${runs.length - captured - count('declined')} other; captured ${captured} × ${AMOUNT} = ${fromCents(acquirerTotal)}; completed payments (CapAmt of their verified PRes) sum to ${fromCents(loadSum)}: **${acquirerTotal === loadSum && wrong.length === 0 ? 'equal' : 'DIFFERENT'}**${wrong.length ? ` (${wrong.length} XIDs disagree: ${[...new Set(wrong)].slice(0, 3).join('; ')})` : ''}${capturedWithoutReceipt ? `; **${capturedWithoutReceipt} captured without a verified receipt**` : ''}; ${balances}.`,
      };
    },
  };
}

async function main() {
  const ready = await fetch(BASE_URL.replace(/\/iotp$/, '/readyz'), {
    signal: AbortSignal.timeout(5_000),
  }).catch((e) => ({ ok: false, status: e.message }));
  if (!ready.ok)
    throw new Error(`gateway not ready at ${BASE_URL} (${ready.status}): start it with npm start`);
  const ledger = SET ? acquirerLedger() : bankLedger();
  await ledger.start();
  const all = [];
  const live = { window: [], inFlight: 0 };
  const rows = [];
  const t0 = performance.now();
  console.error(`load: ${profileName} (${SCHEME}): ${steps.length} step(s), ${ledger.who} → ${BASE_URL}`);
  let stepLabel = '';
  const progress = setInterval(() => {
    const w = live.window.splice(0);
    const ms = w.map((r) => r.ms).sort((a, b) => a - b);
    const errs = w.filter((r) => !r.ok).length;
    process.stderr.write(
      `  ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${stepLabel}  ${String(w.length).padStart(4)} payments/s  p99 ${quantile(ms, 0.99).toFixed(1).padStart(6)} ms  in flight ${String(live.inFlight).padStart(3)}  errors ${errs}  total ${all.length}\n`,
    );
  }, 1000);
  try {
    if (warmup > 0 && steps[0]) {
      // Not reported: its payments still count for the after-run money check.
      stepLabel = `warm-up @ ${steps[0].rate}/s`;
      await runStep(-1, { rate: steps[0].rate, seconds: warmup }, all, live);
      console.error(`load: warm-up done (${warmup} s at ${steps[0].rate}/s, not in the table)`);
    }
    for (const [i, s] of steps.entries()) {
      stepLabel = s.rate ? `step ${i + 1}/${steps.length} @ ${s.rate}/s` : `${s.iterations} payments`;
      const row = await runStep(i, s, all, live);
      rows.push(row);
      console.error(
        `load: step ${row.step}: ${row.achieved.toFixed(1)}/s achieved, p50 ${row.p50.toFixed(1)} p90 ${row.p90.toFixed(1)} p99 ${row.p99.toFixed(1)} ms, errors ${(row.errorRate * 100).toFixed(2)}%, dropped ${row.dropped}`,
      );
      // Past the breakpoint by far: stop climbing (bounded run), the report already shows it.
      if (P.kind === 'steps' && (row.errorRate > 0.2 || row.p99 > 20 * THRESHOLDS.p99Ms)) {
        console.error('load: far past the breakpoint, stopping the staircase');
        break;
      }
    }
  } finally {
    clearInterval(progress);
  }
  await sleep(200);
  const money = await ledger.check(all);
  const completed = all.filter((r) => r.ok && r.completed).length;
  const unexpected = all.filter((r) => !r.ok);
  const breakpointRow = rows.find(
    (r) => r.p99 >= THRESHOLDS.p99Ms || r.errorRate > THRESHOLDS.maxErrorRate || r.dropped > 0,
  );
  const lastGood = rows
    .filter((r) => r !== breakpointRow && rows.indexOf(r) < rows.indexOf(breakpointRow ?? {}))
    .at(-1);
  const ms = all.map((r) => r.ms).sort((a, b) => a - b);
  const overall = {
    payments: all.length,
    errorRate: all.length ? unexpected.length / all.length : 1,
    p99: quantile(ms, 0.99),
    dropped: rows.reduce((n, r) => n + r.dropped, 0),
  };
  const p99Limit = P.p99Ms ?? THRESHOLDS.p99Ms;
  const thresholdsPass =
    P.kind === 'steps'
      ? true // a staircase exists to cross them; its result is the breakpoint
      : overall.errorRate <= THRESHOLDS.maxErrorRate && overall.p99 < p99Limit && overall.dropped === 0;
  const ledgerOk = money.ok;

  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const dir = join(root, 'load-tests/reports');
  mkdirSync(dir, { recursive: true });
  const base = SET ? `${profileName}-set-like-${stamp}` : `${profileName}-${stamp}`;
  const table = [
    '| step | target/s | achieved/s | payments | p50 ms | p90 ms | p99 ms | max ms | errors | dropped |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.step} | ${r.target ?? 'closed loop'} | ${r.achieved.toFixed(1)} | ${r.payments} | ${r.p50.toFixed(1)} | ${r.p90.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${(r.errorRate * 100).toFixed(2)}% | ${r.dropped} |`,
    ),
  ].join('\n');
  const md = `# Load report: ${profileName}${SET ? ' (SET-like card scheme)' : ''}

${new Date().toISOString()} · scheme ${SCHEME} · target ${BASE_URL} · ${ledger.who} · node ${process.version}
· runner: scripts/load.mjs (same message module and profiles as load-tests/k6) on the same machine as the PH

${table}

![throughput and latency per step](${base}.svg)

* Thresholds: error rate ≤ ${THRESHOLDS.maxErrorRate}, p99 of a complete payment (both round trips) < ${p99Limit} ms, no dropped arrivals.${
    warmup > 0
      ? `
* Warm-up: ${warmup} s at ${steps[0].rate} payments/s before step 1, not in the table (its payments are in the outcomes and the money check).`
      : ''
  }
* ${P.kind === 'steps' ? `**Breakpoint**: ${breakpointRow ? `${breakpointRow.target} payments/s (step ${breakpointRow.step}: p99 ${breakpointRow.p99.toFixed(1)} ms, errors ${(breakpointRow.errorRate * 100).toFixed(2)}%, dropped ${breakpointRow.dropped})` : 'not reached'}; last step within the thresholds: ${lastGood ? `${lastGood.target} payments/s (achieved ${lastGood.achieved.toFixed(1)}/s)` : breakpointRow ? 'none' : 'all'}` : `Thresholds: **${thresholdsPass ? 'passed' : 'FAILED'}** (errors ${(overall.errorRate * 100).toFixed(2)}%, p99 ${overall.p99.toFixed(1)} ms, dropped ${overall.dropped})`}.
* Outcomes: ${all.length} payments, ${all.length - unexpected.length} ended as expected (${completed} CompletedOk with ${ledger.verified}), ${unexpected.length} not${unexpected.length ? `: ${[...new Set(unexpected.map((r) => r.problem))].slice(0, 5).join('; ')}` : ''}.
* ${money.line}
`;
  writeFileSync(join(dir, `${base}.md`), md);
  writeFileSync(
    join(dir, `${base}.svg`),
    svg(rows, `${profileName}${SET ? ' (SET-like)' : ''}: achieved payments/s and latency per step`),
  );
  console.log(`\n${table}\n`);
  console.log(
    md
      .split('\n')
      .filter((l) => l.startsWith('* '))
      .join('\n'),
  );
  console.log(`\nreport: load-tests/reports/${base}.md (+ .svg)`);
  const pass = thresholdsPass && ledgerOk && (P.kind === 'steps' || unexpected.length === 0);
  console.log(pass ? 'load: PASS' : 'load: FAIL');
  process.exit(pass ? 0 : 1);
}

main().catch((error) => {
  console.error(`load: ${error.message}`);
  process.exit(1);
});
