import { PaymentSession } from '../../apps/wallet/src/lib';
import { DEFAULT_JANITOR_POLICY } from '../../apps/payment-worker/src';
import { startHarness, type Harness } from './support/standalone-harness';

/**
 * The pending-payment janitor (issue 5 item 5): a payment whose Consumer never sends the Payment
 * Exchange is closed Failed/TimedOutRcvr after the deadline, through the Payment API, and the
 * Consumer's inquiry reports it. The deadline is shortened to 1 s for the test.
 */
describe('pending-payment janitor', () => {
  let ph: Harness;
  beforeAll(async () => {
    ph = await startHarness({
      janitorPolicy: {
        ...DEFAULT_JANITOR_POLICY,
        firstCheckAfterMs: 0,
        abandonAfterMs: 1000,
        scanIntervalMs: 3_600_000,
      },
    });
  });
  afterAll(async () => {
    await ph?.stop();
  });

  it('closes a payment abandoned after the challenge as Failed/TimedOutRcvr, and the inquiry says so', async () => {
    const session = new PaymentSession({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '1.00',
      currency: 'EUR',
    });
    expect((await session.paymentRequest()).kind).toBe('exchange');
    // Still within its time: the janitor leaves it alone.
    const early = await ph.janitor.tick();
    expect(early.closed).toBe(0);
    expect((await session.inquire()).status?.processState).toBe('InProgress');

    // After the deadline (and once the projector has listed it as pending) the janitor closes it.
    let closed = 0;
    for (let i = 0; i < 100 && closed === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      closed = (await ph.janitor.tick()).closed;
    }
    expect(closed).toBe(1);
    const inquiry = await session.inquire();
    expect(inquiry.status?.processState).toBe('Failed');
    expect(inquiry.status?.completionCode).toBe('TimedOutRcvr');
    // A late Payment Exchange cannot revive it.
    const late = await session.pay();
    expect(late.processState).toBe('Failed');
  });
});
