import { SetLikeSession } from '../../apps/wallet/src/lib/set-like';
import { DEFAULT_JANITOR_POLICY } from '../../apps/payment-worker/src';
import { startSetLikeSystem, type SetLikeSystem } from './support/set-like-system';

const VISA = { pan: '4111111111111111', expiry: '2030-12' };

/**
 * Suspension and resumption (issue 5 item 5; payment-api P11–P14, iotp-messages §10.6): when the
 * acquirer's payment gateway does not answer in time the payment is Suspended (InProgress to the
 * Consumer) with the AuthReq kept; the Consumer's retransmission or the janitor resumes it by resending
 * that AuthReq, which the gateway answers from its store — the late answer is applied once.
 */
describe('suspended payments', () => {
  let sys: SetLikeSystem;
  beforeAll(async () => {
    sys = await startSetLikeSystem({
      acquirerTimeoutMs: 700,
      // The janitor is driven by the test (tick), with no waiting before the first check.
      janitorPolicy: { ...DEFAULT_JANITOR_POLICY, firstCheckAfterMs: 0, abandonAfterMs: 4000 },
    });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const admin = (card: string, body: object) =>
    fetch(`${sys.acquirerUrl}/admin/cards/${card}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const eventTypes = async (payId: string) => {
    const { rows } = await sys.pool.query<{ type: string }>(
      `SELECT type FROM ${sys.schemas.eventStore}.events WHERE stream_id = $1 ORDER BY stream_revision`,
      [`payment-${payId}`],
    );
    return rows.map((r) => r.type);
  };
  const authorisations = async (amountMinor: number) => {
    const { rows } = await sys.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${sys.schemas.acquirer}.authorizations WHERE amount_minor = $1`,
      [amountMinor],
    );
    return rows[0].n;
  };
  /** Ticks the janitor until the payment is no longer pending in its read model (or gives up). */
  const janitorUntilDecided = async (payId: string) => {
    for (let i = 0; i < 60; i++) {
      await sys.janitor!.tick();
      const types = await eventTypes(payId);
      if (types.includes('PaymentCompleted') || types.includes('PaymentFailed')) return types;
      await new Promise((r) => setTimeout(r, 250));
    }
    return eventTypes(payId);
  };
  const session = (amount: string) =>
    new SetLikeSession({ gatewayUrl: sys.gatewayUrl, card: VISA, amount, currency: 'EUR' });

  it('suspends on an acquirer time-out (SystemBusy to the Consumer); its retransmission resumes it and the late answer is applied once', async () => {
    await admin('visa-approved', { delayMs: 1500 });
    try {
      const s = session('3.17');
      const first = await s.pay(await s.paymentRequest());
      expect(first).toMatchObject({ errorCode: 'SystemBusy', severity: 'TransientError' });
      expect(await eventTypes(s.payId!)).toContain('PaymentSuspended');
      await new Promise((r) => setTimeout(r, 1200)); // the acquirer stores its late AuthRes
      const again = s.resultOf(await s.resend('C2'));
      expect(again).toMatchObject({ processState: 'CompletedOk', receiptVerified: true });
      expect((await eventTypes(s.payId!)).slice(-4)).toEqual([
        'PaymentResumed',
        'SchemeMessageReceived',
        'SchemeMessageSent',
        'PaymentCompleted',
      ]);
      expect(await authorisations(317)).toBe(1);
      // A further retransmission is answered byte for byte from the transaction, nothing new happens.
      expect((await s.resend('C2')).raw.equals(again.answer.raw)).toBe(true);
      expect(await authorisations(317)).toBe(1);
    } finally {
      await admin('visa-approved', { delayMs: 0 });
    }
  }, 30_000);

  it('the janitor resumes a payment whose Consumer does not come back; the Consumer, back later, gets the Payment Response', async () => {
    await admin('visa-approved', { delayMs: 1500 });
    let payId: string;
    const s = session('4.21');
    try {
      expect(await s.pay(await s.paymentRequest())).toMatchObject({ errorCode: 'SystemBusy' });
      payId = s.payId!;
      await new Promise((r) => setTimeout(r, 1200));
    } finally {
      await admin('visa-approved', { delayMs: 0 });
    }
    const types = await janitorUntilDecided(payId);
    expect(types).toContain('PaymentCompleted');
    expect(await authorisations(421)).toBe(1);
    // The Consumer comes back with its PReq: the payment was decided meanwhile; it gets the result
    // with the PRes the janitor's resumption obtained (verified against its own PReq).
    const back = s.resultOf(await s.resend('C2'));
    expect(back).toMatchObject({ processState: 'CompletedOk', receiptVerified: true });
    expect(await authorisations(421)).toBe(1);
  }, 30_000);

  it('an acquirer that never answers: the payment stays suspended, is reported past the deadline and never closed by guessing; when it answers again the janitor completes it', async () => {
    await admin('visa-approved', { noAnswer: true });
    const s = session('5.33');
    try {
      expect(await s.pay(await s.paymentRequest())).toMatchObject({ errorCode: 'SystemBusy' });
      let escalated = 0;
      for (let i = 0; i < 40 && escalated === 0; i++) {
        escalated = (await sys.janitor!.tick()).escalated;
        if (escalated === 0) await new Promise((r) => setTimeout(r, 250));
      }
      expect(escalated).toBeGreaterThan(0);
      const types = await eventTypes(s.payId!);
      expect(types.at(-1)).toBe('PaymentSuspended');
      expect(types).not.toContain('PaymentFailed');
      expect(await authorisations(533)).toBe(0);
    } finally {
      await admin('visa-approved', { noAnswer: false });
    }
    expect(await janitorUntilDecided(s.payId!)).toContain('PaymentCompleted');
    expect(await authorisations(533)).toBe(1);
  }, 60_000);
});
