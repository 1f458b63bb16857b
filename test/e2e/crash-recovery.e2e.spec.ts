import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Money } from '@ph/money';
import { PaymentSession } from '../../apps/wallet/src/lib';
import { freePort } from '../support/free-port';
import { buildDist, startStandaloneProcess, type StandaloneProcess } from './support/standalone-process';

/**
 * A crash between the bank's clearing and the append of the payment's events (issue 3): the bank has
 * debited, the Payment Handler has recorded nothing. After a restart the retransmitted Payment Exchange
 * completes the payment from the bank's replay store, debited once; a further restart loses nothing.
 */
describe('crash between clearing and append', () => {
  const tag = randomBytes(4).toString('hex');
  const bankSchema = `bank_crash_${tag}`;
  let env: Record<string, string>;
  let running: StandaloneProcess | undefined;
  let pool: Pool;

  beforeAll(async () => {
    buildDist();
    env = {
      DATABASE_URL: process.env.DATABASE_URL as string,
      GATEWAY_PORT: String(await freePort()),
      BANK_SIMULATOR_PORT: String(await freePort()),
      EVENT_STORE_SCHEMA: `es_crash_${tag}`,
      BANK_SIMULATOR_SCHEMA: bankSchema,
      READ_MODEL_SCHEMA: `rm_crash_${tag}`,
    };
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    running?.child.kill('SIGKILL');
    await pool?.end();
  });

  const aliceBalance = async () => {
    const { rows } = await pool.query(
      `SELECT balance_minor::text AS b FROM ${bankSchema}.accounts WHERE customer_id = 'alice'`,
    );
    return Money.ofMinor(BigInt(rows[0].b), 'EUR');
  };

  it('completes the payment after the restart without a second debit, and keeps it across restarts', async () => {
    running = await startStandaloneProcess({ ...env, PH_FAULT_CRASH_AFTER_SCHEME_CALL: '1' });
    const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}/iotp`;
    const before = await aliceBalance();
    const session = new PaymentSession({ gatewayUrl, customer: 'alice', amount: '12.50', currency: 'EUR' });
    expect((await session.paymentRequest()).kind).toBe('exchange');

    // The worker clears at the bank, then the process dies before the append: no answer arrives.
    await expect(session.pay()).rejects.toThrow();
    expect(await running.exited).toBeNull(); // killed by a signal, no exit code
    expect(before.minus(await aliceBalance()).toCanonical()).toBe('12.50'); // the bank did debit

    running = await startStandaloneProcess(env);
    const answer = await session.resend('C2');
    const result = session.resultOf(answer);
    expect(result.processState).toBe('CompletedOk');
    expect(result.receiptVerified).toBe(true);
    expect(before.minus(await aliceBalance()).toCanonical()).toBe('12.50'); // still once

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    running = await startStandaloneProcess(env);
    const inquiry = await session.inquire();
    expect(inquiry.status?.processState).toBe('CompletedOk');
    const again = await session.resend('C2');
    expect(again.raw.equals(answer.raw)).toBe(true);
  });
});
