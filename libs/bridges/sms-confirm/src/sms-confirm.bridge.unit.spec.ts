import type { PaymentContext } from '../../common/src/payment-bridge';
import {
  decodeSmsPending,
  decodeSmsResult,
  decodeSmsStart,
  encodeSmsPoll,
  encodeSmsStart,
  maskMsisdn,
} from './messages';
import { packagedContent } from './payload';
import { replyCode } from './reply-code';
import { SmsConfirmBridge } from './sms-confirm.bridge';
import { demoSmsConfirmConfig } from './sms-confirm.config';
import {
  SmsOperatorUnavailableError,
  type InboundSms,
  type OutgoingSms,
  type SmsOperator,
} from './sms-operator.port';

const NOW = new Date('2024-05-01T10:16:02Z');
const PHONE = '+4915100000001';
const ctx = (over: Partial<PaymentContext> = {}): PaymentContext => ({
  payId: 'PH000000000042',
  iotpTransId: 'T1',
  brandId: 'x-SmsConfirm',
  protocolId: 'x-SmsConfirm-1.0',
  protocolBrandId: 'SmsConfirm',
  amount: '12.50',
  currency: 'EUR',
  merchantOrgId: 'demo-merchant.example',
  now: NOW,
  ...over,
});

class FakeOperator implements SmsOperator {
  sent: OutgoingSms[] = [];
  replies: InboundSms[] = [];
  down = false;
  /** Sends, then the answer is lost (the PH times out after the offer went out). */
  answerLost = false;
  async send(sms: OutgoingSms) {
    if (this.down) throw new SmsOperatorUnavailableError('down');
    if (!this.sent.some((s) => s.clientRef === sms.clientRef)) this.sent.push(sms);
    if (this.answerLost) throw new SmsOperatorUnavailableError('SMS operator timed out', true);
    return { messageId: 'MT1' };
  }
  async inbox() {
    if (this.down) throw new SmsOperatorUnavailableError('down');
    return this.replies;
  }
  reply(from: string, text: string, at = NOW) {
    this.replies.push({
      messageId: `MO${this.replies.length + 1}`,
      from,
      text,
      receivedAt: at.toISOString(),
    });
  }
}

const config = demoSmsConfirmConfig();
const K = replyCode(config.codeKey, 'PH000000000042');
const start = [packagedContent('SMS-Start', encodeSmsStart({ msisdn: PHONE }))];
const poll = (n: number, ref = 'SO-PH000000000042') => [
  packagedContent(`SMS-Poll-${n}`, encodeSmsPoll(n, ref)),
];
const later = (ms: number) => ctx({ now: new Date(NOW.getTime() + ms) });

async function offered() {
  const op = new FakeOperator();
  const bridge = new SmsConfirmBridge(config, op);
  const out = await bridge.start(ctx(), start);
  if (out.kind !== 'continue') throw new Error(out.kind);
  return { op, bridge, out };
}

describe('SMS confirmation payloads', () => {
  it('round-trips SMS-Start and rejects a number that is not E.164', () => {
    expect(decodeSmsStart(encodeSmsStart({ msisdn: PHONE }))).toEqual({ msisdn: PHONE });
    expect(() => decodeSmsStart(encodeSmsStart({ msisdn: '015100000001' }))).toThrow('"msisdn"');
    expect(Buffer.from(encodeSmsStart({ msisdn: PHONE }), 'base64').toString()).toBe(
      '{"type":"SMS-Start","v":1,"msisdn":"+4915100000001"}',
    );
  });
  it('masks the MSISDN', () => expect(maskMsisdn(PHONE)).toBe('+49151*****001'));
});

describe(SmsConfirmBridge.name, () => {
  it('sends OFFER_SMS with k from the TPOA and answers SMS-Pending-1 without the MSISDN or k in its state', async () => {
    const { op, out } = await offered();
    expect(op.sent).toHaveLength(1);
    expect(op.sent[0]).toMatchObject({ from: 'IOTP-PH', to: PHONE, clientRef: 'SO-PH000000000042' });
    expect(op.sent[0].text).toContain(`YES ${K}`);
    expect(op.sent[0].text).toContain('EUR 12.5');
    expect(out.schemeOut[0].name).toBe('SMS-Pending-1');
    expect(decodeSmsPending(1, out.schemeOut[0].value)).toEqual({
      offerRef: 'SO-PH000000000042',
      msisdnMasked: '+49151*****001',
      expiresAt: '2024-05-01T10:26:02.000Z',
      pollAfterSecs: '2',
    });
    const state = JSON.stringify(out.state);
    expect(state).not.toContain('4915100000001');
    expect(state).not.toContain(K);
  });

  it('stays pending without a reply or with a wrong code or another number; completes on YES k', async () => {
    const { op, bridge, out } = await offered();
    op.reply(PHONE, 'YES WRONG123');
    op.reply('+4915100000002', `YES ${K}`);
    const p2 = await bridge.continue(later(1000), out.state, poll(1));
    expect(p2).toMatchObject({ kind: 'continue' });
    if (p2.kind !== 'continue') return;
    expect(p2.schemeOut[0].name).toBe('SMS-Pending-2');
    op.reply(PHONE, `yes ${K.toLowerCase()}`);
    const end = await bridge.continue(later(2000), p2.state, poll(2));
    expect(end).toMatchObject({ kind: 'end', processState: 'CompletedOk', receiptNameRefs: ['SMS-Result'] });
    if (end.kind === 'end')
      expect(decodeSmsResult(end.schemeOut[0].value).offerRef).toBe('SO-PH000000000042');
  });

  it('refuses with ConsCancelled on NO k, the first valid reply winning', async () => {
    const { op, bridge, out } = await offered();
    op.reply(PHONE, `NO ${K}`, later(500).now);
    op.reply(PHONE, `YES ${K}`, later(600).now);
    expect(await bridge.continue(later(1000), out.state, poll(1))).toMatchObject({
      kind: 'refuse',
      completionCode: 'ConsCancelled',
    });
  });

  it('refuses with PaymtCancelled after the TTL and ignores replies after expiry', async () => {
    const { op, bridge, out } = await offered();
    op.reply(PHONE, `YES ${K}`, later(600_001).now);
    expect(await bridge.continue(later(600_000), out.state, poll(1))).toMatchObject({ kind: 'continue' });
    expect(await bridge.continue(later(600_002), out.state, poll(1))).toMatchObject({
      kind: 'refuse',
      completionCode: 'PaymtCancelled',
      statusDesc: 'no SMS confirmation in time',
    });
  });

  it('answers SystemBusy while the operator is down, and resends the offer only once', async () => {
    const op = new FakeOperator();
    const bridge = new SmsConfirmBridge(config, op);
    op.down = true;
    expect(await bridge.start(ctx(), start)).toMatchObject({ kind: 'transient', errorCode: 'SystemBusy' });
    op.down = false;
    const out = await bridge.start(ctx(), start);
    await bridge.start(ctx(), start);
    expect(op.sent).toHaveLength(1);
    op.down = true;
    if (out.kind === 'continue')
      expect(await bridge.continue(later(1), out.state, poll(1))).toMatchObject({ kind: 'transient' });
  });

  it('rejects a malformed SMS-Start, a wrong poll number or offerRef, and a poll with no offer', async () => {
    const { bridge, out } = await offered();
    expect(await bridge.start(ctx(), [packagedContent('SMS-Start', 'e30=')])).toMatchObject({
      errorCode: 'EncapProtErr',
    });
    expect(await bridge.continue(later(1), out.state, poll(2))).toMatchObject({ errorCode: 'EncapProtErr' });
    expect(await bridge.continue(later(1), out.state, poll(1, 'SO-X'))).toMatchObject({
      errorCode: 'ElInconsistent',
    });
    expect(await bridge.continue(later(1), {}, poll(1))).toMatchObject({ errorCode: 'ElUnexpected' });
  });

  describe('when the operator does not answer a send in time', () => {
    const suspended = async () => {
      const op = new FakeOperator();
      const bridge = new SmsConfirmBridge(config, op);
      op.answerLost = true;
      const out = await bridge.start(ctx(), start);
      if (out.kind !== 'suspend') throw new Error(out.kind);
      op.answerLost = false;
      return { op, bridge, out };
    };

    it('suspends; the state holds no phone number or reply code', async () => {
      const { out } = await suspended();
      expect(out.state).toMatchObject({ step: 'awaiting-send', msisdnMasked: maskMsisdn(PHONE) });
      expect(JSON.stringify(out.state)).not.toContain(PHONE.slice(1));
      expect(JSON.stringify(out.state)).not.toContain(K);
    });

    it("resumes with the Consumer's SMS-Start: the same offer again, sent once, then SMS-Pending-1", async () => {
      const { op, bridge, out } = await suspended();
      const resumed = await bridge.resume(later(5000), out.state, start);
      expect(resumed).toMatchObject({ kind: 'continue', state: { step: 'awaiting-reply', n: '1' } });
      expect(op.sent).toHaveLength(1);
      const other = [packagedContent('SMS-Start', encodeSmsStart({ msisdn: '+4915100000002' }))];
      expect(await bridge.resume(later(5000), out.state, other)).toMatchObject({
        errorCode: 'ElInconsistent',
      });
    });

    it('the janitor keeps it suspended until the offer expires, then cancels it (nothing moved)', async () => {
      const { bridge, out } = await suspended();
      expect(await bridge.resume(later(60_000), out.state, [])).toMatchObject({ kind: 'suspend' });
      expect(await bridge.resume(later(601_000), out.state, [])).toMatchObject({
        kind: 'refuse',
        completionCode: 'PaymtCancelled',
      });
    });
  });
});
