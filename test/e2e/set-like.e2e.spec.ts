import { SetLikeSession, runSetLikePayment } from '../../apps/wallet/src/lib/set-like';
import { ChipCard, DEMO_CHIP_CARDS } from '../../apps/wallet/src/schemes/set-like';
import { startSetLikeSystem, type SetLikeSystem } from './support/set-like-system';

const VISA = { pan: '4111111111111111', expiry: '2030-12' };
const INSUFFICIENT = { pan: '4000000000009995', expiry: '2030-12' };
const EXPIRED = { pan: '4000000000000069', expiry: '2020-01' };
const MASTERCARD = { pan: '5555555555554444', expiry: '2030-12' };
const VISA_CHIP = DEMO_CHIP_CARDS.find((c) => c.cvn === 'visa-cvn10')!;
const MC_CHIP = DEMO_CHIP_CARDS.find((c) => c.cvn === 'mchip')!;
const FULL_PANS = [VISA, INSUFFICIENT, EXPIRED, MASTERCARD, VISA_CHIP, MC_CHIP].map((c) => c.pan);

/** SET-like card payments through POST /iotp (issue 5 item 2; schemes.md §6, profile §3.4). */
describe('SET-like card payments through the gateway', () => {
  let sys: SetLikeSystem;
  beforeAll(async () => {
    sys = await startSetLikeSystem({ acquirerTimeoutMs: 700 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const available = async (cardId: string) => {
    const { rows } = await sys.pool.query(
      `SELECT available_minor::text AS a FROM ${sys.schemas.acquirer}.cards WHERE card_id = $1`,
      [cardId],
    );
    return BigInt((rows[0] as { a: string }).a);
  };
  const admin = (path: string, body: object) =>
    fetch(`${sys.acquirerUrl}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('pays with VISA: CompletedOk, PRes verified and named by PayReceiptNameRefs, signed receipt, amount held once', async () => {
    const before = await available('visa-approved');
    const result = await runSetLikePayment({
      gatewayUrl: sys.gatewayUrl,
      card: VISA,
      amount: '12.50',
      currency: 'EUR',
      brand: 'VISA',
    });
    expect(result.problems).toEqual([]);
    expect(result.processState).toBe('CompletedOk');
    expect(result.receiptVerified).toBe(true);
    expect(result.receiptSignatureVerified).toBe(true);
    expect(result.pres).toMatchObject({
      completionCode: 'capturePerformed',
      authCode: 'approved',
      capCode: 'success',
    });
    expect(before - (await available('visa-approved'))).toBe(1250n);
  });

  it('declines insufficient funds: Payment Response Failed/PaymentDecl with the PRes', async () => {
    const result = await runSetLikePayment({
      gatewayUrl: sys.gatewayUrl,
      card: INSUFFICIENT,
      amount: '12.50',
      currency: 'EUR',
      brand: 'VISA',
    });
    expect(result.answer.kind).toBe('response');
    expect(result.processState).toBe('Failed');
    expect(result.completionCode).toBe('PaymentDecl');
    expect(result.statusDesc).toBe('declined');
    expect(result.pres).toMatchObject({
      ok: true,
      completionCode: 'orderRejected',
      respReason: 'insufficient funds',
    });
  });

  it('declines an expired card with PaymentDecl / expiredCard', async () => {
    const result = await runSetLikePayment({
      gatewayUrl: sys.gatewayUrl,
      card: EXPIRED,
      amount: '3.00',
      currency: 'EUR',
      brand: 'VISA',
    });
    expect(result.processState).toBe('Failed');
    expect(result.completionCode).toBe('PaymentDecl');
    expect(result.statusDesc).toBe('expiredCard');
    expect(result.pres?.ok).toBe(true);
  });

  it('pays with MasterCard', async () => {
    const result = await runSetLikePayment({
      gatewayUrl: sys.gatewayUrl,
      card: MASTERCARD,
      amount: '20',
      currency: 'EUR',
      brand: 'MasterCard',
    });
    expect(result.problems).toEqual([]);
    expect(result.processState).toBe('CompletedOk');
    expect(result.receiptVerified).toBe(true);
  });

  it('refuses a MasterCard credential when VISA was selected: Error Block HardError at BrandId, nothing authorised', async () => {
    const before = await available('mc-approved');
    const result = await runSetLikePayment({
      gatewayUrl: sys.gatewayUrl,
      card: MASTERCARD,
      amount: '5.00',
      currency: 'EUR',
      brand: 'VISA',
    });
    expect(result.answer.kind).toBe('error');
    expect(result.errorCode).toBe('ElInconsistent');
    expect(result.severity).toBe('HardError');
    expect(await available('mc-approved')).toBe(before);
  });

  it('answers SystemBusy on an acquirer time-out; the retransmitted PReq completes with a single authorisation', async () => {
    await admin('/admin/cards/visa-approved', { delayMs: 1500 });
    try {
      const before = await available('visa-approved');
      const session = new SetLikeSession({
        gatewayUrl: sys.gatewayUrl,
        card: VISA,
        amount: '7.25',
        currency: 'EUR',
      });
      const first = await session.pay(await session.paymentRequest());
      expect(first.errorCode).toBe('SystemBusy');
      expect(first.severity).toBe('TransientError');
      await new Promise((r) => setTimeout(r, 1200)); // the late AuthRes is stored by the acquirer
      const again = session.resultOf(await session.resend('C2'));
      expect(again.processState).toBe('CompletedOk');
      expect(again.receiptVerified).toBe(true);
      expect(before - (await available('visa-approved'))).toBe(725n);
      const { rows } = await sys.pool.query(
        `SELECT count(*)::int AS n FROM ${sys.schemas.acquirer}.messages WHERE kind = 'AuthReq' AND response->>'XID' IN
           (SELECT xid FROM ${sys.schemas.acquirer}.authorizations WHERE amount_minor = 725)`,
      );
      expect((rows[0] as { n: number }).n).toBe(1);
    } finally {
      await admin('/admin/cards/visa-approved', { delayMs: 0 });
    }
  });

  it('answers a retransmitted message byte for byte and authorises once', async () => {
    const before = await available('visa-approved');
    const session = new SetLikeSession({
      gatewayUrl: sys.gatewayUrl,
      card: VISA,
      amount: '2.00',
      currency: 'EUR',
    });
    const p1 = await session.paymentRequest();
    expect((await session.resend('C1')).raw.equals(p1.raw)).toBe(true);
    const result = await session.pay(p1);
    expect(result.processState).toBe('CompletedOk');
    expect((await session.resend('C2')).raw.equals(result.answer.raw)).toBe(true);
    expect(before - (await available('visa-approved'))).toBe(200n);
  });

  it('pays with a chip card: the acquirer verifies the ARQC through the HSM, the wallet verifies the ARPC', async () => {
    for (const profile of [VISA_CHIP, MC_CHIP]) {
      const chip = new ChipCard(profile);
      const result = await runSetLikePayment({
        gatewayUrl: sys.gatewayUrl,
        card: { pan: profile.pan, expiry: '2030-12' },
        amount: '12.50',
        currency: 'EUR',
        brand: profile.cvn === 'mchip' ? 'MasterCard' : 'VISA',
        chip,
      });
      expect(result.problems).toEqual([]);
      expect(result.processState).toBe('CompletedOk');
      expect(result.receiptVerified).toBe(true);
      expect(result.pres).toMatchObject({
        authCode: 'approved',
        issuerAuthData: expect.stringMatching(/3030$/),
      });
      expect(result.chip).toMatchObject({ atc: 1, cvn: profile.cvn, arpc: 'verified', arc: '00' });
      expect(chip.atc).toBe(1);
    }
    expect(sys.hsm.controls.snapshot().processed.KQ).toBeGreaterThanOrEqual(2);
  });

  it('declines a chip card whose ARQC is wrong: Failed/PaymentDecl with the PRes, no ARPC', async () => {
    const before = await available('visa-chip');
    const result = await runSetLikePayment({
      gatewayUrl: sys.gatewayUrl,
      card: { pan: VISA_CHIP.pan, expiry: '2030-12' },
      amount: '4.00',
      currency: 'EUR',
      brand: 'VISA',
      chip: new ChipCard(VISA_CHIP, 1),
      tamperArqc: true,
    });
    expect(result.answer.kind).toBe('response');
    expect(result.processState).toBe('Failed');
    expect(result.completionCode).toBe('PaymentDecl');
    expect(result.statusDesc).toBe('declined');
    expect(result.pres).toMatchObject({
      ok: true,
      completionCode: 'orderRejected',
      respReason: expect.stringMatching(/^cryptogramFailure/),
    });
    expect(result.pres?.issuerAuthData).toBeUndefined();
    expect(result.chip).toMatchObject({ atc: 2, arpc: 'absent' });
    expect(await available('visa-chip')).toBe(before);
  });

  it('answers SystemBusy for a chip card while the HSM is down, never approving it unchecked', async () => {
    sys.hsm.controls.setOutage('refuse');
    await sys.hsm.server.settled();
    try {
      const result = await runSetLikePayment({
        gatewayUrl: sys.gatewayUrl,
        card: { pan: MC_CHIP.pan, expiry: '2030-12' },
        amount: '1.00',
        currency: 'EUR',
        brand: 'MasterCard',
        chip: new ChipCard(MC_CHIP, 1),
      });
      expect(result.errorCode).toBe('SystemBusy');
      expect(result.processState).not.toBe('CompletedOk');
    } finally {
      sys.hsm.controls.setOutage('none');
      await sys.hsm.server.settled();
    }
  });

  it('keeps full card numbers out of the logs, the event store and the acquirer tables', async () => {
    const logs = sys.logLines.join('\n');
    const events = await sys.pool.query(`SELECT * FROM ${sys.schemas.eventStore}.events`);
    expect(events.rows.length).toBeGreaterThan(0);
    const tables = await Promise.all(
      ['cards', 'authorizations', 'messages'].map((t) =>
        sys.pool.query(`SELECT * FROM ${sys.schemas.acquirer}.${t}`),
      ),
    );
    const dump = [logs, JSON.stringify(events.rows), ...tables.map((t) => JSON.stringify(t.rows))].join('\n');
    for (const pan of FULL_PANS) expect(dump).not.toContain(pan);
  });
});
