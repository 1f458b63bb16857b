import { randomBytes } from 'node:crypto';
import { Money } from '@ph/money';
import { PaymentSession, runPayment } from '../../apps/wallet/src/lib';
import { describeWithKafka } from '../support/kafka-env';
import { buildDist } from './support/standalone-process';
import { startDistributed, stopApp, type DistributedStack } from './support/distributed-processes';

/**
 * Distributed mode (issue 4): gateways and payment workers as separate processes, Payment API calls as
 * RFC 3867 envelopes over the real Kafka broker, events in PostgreSQL.
 */
describeWithKafka('distributed mode on Kafka and PostgreSQL', (brokers) => {
  let stack: DistributedStack;
  const balance = async (customer: string) => {
    const res = await fetch(`${stack.bankUrl}/accounts/${customer}`);
    return Money.parse(((await res.json()) as { balance: string }).balance, 'EUR');
  };

  beforeAll(async () => {
    buildDist();
    stack = await startDistributed({
      brokers,
      databaseUrl: process.env.DATABASE_URL as string,
      tag: randomBytes(4).toString('hex'),
      gateways: 2,
      workers: 2,
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('completes payments through two gateways and two workers, each exactly once', async () => {
    const before = await balance('alice');
    const amounts = Array.from({ length: 20 }, (_, i) => Money.ofMinor(BigInt(100 + i), 'EUR').toCanonical());
    const results = await Promise.all(
      amounts.map((amount, i) =>
        runPayment({ gatewayUrl: stack.gatewayUrls[i % 2], customer: 'alice', amount, currency: 'EUR' }),
      ),
    );
    expect(results.map((r) => r.processState)).toEqual(amounts.map(() => 'CompletedOk'));
    expect(results.every((r) => r.receiptVerified && r.receiptSignatureVerified)).toBe(true);
    const sum = amounts.reduce((s, a) => s.plus(Money.parse(a, 'EUR')), Money.zero('EUR'));
    expect(before.minus(await balance('alice')).toCanonical()).toBe(sum.toCanonical());
  }, 60_000);

  it('answers a retransmission identically at the other gateway (shared event store)', async () => {
    const session = new PaymentSession({
      gatewayUrl: stack.gatewayUrls[0],
      customer: 'bob',
      amount: '1.00',
      currency: 'EUR',
    });
    expect((await session.paymentRequest()).kind).toBe('exchange');
    const result = await session.pay();
    expect(result.processState).toBe('CompletedOk');
    const c2 = session.steps.filter((s) => s.direction === '→' && s.msgId === 'C2').at(-1);
    if (!c2) throw new Error('C2 not recorded');
    const res = await fetch(stack.gatewayUrls[1], {
      method: 'POST',
      headers: { 'content-type': 'application/iotp; charset=utf-8' },
      body: new Uint8Array(c2.xml),
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(result.answer.raw)).toBe(true);
  }, 30_000);

  it('keeps taking payments when a worker is killed: its partitions move to the other one', async () => {
    const victim = stack.apps.find((a) => a.name === 'worker-1');
    if (!victim) throw new Error('no worker-1');
    await stopApp(victim, 'SIGKILL');
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        runPayment({ gatewayUrl: stack.gatewayUrls[0], customer: 'alice', amount: '0.50', currency: 'EUR' }),
      ),
    );
    // Requests routed to the dead worker's partitions wait for the rebalance; the wallet's answer is
    // CompletedOk, or SystemBusy (TransientError) when the rebalance outlasts the gateway's time-out.
    for (const r of results) expect(['CompletedOk', 'Unknown']).toContain(r.processState);
    const busy = results.filter((r) => r.processState === 'Unknown');
    for (const r of busy) expect(r.errorCode).toBe('SystemBusy');
  }, 90_000);
});
