import { PAYMENT_STREAM_PREFIX, paymentStream } from '@ph/payments';
import { captureLogs, startFullSystem, type CapturedLogs, type FullSystem } from './support/full-system';
import {
  expectedText,
  finalText,
  hashSecretPayment,
  inquire,
  issuerMicroPayment,
  ePursePayment,
  newPayment,
  runWithOutage,
  setLikePayment,
  smsPayment,
  type Expected,
  type LoadPayment,
} from './support/outage-load';
import {
  SecretScanner,
  cardNumber,
  demoSecrets,
  describeFindings,
  eventItems,
  logItems,
} from './support/secret-scan';
import { PurseCard } from '../../apps/wallet/src/schemes/e-purse';
import { PreciseDecimal } from '@ph/money';
import { decrease } from './support/money';

// Per scheme: ~2 s of staggered starts, a 6 s outage, MinRetrySecs (5 s) per retransmission: ~15 s.
jest.setTimeout(120_000);

const WALLETS = 40;
const OUTAGE_MS = 6000;
const STAGGER_MS = 50;
const ok: Expected = { processState: 'CompletedOk' };
/** Every 8th wallet is one the scheme declines (or, for SMS, whose phone answers NO). */
const declines = (i: number) => i % 8 === 7;

/**
 * Issue 5, "Done when": the existing payment software of a scheme goes down (503, the simulators'
 * outage switch) in the middle of 40 concurrent payments and comes back a few seconds later. The wallets
 * retransmit after the MinRetrySecs of the SystemBusy answers they get. Then no payment is lost (the
 * wallet, an inquiry and the event store agree on CompletedOk or the expected decline) and none is
 * doubled (the bank's/acquirer's/issuer's debits: one per completed payment, totals = completed sums).
 */
describe('an outage of the existing payment software under load', () => {
  let sys: FullSystem;
  let logs: CapturedLogs;
  beforeAll(async () => {
    logs = captureLogs('e2e-outage-load'); // kept for the scan at the end, out of the test output
    sys = await startFullSystem({ logger: logs.logger, poolSize: 24, smsPollAfterSecs: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const deadline = () => Date.now() + 90_000;
  const paymentStreams = async (): Promise<Set<string>> => {
    const { rows } = await sys.pool.query<{ s: string }>(
      `SELECT DISTINCT stream_id AS s FROM ${sys.schemas.eventStore}.events WHERE stream_id LIKE $1`,
      [`${PAYMENT_STREAM_PREFIX}%`],
    );
    return new Set(rows.map((r) => r.s));
  };

  /** Wallet, inquiry and event store agree with the expectation; one payment stream per wallet. */
  async function expectNoneLost(payments: readonly LoadPayment[], streamsBefore: Set<string>) {
    const wallets = payments.map((p) => `${p.index}: ${finalText(p)}`);
    expect(wallets).toEqual(payments.map((p) => `${p.index}: ${expectedText(p.expected)}`));
    const inquiries = await Promise.all(
      payments.map(async (p) => {
        const s = (await inquire(sys.gatewayUrl, p)).status;
        return `${p.index}: ${s ? (s.processState === 'CompletedOk' ? 'CompletedOk' : `${s.processState}/${s.completionCode ?? ''}`) : 'no Status'}`;
      }),
    );
    expect(inquiries).toEqual(payments.map((p) => `${p.index}: ${expectedText(p.expected)}`));
    const events = await Promise.all(
      payments.map(async (p) => {
        const stream = await sys.store.readStream(paymentStream(p.payId!));
        const completed = stream.filter((e) => e.type === 'PaymentCompleted');
        const failed = stream.filter((e) => e.type === 'PaymentFailed');
        const code = (failed[0]?.data as { completionCode?: string } | undefined)?.completionCode;
        return `${p.index}: completed ${completed.length}, failed ${failed.length}${code ? `/${code}` : ''}`;
      }),
    );
    expect(events).toEqual(
      payments.map(
        (p) =>
          `${p.index}: ${p.expected.processState === 'CompletedOk' ? 'completed 1, failed 0' : `completed 0, failed 1/${p.expected.completionCode}`}`,
      ),
    );
    // No second payment (attempt) behind any wallet's back.
    const after = await paymentStreams();
    const created = [...after].filter((s) => !streamsBefore.has(s)).sort();
    expect(created).toEqual(payments.map((p) => paymentStream(p.payId!)).sort());
  }

  const sumOf = (payments: readonly LoadPayment[]) =>
    payments.filter((p) => p.expected.processState === 'CompletedOk').reduce((a, p) => a + p.amountMinor, 0n);

  /** The outage must really have hit payments in flight, and they must have come through it. */
  function expectOutageHit(payments: readonly LoadPayment[]) {
    const busy = payments.filter((p) => p.busy > 0).length;
    expect(busy).toBeGreaterThan(0);
  }

  it('hash/secret: the clearing bank goes down (503) and comes back', async () => {
    const balance = async (c: string) => {
      const { rows } = await sys.pool.query<{ b: string }>(
        `SELECT balance_minor::text AS b FROM ${sys.schemas.bank}.accounts WHERE customer_id = $1`,
        [c],
      );
      return BigInt(rows[0].b);
    };
    const streams = await paymentStreams();
    const before = await balance('alice');
    const payments = Array.from({ length: WALLETS }, (_, i) =>
      newPayment(i, 100 + i, declines(i) ? { processState: 'Failed', completionCode: 'InsuffFunds' } : ok),
    );
    const end = deadline();
    await runWithOutage({
      payments,
      run: (p) => hashSecretPayment(sys.gatewayUrl, p, declines(p.index) ? 'carol' : 'alice', end),
      staggerMs: STAGGER_MS,
      startAfterDone: 8,
      latestStartMs: 1500,
      outageMs: OUTAGE_MS,
      switchOff: () => sys.control('bank', '/admin/outage', { down: true }),
      switchOn: () => sys.control('bank', '/admin/outage', { down: false }),
    });
    expectOutageHit(payments);
    await expectNoneLost(payments, streams);

    // One ledger entry (one cleared π) per completed payment, none for the declined ones.
    const { rows } = await sys.pool.query<{ c: string; a: string; n: number }>(
      `SELECT customer_id AS c, amount_minor::text AS a, count(*)::int AS n FROM ${sys.schemas.bank}.ledger
        WHERE amount_minor BETWEEN 100 AND ${100 + WALLETS - 1} GROUP BY 1, 2`,
    );
    const debits = new Map(rows.map((r) => [`${r.c}:${r.a}`, r.n]));
    expect(payments.map((p) => `${p.index}: ${debits.get(`alice:${p.amountMinor}`) ?? 0}`)).toEqual(
      payments.map((p) => `${p.index}: ${p.expected.processState === 'CompletedOk' ? 1 : 0}`),
    );
    expect(rows.filter((r) => r.c !== 'alice')).toEqual([]);
    expect(before - (await balance('alice'))).toBe(sumOf(payments));
  });

  it('SET-like: the acquirer goes down (503) and comes back', async () => {
    const cards = ['visa-approved', 'mc-approved'];
    const available = async () => {
      const { rows } = await sys.pool.query<{ a: string }>(
        `SELECT coalesce(sum(available_minor), 0)::text AS a FROM ${sys.schemas.acquirer}.cards WHERE card_id = ANY($1)`,
        [cards],
      );
      return BigInt(rows[0].a);
    };
    const VISA = { pan: '4111111111111111', expiry: '2030-12' };
    const MASTERCARD = { pan: '5555555555554444', expiry: '2030-12' };
    const INSUFFICIENT = { pan: '4000000000009995', expiry: '2030-12' };
    const streams = await paymentStreams();
    const before = await available();
    const payments = Array.from({ length: WALLETS }, (_, i) =>
      newPayment(i, 200 + i, declines(i) ? { processState: 'Failed', completionCode: 'PaymentDecl' } : ok),
    );
    const end = deadline();
    await runWithOutage({
      payments,
      run: (p) =>
        setLikePayment(
          sys.gatewayUrl,
          p,
          declines(p.index) ? INSUFFICIENT : p.index % 2 ? MASTERCARD : VISA,
          end,
        ),
      staggerMs: STAGGER_MS,
      startAfterDone: 8,
      latestStartMs: 1500,
      outageMs: OUTAGE_MS,
      switchOff: () => sys.control('acquirer', '/admin/outage', { down: true }),
      switchOn: () => sys.control('acquirer', '/admin/outage', { down: false }),
    });
    expectOutageHit(payments);
    await expectNoneLost(payments, streams);

    // One approved, captured, unreversed authorisation per completed payment.
    const { rows } = await sys.pool.query<{ a: string; n: number; captured: number; reversed: number }>(
      `SELECT amount_minor::text AS a, count(*)::int AS n, count(*) FILTER (WHERE captured)::int AS captured,
              count(*) FILTER (WHERE reversed)::int AS reversed
         FROM ${sys.schemas.acquirer}.authorizations
        WHERE amount_minor BETWEEN 200 AND ${200 + WALLETS - 1} AND auth_code = 'approved' GROUP BY 1`,
    );
    const auths = new Map(rows.map((r) => [r.a, `${r.n} captured ${r.captured} reversed ${r.reversed}`]));
    expect(payments.map((p) => `${p.index}: ${auths.get(String(p.amountMinor)) ?? 'none'}`)).toEqual(
      payments.map(
        (p) =>
          `${p.index}: ${p.expected.processState === 'CompletedOk' ? '1 captured 1 reversed 0' : 'none'}`,
      ),
    );
    expect(before - (await available())).toBe(sumOf(payments));
  });

  it('SMS confirmation: the SMS operator goes down (503) and comes back', async () => {
    const streams = await paymentStreams();
    const payments = Array.from({ length: WALLETS }, (_, i) =>
      newPayment(i, 300 + i, declines(i) ? { processState: 'Failed', completionCode: 'ConsCancelled' } : ok),
    );
    const end = deadline();
    const msisdn = (i: number) => `+49151000${String(100 + i).padStart(4, '0')}`;
    const run = await runWithOutage({
      payments,
      run: (p) =>
        smsPayment(sys.gatewayUrl, sys.bankUrl, p, msisdn(p.index), declines(p.index) ? 'NO' : 'YES', end),
      staggerMs: STAGGER_MS,
      startAfterDone: 4,
      latestStartMs: 1500,
      outageMs: OUTAGE_MS,
      switchOff: () => sys.control('bank', '/sms/admin', { down: true }),
      switchOn: () => sys.control('bank', '/sms/admin', { down: false }),
    });
    expect(run.outageStartedAfterDone).toBeLessThan(WALLETS);
    expectOutageHit(payments);
    await expectNoneLost(payments, streams);

    // Exactly one offer SMS per payment (a resent SMS-Start reuses the offer's clientRef).
    const { rows } = await sys.pool.query<{ r: string; n: number }>(
      `SELECT client_ref AS r, count(*)::int AS n FROM ${sys.schemas.bank}.sms_messages
        WHERE direction = 'MT' AND client_ref = ANY($1) GROUP BY 1`,
      [payments.map((p) => `SO-${p.payId}`)],
    );
    const offers = new Map(rows.map((r) => [r.r, r.n]));
    expect(payments.map((p) => `${p.index}: ${offers.get(`SO-${p.payId}`) ?? 0}`)).toEqual(
      payments.map((p) => `${p.index}: 1`),
    );
  });

  it('issuer micro-payments: the issuer goes down (503) and comes back', async () => {
    const balance = async (card: string) => {
      const { rows } = await sys.pool.query<{ b: string }>(
        `SELECT balance_minor::text AS b FROM ${sys.schemas.bank}.issuer_cards WHERE card_ref = $1`,
        [card],
      );
      return BigInt(rows[0].b);
    };
    const streams = await paymentStreams();
    const [aliceBefore, bobBefore] = [await balance('CR-ALICE-0001'), await balance('CR-BOB-0001')];
    // alice: 0.10 … 0.49 EUR (under the 2.00 per-payment and 20.00 daily limits); bob's 0.50 is too little.
    const payments = Array.from({ length: WALLETS }, (_, i) =>
      declines(i)
        ? newPayment(i, 60 + i, { processState: 'Failed', completionCode: 'InsuffFunds' })
        : newPayment(i, 10 + i, ok),
    );
    const end = deadline();
    await runWithOutage({
      payments,
      run: (p) =>
        issuerMicroPayment(sys.gatewayUrl, p, declines(p.index) ? 'CR-BOB-0001' : 'CR-ALICE-0001', end),
      staggerMs: STAGGER_MS,
      startAfterDone: 8,
      latestStartMs: 1500,
      outageMs: OUTAGE_MS,
      switchOff: () => sys.control('bank', '/issuer/admin', { down: true }),
      switchOn: () => sys.control('bank', '/issuer/admin', { down: false }),
    });
    expectOutageHit(payments);
    await expectNoneLost(payments, streams);

    // One issuer authorisation per payment (approved iff completed), keyed by the PaymentHandlerPayId.
    const { rows } = await sys.pool.query<{ t: string; n: number; approved: number; a: string }>(
      `SELECT merchant_txn_id AS t, count(*)::int AS n, count(*) FILTER (WHERE approved)::int AS approved,
              max(amount_minor)::text AS a
         FROM ${sys.schemas.bank}.issuer_auths WHERE merchant_txn_id = ANY($1) GROUP BY 1`,
      [payments.map((p) => p.payId)],
    );
    const auths = new Map(rows.map((r) => [r.t, `${r.n} approved ${r.approved} amount ${Number(r.a)}`]));
    expect(payments.map((p) => `${p.index}: ${auths.get(p.payId!) ?? 'none'}`)).toEqual(
      payments.map(
        (p) =>
          `${p.index}: 1 approved ${p.expected.processState === 'CompletedOk' ? 1 : 0} amount ${Number(p.amountMinor)}`,
      ),
    );
    expect(aliceBefore - (await balance('CR-ALICE-0001'))).toBe(sumOf(payments));
    expect(await balance('CR-BOB-0001')).toBe(bobBefore);
  });

  it('e-purse: the clearing centre goes down (503) and comes back', async () => {
    const streams = await paymentStreams();
    // A chip does one purchase at a time: each purse's payments run one after the other, the two
    // purses (and the blocked one's refusals) side by side.
    const purses = {
      'EP-0001': PurseCard.issue('EP-0001', '200'),
      'EP-0004': PurseCard.issue('EP-0004', '200'),
    };
    const blocked = PurseCard.issue('EP-0002', '200');
    const queues = new Map<string, Promise<void>>();
    const purseOf = (i: number) =>
      declines(i) ? blocked : i % 2 === 0 ? purses['EP-0001'] : purses['EP-0004'];
    const payments = Array.from({ length: 24 }, (_, i) =>
      newPayment(i, 100 + i, declines(i) ? { processState: 'Failed', completionCode: 'BadInstrument' } : ok),
    );
    const end = deadline();
    await runWithOutage({
      payments,
      run: (p) => {
        const card = purseOf(p.index);
        const previous = declines(p.index)
          ? Promise.resolve()
          : (queues.get(card.data.purseId) ?? Promise.resolve());
        const mine = previous.then(() => ePursePayment(sys.gatewayUrl, p, card, end));
        if (!declines(p.index))
          queues.set(
            card.data.purseId,
            mine.catch(() => undefined),
          );
        return mine;
      },
      staggerMs: STAGGER_MS,
      startAfterDone: 5,
      latestStartMs: 1500,
      outageMs: OUTAGE_MS,
      switchOff: () => sys.control('bank', '/clearing-centre/admin', { down: true }),
      switchOn: () => sys.control('bank', '/clearing-centre/admin', { down: false }),
    });
    expectOutageHit(payments);
    await expectNoneLost(payments, streams);

    // One booked record per completed payment; the purses' debits equal the booked totals.
    const { rows } = await sys.pool.query<{ a: string; n: number }>(
      `SELECT amount_minor::text AS a, count(*)::int AS n FROM ${sys.schemas.bank}.ep_records
        WHERE amount_minor BETWEEN 100 AND 123 GROUP BY 1`,
    );
    const booked = new Map(rows.map((r) => [Number(r.a), r.n]));
    expect(payments.map((p) => `${p.index}: ${booked.get(Number(p.amountMinor)) ?? 0}`)).toEqual(
      payments.map((p) => `${p.index}: ${p.expected.processState === 'CompletedOk' ? 1 : 0}`),
    );
    // Minor units from the decimal balances (never a float).
    const spent = (card: PurseCard) =>
      BigInt(new PreciseDecimal(decrease('200', card.balance)).times(100).toFixed());
    expect(spent(purses['EP-0001']) + spent(purses['EP-0004'])).toBe(sumOf(payments));
    expect(blocked.balance).toBe('200');
  });

  it('keeps card numbers, keys and customer secrets out of the logs and events of the load', async () => {
    const scanner = new SecretScanner([
      ...demoSecrets(),
      ...['4111111111111111', '5555555555554444', '4000000000009995'].map((pan) => cardNumber(pan)),
    ]);
    const items = [...logItems(logs.lines), ...(await eventItems(sys.store))];
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(describeFindings(scanner.scan(items))).toBe('');
  });
});
