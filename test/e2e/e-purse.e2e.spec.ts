import { EPurseSession, runEPursePayment } from '../../apps/wallet/src/lib/e-purse';
import { PurseCard } from '../../apps/wallet/src/schemes/e-purse';
import { startEPurseSystem, type EPurseSystem } from './support/e-purse-system';
import { PreciseDecimal } from '@ph/money';
import { increase } from './support/money';

/** GeldKarte-like e-purse purchases through POST /iotp (issue 5 item 3; schemes.md §1, profile §3.5). */
describe('e-purse (GeldKarte) payments through the gateway', () => {
  let sys: EPurseSystem;
  /** One chip for EP-0001 across the tests: its counter must keep rising, as the centre checks it. */
  const ep1 = PurseCard.issue('EP-0001', '200');
  beforeAll(async () => {
    sys = await startEPurseSystem();
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const pay = (card: PurseCard, amount: string) =>
    runEPursePayment({ gatewayUrl: sys.gatewayUrl, card, amount, currency: 'EUR' });
  const merchantCard = async () =>
    (await (await fetch(`${sys.bankUrl}/clearing-centre/merchant-cards/MC-0001`)).json()) as {
      booked: string;
      settled: string;
      openRecords: { idC: string; seqC: string; amount: string }[];
    };

  it('pays: the card authenticates the merchant card, the SAM the purse; receipt verified, booked once', async () => {
    const card = ep1;
    const before = await merchantCard();
    const r = await pay(card, '12.50');
    expect(r.problems).toEqual([]);
    expect(r.processState).toBe('CompletedOk');
    expect(r.receiptVerified).toBe(true);
    expect(r.receiptSignatureVerified).toBe(true);
    expect(card.balance).toBe('187.5');
    expect(card.data.seqC).toBe(1);
    expect(card.data.log[0]).toMatchObject({ seqC: '1', amount: '12.5', party: 'MC-0001' });
    const after = await merchantCard();
    expect(increase(before.booked, after.booked)).toBe('12.5');
  });

  it('declines insufficient purse balance on the card: nothing debited, the PH gets the Cancel', async () => {
    const card = PurseCard.issue('EP-0001', '5');
    const r = await pay(card, '6.00');
    expect(r.processState).toBe('Failed');
    expect(r.completionCode).toBe('InsuffFunds');
    expect(r.answer.kind).toBe('no-content');
    expect(card.balance).toBe('5');
    expect(card.data.seqC).toBe(0);
  });

  it.each([
    ['EP-0002', 'blocked'],
    ['EP-0003', 'expired'],
  ])('refuses %s (%s) before the card is debited: Cancel Block BadInstrument', async (purseId, what) => {
    const card = PurseCard.issue(purseId, '50');
    const r = await pay(card, '1.00');
    expect(r.answer.kind).toBe('cancel');
    expect(r.processState).toBe('Failed');
    expect(r.completionCode).toBe('BadInstrument');
    expect(r.statusDesc).toContain(what);
    expect(card.balance).toBe('50');
  });

  it('declines a purse record with a wrong MAC: Payment Response Failed/AuthError (BadMacC)', async () => {
    const session = new EPurseSession({
      gatewayUrl: sys.gatewayUrl,
      card: PurseCard.issue('EP-0001', '50'),
      amount: '2.00',
      currency: 'EUR',
    });
    const r = await session.pay(await session.paymentRequest(), 'bad-mac');
    expect(r.answer.kind).toBe('response');
    expect([r.processState, r.completionCode, r.reason]).toEqual(['Failed', 'AuthError', 'BadMacC']);
  });

  it('declines a record made for another debit request (unknown nM): Failed/Unspecified', async () => {
    const session = new EPurseSession({
      gatewayUrl: sys.gatewayUrl,
      card: PurseCard.issue('EP-0001', '50'),
      amount: '2.00',
      currency: 'EUR',
    });
    const r = await session.pay(await session.paymentRequest(), 'wrong-nonce');
    expect([r.processState, r.completionCode, r.reason]).toEqual(['Failed', 'Unspecified', 'UnknownNonce']);
  });

  it('declines a replayed card sequence number (counter rolled back): Failed/Unspecified SeqReplayed', async () => {
    const card = PurseCard.issue('EP-0004', '50');
    expect((await pay(card, '1.00')).processState).toBe('CompletedOk');
    card.rewindCounter(1);
    const r = await pay(card, '1.00');
    expect([r.processState, r.completionCode, r.reason, r.statusDesc]).toEqual([
      'Failed',
      'Unspecified',
      'SeqReplayed',
      'card record already used',
    ]);
  });

  it('answers retransmitted messages byte for byte and books the record once', async () => {
    const card = ep1;
    const before = await merchantCard();
    const session = new EPurseSession({ gatewayUrl: sys.gatewayUrl, card, amount: '3.00', currency: 'EUR' });
    const p1 = await session.paymentRequest();
    expect((await session.resend('C1')).raw.equals(p1.raw)).toBe(true);
    const r = await session.pay(p1);
    expect(r.processState).toBe('CompletedOk');
    expect((await session.resend('C2')).raw.equals(r.answer.raw)).toBe(true);
    expect(increase(before.booked, (await merchantCard()).booked)).toBe('3');
  });

  it('answers SystemBusy while the HSM is down and pays once it is back', async () => {
    const card = ep1;
    const session = new EPurseSession({ gatewayUrl: sys.gatewayUrl, card, amount: '4.00', currency: 'EUR' });
    sys.hsm.controls.setOutage('refuse');
    let first;
    try {
      first = await session.paymentRequest();
    } finally {
      sys.hsm.controls.setOutage('none');
    }
    expect(first.kind).toBe('error');
    if (first.kind === 'error') {
      expect(first.block.errorComps[0]).toMatchObject({
        errorCode: 'SystemBusy',
        severity: 'TransientError',
      });
    }
    const again = await session.resend('C1');
    expect(again.kind).toBe('exchange');
    const r = await session.pay(again);
    expect([r.processState, r.reason, r.statusDesc]).toEqual(['CompletedOk', undefined, 'Payment completed']);
    expect(r.receiptVerified).toBe(true);
  });

  it('settles a cut once: the same cut again is answered as resubmitted, its records in a new cut are a double submission', async () => {
    const open = (await merchantCard()).openRecords;
    expect(open.length).toBeGreaterThan(0);
    const total = open.reduce((sum, r) => sum.plus(r.amount), new PreciseDecimal(0)).toFixed();
    const cut = {
      idM: 'MC-0001',
      cutSeq: '1',
      cur: 'EUR',
      total,
      records: open.map((r) => ({ idC: r.idC, seqC: r.seqC })),
    };
    const first = await sys.centre.submitCut(cut);
    expect(first).toMatchObject({ outcome: 'settled', count: open.length, resubmitted: false });
    const again = await sys.centre.submitCut(cut);
    expect(again).toEqual({ ...first, resubmitted: true });
    const double = await sys.centre.submitCut({ ...cut, cutSeq: '2' });
    expect(double).toMatchObject({ outcome: 'rejected', reason: 'DoubleSubmission' });
    const card = await merchantCard();
    expect(card.openRecords).toEqual([]);
    expect(card.settled).toBe(first.outcome === 'settled' ? first.total : 'x');
  });

  it('keeps keys and MAC inputs out of the logs', () => {
    const logs = sys.logLines.join('\n');
    expect(logs).not.toMatch(/e-purse key/);
  });
});

/**
 * A booking the clearing centre makes but answers late (issue 5 item 5): the payment is Suspended with
 * the booking kept; the Consumer's resent debit record resumes it, and the centre's answer is applied
 * once — the record is booked once, the purse debited once.
 */
describe('e-purse payments suspended by a late clearing centre', () => {
  let sys: EPurseSystem;
  beforeAll(async () => {
    sys = await startEPurseSystem({ centreTimeoutMs: 600 });
  });
  afterAll(async () => {
    await sys?.stop();
  });
  const centre = (body: object) =>
    fetch(`${sys.bankUrl}/clearing-centre/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const booked = async () =>
    (
      (await (await fetch(`${sys.bankUrl}/clearing-centre/merchant-cards/MC-0001`)).json()) as {
        booked: string;
      }
    ).booked;
  const eventTypes = async (payId: string) => {
    const { rows } = await sys.pool.query<{ type: string }>(
      `SELECT type FROM ${sys.schemas.eventStore}.events WHERE stream_id = $1 ORDER BY stream_revision`,
      [`payment-${payId}`],
    );
    return rows.map((r) => r.type);
  };

  it('suspends, and the resent debit record resumes it: CompletedOk with a verified receipt, booked once', async () => {
    const card = PurseCard.issue('EP-0001', '100');
    const before = await booked();
    const session = new EPurseSession({ gatewayUrl: sys.gatewayUrl, card, amount: '6.40', currency: 'EUR' });
    const p1 = await session.paymentRequest();
    expect(p1.kind).toBe('exchange');
    expect((await centre({ latencyMs: 1500 })).status).toBe(200);
    let first;
    try {
      first = await session.pay(p1);
    } finally {
      await centre({ latencyMs: 0 });
    }
    expect(first.errorCode ?? first.answer.kind).toBe('SystemBusy');
    expect(await eventTypes(first.payId!)).toContain('PaymentSuspended');
    await new Promise((r) => setTimeout(r, 1200));
    const again = session.resultOf(await session.resend('C2'));
    expect(again).toMatchObject({ processState: 'CompletedOk', receiptVerified: true });
    expect((await eventTypes(first.payId!)).at(-1)).toBe('PaymentCompleted');
    expect(increase(before, await booked())).toBe('6.4');
    expect(card.balance).toBe('93.6');
  }, 30_000);
});
