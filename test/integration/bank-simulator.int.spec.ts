import {
  authC,
  bankAck,
  confirmation,
  decodeHsBalance,
  decodeHsChallenge,
  deriveKcm,
  demoHashSecretConfig,
  encodeHsInit,
  encodeHsPay,
  HashSecretBridge,
  packagedContent,
  ClearingUnavailableError,
  deriveKcb,
  deriveS,
  HttpClearingBank,
  paymentValue,
  sha256,
  signClearingRequest,
  type ClearingRequest,
} from '@ph/bridges/hash-secret';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Pool } from 'pg';
import { seedDemoAccounts } from '../../apps/bank-simulator/src/accounts/demo-accounts';
import { ClearingBankService } from '../../apps/bank-simulator/src/clearing/clearing-bank.service';
import { migrateBankSchema } from '../../apps/bank-simulator/src/db/bank-schema';
import { ReplayStorePurger } from '../../apps/bank-simulator/src/retention/replay-store-purger';
import { databaseUrl, uniqueSchemaName } from '../support/database';
import { freePort } from '../support/free-port';
import { PreciseDecimal } from '@ph/money';

const M = 'demo-merchant.example';
const B = 'demo-bank.example';
const KMB = Buffer.from('28666dff072bcdcda6736013b80f19de79e93668c1e9d4e551c062156f8adaee', 'hex');
const DAY = 86_400_000;

/** K_CB as the wallet derives it (profile §3.3.9: r from the diskette text, p the dev pass phrase). */
function kcbOf(C: string): Buffer {
  const r = sha256(Buffer.from(`IOTP profile 1.0 diskette r of ${C} (DEV ONLY)`));
  return deriveKcb(deriveS(`${C}-dev-passphrase`, r), B);
}

let serial = 0;
/** A correctly signed clearing request with a correct π, fresh t/y/n_C unless given. */
function request(C: string, u: string, over: Partial<Omit<ClearingRequest, 'mac'>> = {}): ClearingRequest {
  serial += 1;
  const fields = {
    M,
    C,
    t: `20240501T101602Z-${serial.toString(16).padStart(8, '0')}`,
    y: `PH${serial.toString().padStart(12, '0')}`,
    u,
    cur: 'EUR',
    nC: randomBytes(32).toString('hex'),
    ...over,
  };
  const pi = paymentValue(kcbOf(C), { ...fields, B, nC: Buffer.from(fields.nC, 'hex') }).toString('hex');
  return signClearingRequest(KMB, { ...fields, pi, ...(over.pi !== undefined ? { pi: over.pi } : {}) });
}

// Child processes start here; these limits only turn a hang into a failure, nothing asserts on time.
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');

/** The bank simulator runs as its real process, from dist/ (scripts/build.mjs, SWC, a fraction of a second). */
async function compileBankSimulator(): Promise<string> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  return path.join(ROOT, 'dist');
}

interface RunningBank {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

async function startBankProcess(
  compiled: string,
  schema: string,
  env: Record<string, string> = {},
): Promise<RunningBank> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(compiled, 'apps/bank-simulator/src/main.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(),
        BANK_SIMULATOR_SCHEMA: schema,
        BANK_SIMULATOR_PORT: String(port),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  // Poll until it answers; the deadline only turns a hang into a readable failure.
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error(`bank simulator exited: ${stderr}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error(`bank simulator did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('bank simulator (PostgreSQL)', () => {
  const schema = uniqueSchemaName('bank_sim');
  let pool: Pool;
  let compiled: string;
  let server: RunningBank;
  let bank: ClearingBankService;
  let baseUrl: string;
  let http: HttpClearingBank;
  let now = new Date('2024-05-01T10:16:02Z');

  const balanceOf = async (C: string) =>
    ((await (await fetch(`${baseUrl}/accounts/${C}`)).json()) as { balance: string }).balance;
  const ledgerCount = async (C: string) =>
    Number(
      (await pool.query(`SELECT count(*) AS n FROM ${schema}.ledger WHERE customer_id = $1`, [C])).rows[0].n,
    );

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 30 });
    compiled = await compileBankSimulator();
    server = await startBankProcess(compiled, schema); // migrates and seeds on start
    baseUrl = server.baseUrl;
    bank = new ClearingBankService(pool, { schema, clock: () => now });
    http = new HttpClearingBank({ baseUrl, timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await server?.stop();
    await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool?.end();
  });

  it('seeds the demo accounts of profile §3.3.9 once, never resetting a balance', async () => {
    expect(await balanceOf('alice')).toBe('1000000');
    expect(await balanceOf('bob')).toBe('100');
    expect(await balanceOf('carol')).toBe('0');
    await pool.query(`UPDATE ${schema}.accounts SET balance_minor = 4200 WHERE customer_id = 'carol'`);
    await migrateBankSchema(pool, schema);
    await seedDemoAccounts(pool, schema);
    expect(await balanceOf('carol')).toBe('42');
    await pool.query(`UPDATE ${schema}.accounts SET balance_minor = 0 WHERE customer_id = 'carol'`);
  });

  it('clears a payment: CompletedOk with A_B and the balance after, debit booked once', async () => {
    const q = request('alice', '12.5');
    const result = await bank.clear(q);
    expect(result).toEqual({
      outcome: 'answered',
      status: 'CompletedOk',
      AB: bankAck(kcbOf('alice'), Buffer.from(q.pi, 'hex'), 'CompletedOk').toString('hex'),
      balance: '999987.5',
      cur: 'EUR',
    });
    expect(await balanceOf('alice')).toBe('999987.5');
    expect(await ledgerCount('alice')).toBe(1);
  });

  it('answers an identical retry with the stored result and no second debit', async () => {
    const q = request('bob', '10');
    const first = await http.clear(q);
    const retry = await http.clear(q);
    const retryWithUpperHex = await bank.clear({ ...q, pi: q.pi.toUpperCase(), nC: q.nC.toUpperCase() });
    expect(first).toMatchObject({ status: 'CompletedOk', balance: '90' });
    expect(retry).toEqual(first);
    expect(retryWithUpperHex).toEqual(first);
    expect(await balanceOf('bob')).toBe('90');
    expect(await ledgerCount('bob')).toBe(1);
  });

  it('stores π of an InsuffFunds answer, so it cannot be used again, while a retry gets the same answer', async () => {
    const q = request('carol', '12.5');
    const declined = await bank.clear(q);
    expect(declined).toEqual({
      outcome: 'answered',
      status: 'InsuffFunds',
      AB: bankAck(kcbOf('carol'), Buffer.from(q.pi, 'hex'), 'InsuffFunds').toString('hex'),
      balance: '0',
      cur: 'EUR',
    });
    expect(await bank.clear(q)).toEqual(declined);
    // Same π inside another request (other payment serial): a replay.
    const replay = signClearingRequest(KMB, { ...q, y: 'PH999999999999' });
    expect(await bank.clear(replay)).toEqual({ outcome: 'rejected', reason: 'PiReplayed' });
  });

  it('rejects a replayed π of a completed payment (other merchant fields) without a debit', async () => {
    const q = request('alice', '1');
    await bank.clear(q);
    const before = await balanceOf('alice');
    const replay = signClearingRequest(KMB, { ...q, t: '20240501T101603Z-deadbeef' });
    expect(await bank.clear(replay)).toEqual({ outcome: 'rejected', reason: 'PiReplayed' });
    expect(await balanceOf('alice')).toBe(before);
  });

  it('rejects a wrong π or an unknown customer with BadPi and stores nothing', async () => {
    const wrong = request('alice', '5', { pi: randomBytes(32).toString('hex') });
    expect(await bank.clear(wrong)).toEqual({ outcome: 'rejected', reason: 'BadPi' });
    const stored = await pool.query(`SELECT 1 FROM ${schema}.replay_store WHERE pi = $1`, [wrong.pi]);
    expect(stored.rowCount).toBe(0);
    // π computed with another customer's K_CB.
    const pi = request('bob', '5').pi;
    expect(await bank.clear(request('alice', '5', { pi }))).toEqual({ outcome: 'rejected', reason: 'BadPi' });
    const mallory = signClearingRequest(KMB, { ...request('alice', '5'), C: 'mallory' });
    expect(await bank.clear(mallory)).toEqual({ outcome: 'rejected', reason: 'BadPi' });
  });

  it('refuses a request without a valid merchant MAC before anything else (HTTP 401)', async () => {
    const q = request('alice', '7');
    const forged = { ...q, u: '700' };
    expect(await bank.clear(forged)).toEqual({ outcome: 'rejected', reason: 'MerchantAuth' });
    expect(await bank.clear({ ...q, mac: randomBytes(32).toString('hex') })).toEqual({
      outcome: 'rejected',
      reason: 'MerchantAuth',
    });
    const otherMerchant = signClearingRequest(KMB, { ...q, M: 'evil.example' });
    expect(await bank.clear(otherMerchant)).toEqual({ outcome: 'rejected', reason: 'MerchantAuth' });
    const response = await fetch(`${baseUrl}/clearing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await http.clear(forged)).toEqual({ outcome: 'rejected', reason: 'MerchantAuth' });
    // The real request still clears afterwards: nothing was stored for the forged ones.
    expect(await bank.clear(q)).toMatchObject({ outcome: 'answered', status: 'CompletedOk' });
  });

  it('applies 50 concurrent payments of one customer each once, with consistent balances', async () => {
    const kcb = kcbOf('dave').toString('hex');
    await pool.query(
      `INSERT INTO ${schema}.accounts (customer_id, bank_id, currency, balance_minor, kcb_hex)
       VALUES ('dave', $1, 'EUR', 10000, $2)`,
      [B, kcb],
    );
    const requests = Array.from({ length: 50 }, () => request('dave', '3'));
    const results = await Promise.all(requests.map((q, i) => (i % 2 === 0 ? http.clear(q) : bank.clear(q))));
    const paid = results.filter((r) => r.outcome === 'answered' && r.status === 'CompletedOk');
    const declined = results.filter((r) => r.outcome === 'answered' && r.status === 'InsuffFunds');
    expect(paid).toHaveLength(33);
    expect(declined).toHaveLength(17);
    // Every CompletedOk balance = 100 − 3·k for its place k in the order of debits.
    // Whole euros here, so the decimal strings compare as integers (money is never a float).
    const balances = paid
      .map((r) => (r.outcome === 'answered' ? Number.parseInt(r.balance, 10) : NaN))
      .sort((a, b) => b - a);
    expect(paid.every((r) => r.outcome === 'answered' && /^\d+$/.test(r.balance))).toBe(true);
    expect(balances).toEqual(Array.from({ length: 33 }, (_, k) => 100 - 3 * (k + 1)));
    for (const r of declined) expect(r).toMatchObject({ balance: '1' });
    expect(await balanceOf('dave')).toBe('1');
    expect(await ledgerCount('dave')).toBe(33);
    // Retrying all 50 at once changes nothing.
    const retried = await Promise.all(requests.map((q) => bank.clear(q)));
    expect(retried).toEqual(results);
    expect(await balanceOf('dave')).toBe('1');
  });

  it('keeps π for the retention (≥ 22 days), then purges it', async () => {
    expect(() => new ReplayStorePurger(pool, { schema, retentionDays: 21 })).toThrow(RangeError);
    const storedAt = new Date('2020-01-01T00:00:00Z');
    now = storedAt;
    const q = request('alice', '2');
    const result = await bank.clear(q);
    now = new Date('2024-05-01T10:16:02Z');
    const purger = new ReplayStorePurger(pool, { schema });
    expect(await purger.purge(new Date(storedAt.getTime() + 22 * DAY))).toBe(0);
    expect(await bank.clear(q)).toEqual(result); // still a retry, not a second debit
    expect(await purger.purge(new Date(storedAt.getTime() + 22 * DAY + 1000))).toBe(1);
    const left = await pool.query(`SELECT 1 FROM ${schema}.replay_store WHERE pi = $1`, [q.pi]);
    expect(left.rowCount).toBe(0);
  });

  describe('HTTP routes', () => {
    const post = (route: string, body: string, type = 'application/json') =>
      fetch(`${baseUrl}${route}`, { method: 'POST', headers: { 'content-type': type }, body });

    it('answers /healthz, /readyz and GET /accounts/:customer (404 as problem+json)', async () => {
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
      const ready = await fetch(`${baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok' } });
      const account = await fetch(`${baseUrl}/accounts/carol`);
      expect(await account.json()).toEqual({ customerId: 'carol', balance: '0', currency: 'EUR' });
      const missing = await fetch(`${baseUrl}/accounts/nobody`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
    });

    it.each([
      ['invalid JSON', '{"M":', 'application/json'],
      ['an empty body', '', 'application/json'],
      ['a JSON array', '[1,2]', 'application/json'],
      ['a missing field', JSON.stringify({ M, C: 'alice' }), 'application/json'],
      ['an ill-typed field', JSON.stringify({ ...request('alice', '1'), u: 12.5 }), 'application/json'],
    ])('answers %s on POST /clearing with 400 problem+json', async (_, body, type) => {
      const response = await post('/clearing', body, type);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    });

    it('answers a body that is not JSON with a 4xx problem+json', async () => {
      const response = await post('/clearing', 'M=x', 'text/plain');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });

    it('answers 503 during a simulated outage, and the PH adapter reports the bank unavailable', async () => {
      const q = request('alice', '3');
      expect((await post('/admin/outage', JSON.stringify({ down: true }))).status).toBe(200);
      try {
        const response = await post('/clearing', JSON.stringify(q));
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        await expect(http.clear(q)).rejects.toBeInstanceOf(ClearingUnavailableError);
        expect((await fetch(`${baseUrl}/readyz`)).status).toBe(503);
        expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
      } finally {
        await post('/admin/outage', JSON.stringify({ down: false }));
      }
      expect((await post('/admin/outage', JSON.stringify({ down: 'yes' }))).status).toBe(400);
      expect(await http.clear(q)).toMatchObject({ status: 'CompletedOk' });
    });
  });

  it('the PH bridge pays through the running bank over HTTP (HS-Init → HS-Pay → CompletedOk)', async () => {
    const bridge = new HashSecretBridge(demoHashSecretConfig(), http);
    const ctx = {
      payId: 'PHINTEGRATION1',
      iotpTransId: 'int-1@demo-merchant.example',
      brandId: 'x-DemoHashPay',
      protocolId: 'x-HashSecret-1.0',
      protocolBrandId: 'DemoHashPay',
      amount: '4.20',
      currency: 'EUR',
      merchantOrgId: M,
      now: new Date(),
    };
    const nA = randomBytes(32);
    const p1 = await bridge.start(ctx, [packagedContent('HS-Init', encodeHsInit({ C: 'bob', nA }))]);
    if (p1.kind !== 'continue') throw new Error(p1.kind);
    const ch = decodeHsChallenge(p1.schemeOut[0].value);
    const r = sha256(Buffer.from('IOTP profile 1.0 diskette r of bob (DEV ONLY)'));
    const kcm = deriveKcm(deriveS('bob-dev-passphrase', r), M);
    const nC = randomBytes(32);
    const pi = paymentValue(kcbOf('bob'), { ...ch, nC });
    const pay = {
      C: 'bob',
      t: ch.t,
      y: ch.y,
      u: ch.u,
      cur: ch.cur,
      nC,
      pi,
      aC: authC(kcm, 'bob', M, ch.t),
      o: confirmation(kcm, ch.t, ch.y, ch.u, ch.cur, nC, pi),
    };
    const before = await balanceOf('bob');
    const p2 = await bridge.continue(ctx, p1.state, [packagedContent('HS-Pay', encodeHsPay(pay))]);
    expect(p2).toMatchObject({
      kind: 'end',
      processState: 'CompletedOk',
      receiptNameRefs: ['HS-Pay', 'HS-Result'],
    });
    if (p2.kind !== 'end') throw new Error(p2.kind);
    const balance = decodeHsBalance(p2.notes![0].value).balance;
    expect(balance).toBe(await balanceOf('bob'));
    expect(new PreciseDecimal(before).minus(balance).toFixed()).toBe('4.2');
  });

  it('a clearing whose answer came too late is answered from the store on retry, debited once', async () => {
    const slow = await startBankProcess(compiled, schema, { BANK_SIMULATOR_LATENCY_MS: '300' });
    try {
      const impatient = new HttpClearingBank({ baseUrl: slow.baseUrl, timeoutMs: 20 });
      const q = request('bob', '5');
      await expect(impatient.clear(q)).rejects.toThrow('clearing bank timed out');
      // The bank may still be working on it: wait until it has stored π (not a timing assertion).
      for (let i = 0; i < 200; i += 1) {
        const row = await pool.query(`SELECT 1 FROM ${schema}.replay_store WHERE pi = $1`, [q.pi]);
        if (row.rowCount === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const before = await balanceOf('bob');
      expect(await bank.clear(q)).toMatchObject({ status: 'CompletedOk', balance: before });
      expect(await balanceOf('bob')).toBe(before);
    } finally {
      await slow.stop();
    }
  });
});
