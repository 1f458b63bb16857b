import { IotpHttpClient, runPayment, runSetLikePayment, type SessionStep } from '../../apps/wallet/src/lib';
import { runEPursePayment } from '../../apps/wallet/src/lib/e-purse';
import { runIssuerMicroPayment, runSmsPayment } from '../../apps/wallet/src/lib/sms-issuer';
import { PurseCard } from '../../apps/wallet/src/schemes/e-purse';
import { closedLoop, type LoadResult } from './load';
import { log } from './processes';
import { progress, SCHEME_DURATION_MS, WORKERS } from './settings';
import { startEmbeddedPaymentHandler, type EmbeddedPaymentHandler } from './standalone-process';

/**
 * (f) Complete payments of every scheme through POST /iotp of the embedded Payment Handler
 * (apps/standalone, one process), one scheme after the other, each for BENCH_SCHEME_SECONDS with
 * BENCH_CONCURRENCY wallets of the wallet library in a closed loop. A payment counts when it ends
 * CompletedOk with its receipt verified; a business decline (Failed with a completion code) is counted
 * apart, never as a completed payment; anything else is a failure.
 */
export interface SchemeRun {
  /** Row name in the table. */
  readonly name: string;
  readonly brand: string;
  /** Completed payments (declines are not in `completed`; `failed` excludes them too). */
  readonly result?: LoadResult;
  /** IOTP requests sent per completed payment (average). */
  readonly exchangesPerPayment?: number;
  /** Business declines: count, latencies, by reason. */
  readonly declined?: LoadResult & { readonly reasons: Readonly<Record<string, number>> };
  /** Why the scheme did not run. */
  readonly skipped?: string;
  readonly note?: string;
}

export interface SchemesBench {
  readonly runs: readonly SchemeRun[];
  /** The program that ran the Payment Handler (dist/…): apps/standalone's main or the bench's launcher. */
  readonly launcher: string;
}

/** What a wallet library runner returns, as far as the bench looks at it. */
interface WalletOutcome {
  readonly processState: string;
  readonly completionCode?: string;
  readonly statusDesc?: string;
  readonly errorCode?: string;
  readonly receiptVerified: boolean;
  readonly problems: readonly string[];
  readonly steps: readonly SessionStep[];
}

const AMOUNT = '0.01';
const CURRENCY = 'EUR';
/** The acquirer simulator's approving VISA test card (10,000.00 EUR available, no single limit). */
const VISA_APPROVED = { pan: '4111111111111111', expiry: '2030-12' };
/** The issuer's one active demo micro card with a balance (50.00 EUR, 2.00 per payment, 20.00 a day). */
const MICRO_CARD = 'CR-ALICE-0001';
/** Purses the clearing centre knows as active and unexpired (EP-0002 is blocked, EP-0003 expired). */
/** The demo purses that pay (EP-0002 is blocked, EP-0003 expired): one wallet per purse. */
const PURSE_IDS = [
  'EP-0001',
  ...Array.from({ length: 33 }, (_, i) => `EP-${String(i + 4).padStart(4, '0')}`),
];
/** One simulated phone per wallet: each outbox stays short and replies never cross. */
const msisdnOf = (worker: number) => `+4915190${String(worker).padStart(5, '0')}`;

const sent = (steps: readonly SessionStep[]) =>
  steps.filter((s) => s.direction === '→' && s.msgId !== '—').length;

/** Runs `pay` in a closed loop and sorts its outcomes into completed, declined and failed. */
async function runScheme(
  name: string,
  brand: string,
  pay: (worker: number) => Promise<WalletOutcome>,
  workers = WORKERS,
  note?: string,
): Promise<SchemeRun> {
  log(`• scheme ${brand}: complete payments, ${workers} wallets, ${SCHEME_DURATION_MS / 1000} s`);
  const declines: number[] = [];
  const reasons: Record<string, number> = {};
  let exchanges = 0;
  const result = await closedLoop(
    workers,
    SCHEME_DURATION_MS,
    async (worker) => {
      const t0 = performance.now();
      const r = await pay(worker);
      if (r.processState === 'CompletedOk') {
        if (!r.receiptVerified) throw new Error(`receipt not verified: ${r.problems.join('; ')}`);
        exchanges += sent(r.steps);
        return true;
      }
      if (r.processState === 'Failed' && r.completionCode && r.errorCode === undefined) {
        declines.push(performance.now() - t0);
        const reason = `${r.completionCode}${r.statusDesc ? ` (${r.statusDesc})` : ''}`;
        reasons[reason] = (reasons[reason] ?? 0) + 1;
        return false;
      }
      throw new Error(
        `payment ended ${r.processState} ${r.completionCode ?? r.errorCode ?? ''} ${r.statusDesc ?? ''}`.trim(),
      );
    },
    progress(`${brand} payments`),
  );
  return {
    name,
    brand,
    result: { ...result, failed: result.failed - declines.length },
    ...(result.completed > 0 ? { exchangesPerPayment: exchanges / result.completed } : {}),
    ...(declines.length > 0
      ? {
          declined: {
            completed: declines.length,
            failed: 0,
            seconds: result.seconds,
            latenciesMs: declines,
            reasons,
          },
        }
      : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * Purse payments, one wallet per purse (run with at most PURSE_IDS.length wallets): a purse card writes
 * one record after the other (its seqC only increases), so a purse never pays twice at once.
 */
function ePursePayments(gatewayUrl: string, client: IotpHttpClient) {
  const cards = PURSE_IDS.map((id) => PurseCard.issue(id, '50'));
  return (worker: number): Promise<WalletOutcome> =>
    runEPursePayment({ gatewayUrl, client, card: cards[worker]!, amount: AMOUNT, currency: CURRENCY });
}

export async function benchSchemes(databaseUrl: string): Promise<SchemesBench> {
  const bridges = ['hash-secret', 'set-like', 'sms-confirm', 'issuer-micro'];
  let ph: EmbeddedPaymentHandler | undefined;
  let skipEPurse: string | undefined;
  log(
    `• schemes: starting the embedded Payment Handler (BRIDGES=${[...bridges, ...(skipEPurse ? [] : ['e-purse'])].join(',')})`,
  );
  if (skipEPurse) log(`  e-purse skipped: ${skipEPurse}`);
  else {
    try {
      ph = await startEmbeddedPaymentHandler(databaseUrl, 'sch', [...bridges, 'e-purse']);
    } catch (error) {
      skipEPurse = `the standalone app did not start with BRIDGES including e-purse: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`;
      log(`  ${skipEPurse}; starting it without`);
    }
  }
  ph ??= await startEmbeddedPaymentHandler(databaseUrl, 'sch', bridges);
  log(`  running ${ph.launcher}`);
  const client = new IotpHttpClient(ph.gatewayUrl, { maxSockets: WORKERS });
  const gatewayUrl = ph.gatewayUrl;
  const runs: SchemeRun[] = [];
  try {
    runs.push(
      await runScheme('hash/secret x-DemoHashPay', 'x-DemoHashPay', () =>
        runPayment({ gatewayUrl, client, customer: 'alice', amount: AMOUNT, currency: CURRENCY }),
      ),
    );
    runs.push(
      await runScheme('SET-like VISA (approving test card)', 'VISA', () =>
        runSetLikePayment({ gatewayUrl, client, card: VISA_APPROVED, amount: AMOUNT, currency: CURRENCY }),
      ),
    );
    runs.push(
      await runScheme(
        `issuer micro x-IssuerMicro (${MICRO_CARD})`,
        'x-IssuerMicro',
        () => runIssuerMicroPayment({ gatewayUrl, cardRef: MICRO_CARD, amount: AMOUNT, currency: CURRENCY }),
        WORKERS,
        `one card (${MICRO_CARD}), ${AMOUNT} ${CURRENCY} a payment: its 20.00 daily micro limit allows 2,000 a day`,
      ),
    );
    const smsOperatorUrl = ph.bankUrl;
    runs.push(
      await runScheme(
        'SMS confirm x-SmsConfirm (phone says YES)',
        'x-SmsConfirm',
        (worker) =>
          runSmsPayment({
            gatewayUrl,
            smsOperatorUrl,
            msisdn: msisdnOf(worker),
            amount: AMOUNT,
            currency: CURRENCY,
            answer: 'YES',
          }),
        WORKERS,
        "latency is the PH's pollAfterSecs (2 s) per poll, not work: the wallet waits as told",
      ),
    );
    if (!skipEPurse) {
      const workers = Math.min(WORKERS, PURSE_IDS.length);
      runs.push(
        await runScheme(
          `e-purse GeldKarte (${workers} wallets, one per purse)`,
          'GeldKarte',
          ePursePayments(gatewayUrl, client),
          workers,
          `${workers} purses (EP-0001, EP-0004…), one payment at a time each: a purse's seqC only increases`,
        ),
      );
    } else runs.push({ name: 'e-purse GeldKarte', brand: 'GeldKarte', skipped: skipEPurse });
  } finally {
    client.close();
    await ph.stop();
  }
  return { runs, launcher: ph.launcher };
}
