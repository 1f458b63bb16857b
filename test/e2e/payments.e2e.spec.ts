import { Money } from '@ph/money';
import { PaymentSession, runPayment } from '../../apps/wallet/src/lib';
import { startHarness, type Harness } from './support/standalone-harness';

/** Complete hash/secret payments through POST /iotp with the wallet (issue 3, "Done when"). */
describe('hash/secret payments through the gateway', () => {
  let ph: Harness;
  beforeAll(async () => {
    ph = await startHarness();
  });
  afterAll(async () => {
    await ph?.stop();
  });

  const eur = (amount: string) => Money.parse(amount, 'EUR');

  it('completes a payment with a verified, signed receipt and debits the customer once', async () => {
    const before = eur(await ph.balance('alice'));
    const result = await runPayment({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '12.50',
      currency: 'EUR',
    });
    expect(result.processState).toBe('CompletedOk');
    expect(result.receiptVerified).toBe(true);
    expect(result.receiptSignatureVerified).toBe(true);
    expect(result.payId).toMatch(/^PH[0-9A-HJKMNP-TV-Z]{12}$/);
    const after = eur(await ph.balance('alice'));
    expect(before.minus(after).toCanonical()).toBe('12.50');
    expect(result.balance).toBe(after.toCanonical());
  });

  it('declines insufficient funds as Failed/InsuffFunds in the Payment Response Status', async () => {
    const result = await runPayment({
      gatewayUrl: ph.gatewayUrl,
      customer: 'carol',
      amount: '12.50',
      currency: 'EUR',
    });
    expect(result.answer.kind).toBe('response');
    expect(result.processState).toBe('Failed');
    expect(result.completionCode).toBe('InsuffFunds');
    expect(result.hsStatus).toBe('InsuffFunds');
    expect(result.receiptVerified).toBe(true); // A_B and T of the bank's decline verify
    expect(eur(await ph.balance('carol')).isZero()).toBe(true);
  });

  it('answers a wrong customer MAC with Failed/AuthError (BadAC) and charges nothing', async () => {
    const before = await ph.balance('bob');
    const session = new PaymentSession({
      gatewayUrl: ph.gatewayUrl,
      customer: 'bob',
      amount: '1.00',
      currency: 'EUR',
    });
    expect((await session.paymentRequest()).kind).toBe('exchange');
    const result = await session.pay({ tamper: 'aC' });
    expect(result.processState).toBe('Failed');
    expect(result.completionCode).toBe('AuthError');
    expect(result.hsReason).toBe('BadAC');
    expect(await ph.balance('bob')).toBe(before);
  });

  it('records a consumer cancel mid-exchange: 204, inquiry says ConsCancelled, later messages ignored', async () => {
    const session = new PaymentSession({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '5.00',
      currency: 'EUR',
    });
    await session.paymentRequest();
    const cancel = await session.cancel();
    expect(cancel.kind).toBe('no-content');
    expect((await session.resend('last')).kind).toBe('no-content');
    const inquiry = await session.inquire();
    expect(inquiry.status?.processState).toBe('Failed');
    expect(inquiry.status?.completionCode).toBe('ConsCancelled');
    const late = await session.pay();
    expect(late.answer.kind).toBe('no-content');
  });

  it('answers a retransmitted message byte for byte and debits nothing twice', async () => {
    const before = eur(await ph.balance('alice'));
    const session = new PaymentSession({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '7.25',
      currency: 'EUR',
    });
    const p1 = await session.paymentRequest();
    const p1Again = await session.resend('C1');
    expect(p1Again.raw.equals(p1.raw)).toBe(true);
    const result = await session.pay();
    expect(result.processState).toBe('CompletedOk');
    const p2Again = await session.resend('C2');
    expect(p2Again.raw.equals(result.answer.raw)).toBe(true);
    const after = eur(await ph.balance('alice'));
    expect(before.minus(after).toCanonical()).toBe('7.25');
  });

  it('rejects a payment value replayed in a new transaction (bank replay store)', async () => {
    const first = await runPayment({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '2.00',
      currency: 'EUR',
    });
    expect(first.processState).toBe('CompletedOk');
    const before = await ph.balance('alice');
    const replay = new PaymentSession({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '2.00',
      currency: 'EUR',
    });
    await replay.paymentRequest();
    const result = await replay.pay({ reusePiFrom: first.hsPay });
    expect(result.processState).toBe('Failed');
    expect(['Unspecified', 'AuthError']).toContain(result.completionCode);
    expect(await ph.balance('alice')).toBe(before);
  });

  it('answers an inquiry about an unknown transaction with AttValNotRecog', async () => {
    const session = new PaymentSession({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '1.00',
      currency: 'EUR',
    });
    const inquiry = await session.inquire({ processReference: null });
    expect(inquiry.answer.kind).toBe('error');
    if (inquiry.answer.kind !== 'error') return;
    const comp = inquiry.answer.block.errorComps[0];
    expect(comp.errorCode).toBe('AttValNotRecog');
    expect(comp.severity).toBe('HardError');
    expect(comp.locations[0]).toMatchObject({ elementType: 'TransId', attName: 'IotpTransId' });
  });

  it('answers an inquiry after completion with the Status of the Payment Response, copied with its ID', async () => {
    const session = new PaymentSession({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '3.00',
      currency: 'EUR',
    });
    await session.paymentRequest();
    const result = await session.pay();
    const inquiry = await session.inquire();
    expect(inquiry.status?.processState).toBe('CompletedOk');
    if (result.answer.kind !== 'response') throw new Error('expected a Payment Response');
    expect(inquiry.status?.id).toBe(result.answer.block.status.id);
    expect(inquiry.lastReceivedIotpMsgRef).toBe('C2');
    expect(inquiry.lastSentIotpMsgRef).toBe('P2');
  });
});
