import { runIssuerMicroPayment, runSmsPayment, SimulatedPhone } from '../../apps/wallet/src/lib/sms-issuer';
import { startSmsIssuerHarness, type SmsIssuerHarness } from './support/sms-issuer-harness';
import { decrease } from './support/money';

jest.setTimeout(60_000);

const ALICE_PHONE = '+4915100000001';

/** Seed 003 through POST /iotp: SMS offer/accept (profile §3.6) and issuer micro-payments (§3.7). */
describe('SMS confirmation and issuer micro-payments through the gateway', () => {
  let ph: SmsIssuerHarness;
  beforeAll(async () => {
    ph = await startSmsIssuerHarness({ smsTtlSecs: 4 });
  });
  afterAll(async () => {
    await ph?.stop();
  });

  const admin = (path: string, body: unknown) =>
    fetch(`${ph.bankUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const card = async (cardRef: string) =>
    (await (await fetch(`${ph.bankUrl}/issuer/cards/${cardRef}`)).json()) as {
      balance: string;
      spentToday: string;
    };

  describe('x-SmsConfirm', () => {
    const sms = (answer: 'YES' | 'NO' | 'none' | 'wrong-then-YES') =>
      runSmsPayment({
        gatewayUrl: ph.gatewayUrl,
        smsOperatorUrl: ph.bankUrl,
        msisdn: ALICE_PHONE,
        amount: '4.20',
        currency: 'EUR',
        answer,
        maxPollWaitMs: 300,
      });

    it('completes on YES k with SMS-Result as the receipt; a wrong code first is ignored', async () => {
      const result = await sms('wrong-then-YES');
      expect(result.processState).toBe('CompletedOk');
      expect(result.receiptVerified).toBe(true);
      expect(result.receiptNameRefs).toEqual(['SMS-Result']);
      expect(result.msisdnMasked).toBe('+49151*****001');
      expect(result.offerRef).toBe(`SO-${result.payId}`);
      const offer = (await new SimulatedPhone(ph.bankUrl, ALICE_PHONE).messages()).find((m) =>
        m.text.includes(result.offerRef!),
      );
      expect(offer?.from).toBe('IOTP-PH');
      expect(offer?.text).toContain('EUR 4.2');
      const names = result.steps.filter((s) => s.direction === '←').map((s) => s.summary);
      expect(names[0]).toContain('SMS-Pending-1');
    });

    it('cancels with ConsCancelled when the phone answers NO k', async () => {
      const result = await sms('NO');
      expect(result.answer.kind).toBe('cancel');
      expect(result.processState).toBe('Failed');
      expect(result.completionCode).toBe('ConsCancelled');
    });

    it('cancels with PaymtCancelled when no reply arrives within the offer TTL', async () => {
      const result = await sms('none');
      expect(result.answer.kind).toBe('cancel');
      expect(result.completionCode).toBe('PaymtCancelled');
      expect(result.statusDesc).toBe('no SMS confirmation in time');
      expect(result.polls).toBeGreaterThan(1);
    });

    it('answers SystemBusy during an SMS network outage; the resent Payment Request then completes, one offer sent', async () => {
      await admin('/sms/admin', { down: true });
      setTimeout(() => void admin('/sms/admin', { down: false }), 700);
      const result = await runSmsPayment({
        gatewayUrl: ph.gatewayUrl,
        smsOperatorUrl: ph.bankUrl,
        msisdn: '+4915100000009',
        amount: '1.00',
        currency: 'EUR',
        answer: 'YES',
        maxPollWaitMs: 300,
        busyWaitMs: 400,
      });
      expect(result.busyRetries).toBeGreaterThan(0);
      expect(result.steps.some((s) => s.summary.includes('SystemBusy'))).toBe(true);
      expect(result.processState).toBe('CompletedOk');
      const offers = await new SimulatedPhone(ph.bankUrl, '+4915100000009').messages();
      expect(offers.filter((m) => m.text.includes(result.offerRef!))).toHaveLength(1);
    });
  });

  describe('x-SmsConfirm, a late SMS operator', () => {
    it('suspends when the operator answers a send late; the resent Payment Request resumes it, one offer sent', async () => {
      await admin('/sms/admin', { latencyMs: 2600 }); // the PH gives up after 2 s: the offer may be out
      setTimeout(() => void admin('/sms/admin', { latencyMs: 0 }), 1500);
      const result = await runSmsPayment({
        gatewayUrl: ph.gatewayUrl,
        smsOperatorUrl: ph.bankUrl,
        msisdn: '+4915100000008',
        amount: '1.10',
        currency: 'EUR',
        answer: 'YES',
        maxPollWaitMs: 300,
        busyWaitMs: 1500,
      });
      expect(result.busyRetries).toBeGreaterThan(0);
      expect(result.processState).toBe('CompletedOk');
      const { rows } = await ph.pool.query<{ type: string }>(
        `SELECT type FROM ${ph.eventStoreSchema}.events WHERE stream_id = $1 ORDER BY stream_revision`,
        [`payment-${result.payId}`],
      );
      expect(rows.map((r) => r.type)).toEqual(
        expect.arrayContaining(['PaymentSuspended', 'PaymentResumed', 'PaymentCompleted']),
      );
      const offers = await new SimulatedPhone(ph.bankUrl, '+4915100000008').messages();
      expect(offers.filter((m) => m.text.includes(result.offerRef!))).toHaveLength(1);
    }, 30_000);
  });

  describe('x-IssuerMicro', () => {
    it('authorises a micro-payment with MP-Result as the receipt and debits the card', async () => {
      const before = await card('CR-ALICE-0001');
      const result = await runIssuerMicroPayment({
        gatewayUrl: ph.gatewayUrl,
        cardRef: 'CR-ALICE-0001',
        amount: '0.05',
        currency: 'EUR',
      });
      expect(result.processState).toBe('CompletedOk');
      expect(result.receiptVerified).toBe(true);
      expect(result.receiptNameRefs).toEqual(['MP-Result']);
      expect(result.authId).toMatch(/^A[0-9A-F]{12}$/);
      const after = await card('CR-ALICE-0001');
      expect(decrease(before.balance, after.balance)).toBe('0.05');
    });

    it('declines an amount over the per-payment limit as Failed/Unspecified', async () => {
      const result = await runIssuerMicroPayment({
        gatewayUrl: ph.gatewayUrl,
        cardRef: 'CR-ALICE-0001',
        amount: '2.01',
        currency: 'EUR',
      });
      expect(result.answer.kind).toBe('response');
      expect(result.processState).toBe('Failed');
      expect(result.completionCode).toBe('Unspecified');
      expect(result.mpStatus).toBe('Unspecified');
    });

    it('declines an insufficient micro balance as Failed/InsuffFunds', async () => {
      const result = await runIssuerMicroPayment({
        gatewayUrl: ph.gatewayUrl,
        cardRef: 'CR-BOB-0001',
        amount: '0.75',
        currency: 'EUR',
      });
      expect(result.processState).toBe('Failed');
      expect(result.completionCode).toBe('InsuffFunds');
      expect((await card('CR-BOB-0001')).balance).toBe('0.5');
    });

    it('answers a retransmission byte-identically and debits once', async () => {
      const before = await card('CR-ALICE-0001');
      const result = await runIssuerMicroPayment({
        gatewayUrl: ph.gatewayUrl,
        cardRef: 'CR-ALICE-0001',
        amount: '0.001',
        currency: 'EUR',
        resends: 2,
      });
      expect(result.processState).toBe('CompletedOk');
      for (const again of result.resent) expect(again.raw.equals(result.answer.raw)).toBe(true);
      const after = await card('CR-ALICE-0001');
      expect(decrease(before.balance, after.balance)).toBe('0.001');
      const { rows } = await ph.pool.query(
        `SELECT count(*)::int AS n FROM ${ph.bankSchema}.issuer_auths WHERE merchant_txn_id = $1`,
        [result.payId],
      );
      expect(rows[0].n).toBe(1);
    });

    it('suspends when the issuer answers late; the retransmitted Payment Request resumes it and debits once', async () => {
      const before = await card('CR-ALICE-0001');
      await admin('/issuer/admin', { latencyMs: 2600 }); // the PH gives up after 2 s
      let result: Awaited<ReturnType<typeof runIssuerMicroPayment>>;
      try {
        result = await runIssuerMicroPayment({
          gatewayUrl: ph.gatewayUrl,
          cardRef: 'CR-ALICE-0001',
          amount: '0.07',
          currency: 'EUR',
        });
        expect(result.errorCode).toBe('SystemBusy');
      } finally {
        await admin('/issuer/admin', { latencyMs: 0 });
      }
      await new Promise((r) => setTimeout(r, 1000)); // the issuer books the late request
      const { rows } = await ph.pool.query<{ type: string }>(
        `SELECT e.type FROM ${ph.eventStoreSchema}.events e WHERE e.stream_id LIKE 'payment-%'
           AND e.stream_id IN (SELECT stream_id FROM ${ph.eventStoreSchema}.events WHERE type = 'PaymentSuspended')
         ORDER BY e.global_position`,
      );
      expect(rows.map((r) => r.type)).toContain('PaymentSuspended');
      const again = await result.session.resend();
      expect(again.kind).toBe('response');
      if (again.kind === 'response') expect(again.block.status.processState).toBe('CompletedOk');
      const after = await card('CR-ALICE-0001');
      expect(decrease(before.balance, after.balance)).toBe('0.07');
    }, 30_000);

    it('answers SystemBusy while the issuer is unreachable', async () => {
      await admin('/issuer/admin', { down: true });
      try {
        const result = await runIssuerMicroPayment({
          gatewayUrl: ph.gatewayUrl,
          cardRef: 'CR-ALICE-0001',
          amount: '0.05',
          currency: 'EUR',
        });
        expect(result.errorCode).toBe('SystemBusy');
        await admin('/issuer/admin', { down: false });
        const again = await result.session.resend();
        expect(again.kind).toBe('response');
      } finally {
        await admin('/issuer/admin', { down: false });
      }
    });
  });
});
