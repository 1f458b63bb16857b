import { PaymentSession } from '../../apps/wallet/src/lib';
import { DEFAULT_JANITOR_POLICY } from '../../apps/payment-worker/src';
import { startHashSecretHttpSystem, type HashSecretHttpSystem } from './support/hash-secret-http-system';
import { decrease } from './support/money';

/**
 * Suspension of a hash/secret payment (issue 5 item 5): the clearing bank books π but answers after
 * the PH gave up. The payment is Suspended with the clearing request kept; the Consumer's resent
 * HS-Pay or the janitor resends that request, which the bank answers from its replay store: one debit.
 */
describe('suspended hash/secret payments', () => {
  let sys: HashSecretHttpSystem;
  beforeAll(async () => {
    sys = await startHashSecretHttpSystem({
      clearingTimeoutMs: 600,
      janitorPolicy: { ...DEFAULT_JANITOR_POLICY, firstCheckAfterMs: 0, abandonAfterMs: 60_000 },
    });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const balance = async (customer: string) =>
    ((await (await fetch(`${sys.bankUrl}/accounts/${customer}`)).json()) as { balance: string }).balance;
  const eventTypes = async (payId: string) => {
    const { rows } = await sys.pool.query<{ type: string }>(
      `SELECT type FROM ${sys.schemas.eventStore}.events WHERE stream_id = $1 ORDER BY stream_revision`,
      [`payment-${payId}`],
    );
    return rows.map((r) => r.type);
  };
  const slowBankPayment = async (amount: string) => {
    const session = new PaymentSession({
      gatewayUrl: sys.gatewayUrl,
      customer: 'alice',
      amount,
      currency: 'EUR',
    });
    expect((await session.paymentRequest()).kind).toBe('exchange');
    await sys.bankFaults({ answerDelayMs: 1500 });
    try {
      const first = await session.pay();
      expect(first).toMatchObject({ errorCode: 'SystemBusy' });
      expect(await eventTypes(first.payId!)).toContain('PaymentSuspended');
      // Reported as InProgress to the Consumer's inquiry (Suspended is internal to the API).
      expect((await session.inquire()).status?.processState).toBe('InProgress');
      return { session, payId: first.payId! };
    } finally {
      await sys.bankFaults({ answerDelayMs: 0 });
    }
  };

  it('the Consumer resending HS-Pay resumes it: CompletedOk with a verified receipt, one debit', async () => {
    const before = await balance('alice');
    const { session, payId } = await slowBankPayment('2.35');
    const result = session.resultOf(await session.resend('C2'));
    expect(result).toMatchObject({ processState: 'CompletedOk', receiptVerified: true });
    expect((await eventTypes(payId)).slice(-2)).toEqual(['SchemeMessageSent', 'PaymentCompleted']);
    expect(decrease(before, await balance('alice'))).toBe('2.35');
    expect(session.resultOf(await session.resend('C2')).processState).toBe('CompletedOk');
    expect(decrease(before, await balance('alice'))).toBe('2.35');
  }, 30_000);

  it('the janitor resumes it when the Consumer does not come back; one debit; the inquiry says CompletedOk', async () => {
    const before = await balance('alice');
    const { session, payId } = await slowBankPayment('3.45');
    let decided = false;
    for (let i = 0; i < 60 && !decided; i++) {
      await sys.janitor.tick();
      decided = (await eventTypes(payId)).includes('PaymentCompleted');
      if (!decided) await new Promise((r) => setTimeout(r, 250));
    }
    expect(decided).toBe(true);
    expect(decrease(before, await balance('alice'))).toBe('3.45');
    expect((await session.inquire()).status?.processState).toBe('CompletedOk');
    // Back later with its HS-Pay: the Payment Response from the decided payment, no second debit.
    const back = session.resultOf(await session.resend('C2'));
    expect(back).toMatchObject({ processState: 'CompletedOk', receiptVerified: true });
    expect(decrease(before, await balance('alice'))).toBe('3.45');
  }, 30_000);
});
