import { Money } from '@ph/money';
import { runPayment } from '../../apps/wallet/src/lib';
import { startHarness, type Harness } from './support/standalone-harness';

describe('concurrent payments', () => {
  let ph: Harness;
  beforeAll(async () => {
    ph = await startHarness();
  });
  afterAll(async () => {
    await ph?.stop();
  });

  it('completes 50 concurrent payments of one customer exactly once; total debits equal their sum', async () => {
    const before = Money.parse(await ph.balance('alice'), 'EUR');
    // Amounts 0.01 … 0.50 so a lost or doubled payment changes the total in a way the sum detects.
    const amounts = Array.from({ length: 50 }, (_, i) => Money.ofMinor(BigInt(i + 1), 'EUR').toCanonical());
    const results = await Promise.all(
      amounts.map((amount) =>
        runPayment({ gatewayUrl: ph.gatewayUrl, customer: 'alice', amount, currency: 'EUR' }),
      ),
    );
    expect(results.map((r) => r.processState)).toEqual(amounts.map(() => 'CompletedOk'));
    expect(results.every((r) => r.receiptVerified && r.receiptSignatureVerified)).toBe(true);
    expect(new Set(results.map((r) => r.payId)).size).toBe(50);
    const expected = amounts.reduce((sum, a) => sum.plus(Money.parse(a, 'EUR')), Money.zero('EUR'));
    const after = Money.parse(await ph.balance('alice'), 'EUR');
    expect(before.minus(after).toCanonical()).toBe(expected.toCanonical());
    // Every HS-Balance the bank reported is a distinct step of the same serialised ledger.
    expect(new Set(results.map((r) => r.balance)).size).toBe(50);
  });
});
