import type { BridgeOutcome, BridgeState, PaymentContext } from '../../../common/src/payment-bridge';
import {
  ClearingUnavailableError,
  type ClearingBank,
  type ClearingRequest,
  type ClearingResult,
} from '../clearing/clearing-bank.port';
import { verifyClearingRequest } from '../clearing/clearing-request-mac';
import { DEMO_HASH_SECRET_MERCHANT, demoHashSecretConfig } from '../config/demo-hash-secret.config';
import { deriveKcb, deriveKcm, deriveS } from '../crypto/keys';
import { sha256 } from '../crypto/lp';
import { authC, authM, bankAck, confirmation, paymentValue, receiptTicket } from '../crypto/macs';
import { decodeHsBalance } from '../payloads/hs-balance';
import { decodeHsChallenge } from '../payloads/hs-challenge';
import { encodeHsInit } from '../payloads/hs-init';
import { encodeHsPay, type HsPay } from '../payloads/hs-pay';
import { decodeHsResult } from '../payloads/hs-result';
import { encodePayload } from '../payloads/json-payload';
import { packagedContent } from '../payloads/packaged-content';
import { HashSecretBridge } from './hash-secret.bridge';

const M = 'demo-merchant.example';
const B = 'demo-bank.example';
const KMB = Buffer.from(DEMO_HASH_SECRET_MERCHANT.kmbHex, 'hex');

/** The demo customers of profile §3.3.9, keys derived as the wallet does. */
function customer(C: string) {
  const r = sha256(Buffer.from(`IOTP profile 1.0 diskette r of ${C} (DEV ONLY)`));
  const s = deriveS(`${C}-dev-passphrase`, r);
  return { C, kcm: deriveKcm(s, M), kcb: deriveKcb(s, B) };
}
const alice = customer('alice');
const carol = customer('carol');

/** In-memory bank double with the check order of profile §3.3.6 (balances in cents). */
class FakeBank implements ClearingBank {
  readonly balances = new Map<string, number>([
    ['alice', 100_000_000],
    ['carol', 0],
  ]);
  readonly store = new Map<string, { request: string; result: ClearingResult }>();
  down = false;
  /** Books the request, then loses the answer (a time-out after the request went out). */
  answerLost = false;
  calls = 0;

  async clear(q: ClearingRequest): Promise<ClearingResult> {
    this.calls += 1;
    if (this.down) throw new ClearingUnavailableError('clearing bank unreachable');
    if (this.answerLost) {
      await this.book(q);
      throw new ClearingUnavailableError('clearing bank timed out', true);
    }
    return this.book(q);
  }

  private async book(q: ClearingRequest): Promise<ClearingResult> {
    if (!verifyClearingRequest(KMB, q)) return { outcome: 'rejected', reason: 'MerchantAuth' };
    const stored = this.store.get(q.pi);
    if (stored)
      return stored.request === JSON.stringify(q)
        ? stored.result
        : { outcome: 'rejected', reason: 'PiReplayed' };
    const account = [alice, carol].find((c) => c.C === q.C);
    const pi = Buffer.from(q.pi, 'hex');
    const expected = account && paymentValue(account.kcb, { ...q, B, nC: Buffer.from(q.nC, 'hex') });
    if (!account || !expected!.equals(pi)) return { outcome: 'rejected', reason: 'BadPi' };
    const cents = Math.round(Number(q.u) * 100);
    const balance = this.balances.get(q.C)!;
    const status = balance >= cents ? 'CompletedOk' : 'InsuffFunds';
    const after = status === 'CompletedOk' ? balance - cents : balance;
    this.balances.set(q.C, after);
    const result: ClearingResult = {
      outcome: 'answered',
      status,
      AB: bankAck(account.kcb, pi, status).toString('hex'),
      balance: String(after / 100),
      cur: q.cur,
    };
    this.store.set(q.pi, { request: JSON.stringify(q), result });
    return result;
  }
}

const NOW = new Date('2024-05-01T10:16:02Z');
const ctx = (over: Partial<PaymentContext> = {}): PaymentContext => ({
  payId: 'PH000000000042',
  iotpTransId: 'tx-1@demo-merchant.example',
  brandId: 'x-DemoHashPay',
  protocolId: 'x-HashSecret-1.0',
  protocolBrandId: 'DemoHashPay',
  amount: '12.50',
  currency: 'EUR',
  merchantOrgId: M,
  now: NOW,
  ...over,
});
const nA = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const nC = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
const fixedRandom = (size: number) => Buffer.from('0000002a'.repeat(size).slice(0, size * 2), 'hex');
const init = (C: string) => [packagedContent('HS-Init', encodeHsInit({ C, nA }))];

function setup() {
  const bank = new FakeBank();
  return { bank, bridge: new HashSecretBridge(demoHashSecretConfig(), bank, fixedRandom) };
}

async function challenged(bridge: HashSecretBridge, who = alice, c = ctx()) {
  const out = await bridge.start(c, init(who.C));
  if (out.kind !== 'continue') throw new Error(`expected continue, got ${out.kind}`);
  return out;
}

/** The wallet's HS-Pay for a challenge state, with optional tampering. */
function hsPay(state: BridgeState, who = alice, tamper: Partial<HsPay> = {}): HsPay {
  const { C, t, y, u, cur } = state as Record<string, string>;
  const pi = paymentValue(who.kcb, { C, M, B, t, y, u, cur, nC });
  return {
    C,
    t,
    y,
    u,
    cur,
    aC: authC(who.kcm, C, M, t),
    nC,
    pi,
    o: confirmation(who.kcm, t, y, u, cur, nC, pi),
    ...tamper,
  };
}
const asIn = (pay: HsPay) => [packagedContent('HS-Pay', encodeHsPay(pay))];
const ended = (out: BridgeOutcome) => {
  if (out.kind !== 'end') throw new Error(`expected end, got ${out.kind}`);
  return { ...out, result: decodeHsResult(out.schemeOut[0].value) };
};

describe(HashSecretBridge.name, () => {
  describe('When HS-Init arrives', () => {
    it('answers the HS-Challenge of profile §5.3 and keeps no key in its state', async () => {
      const { bridge } = setup();
      const out = await challenged(bridge);
      expect(out.schemeOut).toEqual([
        {
          name: 'HS-Challenge',
          content: 'MIME:application/json',
          transform: 'BASE64',
          value:
            'eyJ0eXBlIjoiSFMtQ2hhbGxlbmdlIiwidiI6MSwiQyI6ImFsaWNlIiwiTSI6ImRlbW8tbWVyY2hhbnQuZXhhbXBsZSIsIkIiOiJkZW1vLWJhbmsuZXhhbXBsZSIsInQiOiIyMDI0MDUwMVQxMDE2MDJaLTAwMDAwMDJhIiwieSI6IlBIMDAwMDAwMDAwMDQyIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJhTSI6IjU5ZjE1N2VhYzhjZmI5NzEwMDk1MjBhNjFhOGJlM2MzZWVhZDZhMDMwNDZlZjg3M2FlN2Q1NGY5YzY3NmYwOTAifQ==',
        },
      ]);
      expect(out.state).toMatchObject({
        C: 'alice',
        t: '20240501T101602Z-0000002a',
        y: 'PH000000000042',
        u: '12.5',
      });
      const text = JSON.stringify(out.state);
      for (const key of [alice.kcm, alice.kcb, KMB]) expect(text).not.toContain(key.toString('hex'));
    });

    it('makes a fresh nonce t of the form <yyyymmdd>T<hhmmss>Z-<8 hex>', async () => {
      const bridge = new HashSecretBridge(demoHashSecretConfig(), new FakeBank());
      const a = decodeHsChallenge((await challenged(bridge)).schemeOut[0].value);
      const b = decodeHsChallenge((await challenged(bridge)).schemeOut[0].value);
      expect(a.t).toMatch(/^20240501T101602Z-[0-9a-f]{8}$/);
      expect(a.t).not.toBe(b.t);
      expect(a.aM).toEqual(authM(alice.kcm, M, 'alice', a.t, nA));
    });

    it.each([
      ['no PackagedContent', []],
      ['two PackagedContents', [...init('alice'), ...init('alice')]],
      ['another name', [packagedContent('HS-Pay', encodeHsInit({ C: 'alice', nA }))]],
      ['another Content', [{ ...init('alice')[0], content: 'PCDATA' }]],
      ['a bad payload', [packagedContent('HS-Init', encodePayload({ type: 'HS-Init', v: 1, C: 'alice' }))]],
    ])('rejects %s with EncapProtErr HardError and no state', async (_, schemeIn) => {
      const { bridge } = setup();
      expect(await bridge.start(ctx(), schemeIn)).toMatchObject({
        kind: 'reject',
        errorCode: 'EncapProtErr',
        severity: 'HardError',
      });
    });

    it('refuses a customer not enrolled with AuthError', async () => {
      const { bridge } = setup();
      expect(await bridge.start(ctx(), init('mallory'))).toEqual({
        kind: 'refuse',
        completionCode: 'AuthError',
        statusDesc: 'customer not enrolled',
        state: {},
      });
      expect(await bridge.start(ctx({ merchantOrgId: 'other.example' }), init('alice'))).toMatchObject({
        kind: 'refuse',
        completionCode: 'AuthError',
      });
    });
  });

  describe('When HS-Pay arrives (profile §3.3.7)', () => {
    it('pays: CompletedOk with AB, T, HS-Balance and the receipt names', async () => {
      const { bridge, bank } = setup();
      const { state } = await challenged(bridge);
      const out = ended(await bridge.continue(ctx(), state, asIn(hsPay(state))));
      expect(out).toMatchObject({ processState: 'CompletedOk', statusDesc: 'Payment completed' });
      expect(out.completionCode).toBeUndefined();
      expect(out.receiptNameRefs).toEqual(['HS-Pay', 'HS-Result']);
      // §5.3's exact HS-Result and HS-Balance (the fixed inputs of §5.1).
      expect(out.schemeOut[0].value).toBe(
        'eyJ0eXBlIjoiSFMtUmVzdWx0IiwidiI6MSwieSI6IlBIMDAwMDAwMDAwMDQyIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJzdGF0dXMiOiJDb21wbGV0ZWRPayIsIkFCIjoiZTZjZWQwMzQ3OWM3ODBkNzdhYTZkNWNkY2FiMDhhMTNjZWJlZjVkOTZlNDViZThjODMzZDE2ZTU5MmVhMTE4YyIsIlQiOiJjZTc1YjcxODNhYjliZGFkM2JjODMwODU4ZDM3NjQ0YjE4NDcyZGZkOTQ0NDdjYWE3NWMwZmEwY2I2MGQ4YWZmIn0=',
      );
      expect(out.notes).toEqual([
        {
          name: 'HS-Balance',
          content: 'MIME:application/json',
          transform: 'BASE64',
          value:
            'eyJ0eXBlIjoiSFMtQmFsYW5jZSIsInYiOjEsIkMiOiJhbGljZSIsImJhbGFuY2UiOiI5OTk5ODcuNSIsImN1ciI6IkVVUiJ9',
        },
      ]);
      expect(bank.balances.get('alice')).toBe(99_998_750);
      expect(JSON.stringify(out.state)).not.toContain(alice.kcm.toString('hex'));
    });

    it('declines: Failed / InsuffFunds with AB, T and HS-Balance, no receipt', async () => {
      const { bridge } = setup();
      const { state } = await challenged(bridge, carol);
      const pay = hsPay(state, carol);
      const out = ended(await bridge.continue(ctx(), state, asIn(pay)));
      expect(out).toMatchObject({
        processState: 'Failed',
        completionCode: 'InsuffFunds',
        statusDesc: 'Insufficient funds',
      });
      expect(out.receiptNameRefs).toBeUndefined();
      const ab = bankAck(carol.kcb, pay.pi, 'InsuffFunds');
      expect(out.result).toMatchObject({ status: 'InsuffFunds', ack: { AB: ab } });
      expect(out.result.ack!.T).toEqual(receiptTicket(carol.kcm, pay.y, pay.u, pay.cur, nC, ab));
      expect(out.result.reason).toBeUndefined();
      expect(decodeHsBalance(out.notes![0].value)).toEqual({ C: 'carol', balance: '0', cur: 'EUR' });
    });

    it.each([
      ['a_C', 'BadAC', { aC: Buffer.alloc(32, 1) }],
      ['o', 'BadO', { o: Buffer.alloc(32, 2) }],
      ['π', 'BadPi', { pi: Buffer.alloc(32, 3) }],
    ] as const)('fails a wrong %s with AuthError (%s), no AB/T, no balance', async (_, reason, tamper) => {
      const { bridge, bank } = setup();
      const { state } = await challenged(bridge);
      let pay = hsPay(state, alice, tamper);
      // A wrong π keeps o consistent with it, so only the bank can notice.
      if (reason === 'BadPi')
        pay = { ...pay, o: confirmation(alice.kcm, pay.t, pay.y, pay.u, pay.cur, nC, pay.pi) };
      const out = ended(await bridge.continue(ctx(), state, asIn(pay)));
      expect(out).toMatchObject({ processState: 'Failed', completionCode: 'AuthError' });
      expect(out.result).toEqual({ y: pay.y, u: '12.5', cur: 'EUR', status: 'AuthError', reason });
      expect(out.notes).toBeUndefined();
      expect(out.receiptNameRefs).toBeUndefined();
      expect(bank.calls).toBe(reason === 'BadPi' ? 1 : 0);
    });

    it('fails a π already used in another transaction with Unspecified (PiReplayed)', async () => {
      const { bridge, bank } = setup();
      const first = await challenged(bridge);
      const pay = hsPay(first.state);
      await bridge.continue(ctx(), first.state, asIn(pay));
      // Same π, but an attacker's new session: the other fields change the request, so it is a replay.
      const second = await challenged(bridge, alice, ctx({ payId: 'PH000000000043' }));
      const replay = hsPay(second.state, alice, { pi: pay.pi });
      const o = confirmation(alice.kcm, replay.t, replay.y, replay.u, replay.cur, nC, pay.pi);
      const out = ended(await bridge.continue(ctx(), second.state, asIn({ ...replay, o })));
      expect(out).toMatchObject({
        processState: 'Failed',
        completionCode: 'Unspecified',
        statusDesc: 'Payment value already used',
      });
      expect(out.result).toMatchObject({ status: 'Unspecified', reason: 'PiReplayed' });
      expect(out.result.ack).toBeUndefined();
      expect(bank.balances.get('alice')).toBe(99_998_750);
    });

    it('cancels with PaymtCancelled when the challenge is older than 300 s (300 s is still fine)', async () => {
      const { bridge } = setup();
      const { state } = await challenged(bridge);
      const late = ctx({ now: new Date(NOW.getTime() + 300_001) });
      expect(await bridge.continue(late, state, asIn(hsPay(state)))).toMatchObject({
        kind: 'refuse',
        completionCode: 'PaymtCancelled',
        statusDesc: 'challenge expired',
      });
      const onTime = ctx({ now: new Date(NOW.getTime() + 300_000) });
      expect(await bridge.continue(onTime, state, asIn(hsPay(state)))).toMatchObject({
        kind: 'end',
        processState: 'CompletedOk',
      });
    });

    it.each([['C'], ['t'], ['y'], ['u'], ['cur']] as const)(
      'rejects %s differing from the challenge with ElInconsistent HardError',
      async (key) => {
        const { bridge, bank } = setup();
        const { state } = await challenged(bridge);
        const other = { C: 'carol', t: '20240501T101602Z-ffffffff', y: 'PH999', u: '12.51', cur: 'USD' }[key];
        const out = await bridge.continue(ctx(), state, asIn(hsPay(state, alice, { [key]: other })));
        expect(out).toMatchObject({ kind: 'reject', errorCode: 'ElInconsistent', severity: 'HardError' });
        expect(bank.calls).toBe(0);
      },
    );

    it('rejects a malformed HS-Pay with EncapProtErr HardError', async () => {
      const { bridge } = setup();
      const { state } = await challenged(bridge);
      const bad = [packagedContent('HS-Pay', encodePayload({ type: 'HS-Pay', v: 1, C: 'alice' }))];
      expect(await bridge.continue(ctx(), state, bad)).toMatchObject({
        kind: 'reject',
        errorCode: 'EncapProtErr',
        severity: 'HardError',
      });
      expect(await bridge.continue(ctx(), state, init('alice'))).toMatchObject({ errorCode: 'EncapProtErr' });
    });

    it('answers SystemBusy (MinRetrySecs 5) while the bank is unreachable, then clears the identical request once', async () => {
      const { bridge, bank } = setup();
      const { state } = await challenged(bridge);
      const input = asIn(hsPay(state));
      bank.down = true;
      expect(await bridge.continue(ctx(), state, input)).toEqual({
        kind: 'transient',
        errorCode: 'SystemBusy',
        errorDesc: 'clearing bank unavailable',
        minRetrySecs: 5,
      });
      bank.down = false;
      const first = await bridge.continue(ctx(), state, input);
      const again = await bridge.continue(ctx(), state, input); // bank answers the retry from its store
      expect(first).toMatchObject({ kind: 'end', processState: 'CompletedOk' });
      expect(again).toEqual(first);
      expect(bank.balances.get('alice')).toBe(99_998_750);
    });

    it('suspends when the bank does not answer in time, and a resumption applies the late answer once', async () => {
      const { bridge, bank } = setup();
      const { state } = await challenged(bridge);
      const input = asIn(hsPay(state));
      bank.answerLost = true;
      const suspended = await bridge.continue(ctx(), state, input);
      expect(suspended).toMatchObject({
        kind: 'suspend',
        minRetrySecs: 5,
        state: { step: 'awaiting-clearing' },
      });
      expect(bank.balances.get('alice')).toBe(99_998_750); // booked, answer lost
      if (suspended.kind !== 'suspend') throw new Error('not suspended');
      expect(JSON.stringify(suspended.state)).not.toContain(alice.kcm.toString('hex'));
      bank.answerLost = false;
      // Much later than the challenge's 300 s: the bank may have booked, so no expiry check now.
      const later = ctx({ now: new Date(NOW.getTime() + 3_600_000) });
      const byConsumer = await bridge.resume(later, suspended.state, input);
      const byJanitor = await bridge.resume(later, suspended.state, []);
      expect(byConsumer).toMatchObject({ kind: 'end', processState: 'CompletedOk' });
      expect(byJanitor).toEqual(byConsumer);
      expect(bank.balances.get('alice')).toBe(99_998_750);
    });

    it('stays suspended while the bank still does not answer; refuses a different HS-Pay on resumption', async () => {
      const { bridge, bank } = setup();
      const { state } = await challenged(bridge);
      bank.answerLost = true;
      const suspended = await bridge.continue(ctx(), state, asIn(hsPay(state)));
      if (suspended.kind !== 'suspend') throw new Error('not suspended');
      expect(await bridge.resume(ctx(), suspended.state, [])).toMatchObject({ kind: 'suspend' });
      bank.answerLost = false;
      const other = asIn(hsPay(state, alice, { nC: Buffer.alloc(32, 7) }));
      expect(await bridge.resume(ctx(), suspended.state, other)).toMatchObject({
        errorCode: 'ElInconsistent',
      });
    });

    it('answers SystemBusy when the bank does not accept the merchant', async () => {
      const { bridge, bank } = setup();
      const { state } = await challenged(bridge);
      bank.clear = async () => ({ outcome: 'rejected', reason: 'MerchantAuth' });
      expect(await bridge.continue(ctx(), state, asIn(hsPay(state)))).toMatchObject({
        kind: 'transient',
        errorCode: 'SystemBusy',
      });
    });

    it('rejects HS-Pay when no attempt awaits it', async () => {
      const { bridge } = setup();
      expect(
        await bridge.continue(ctx(), {}, asIn(hsPay({ C: 'alice', t: 't', y: 'y', u: '1', cur: 'EUR' }))),
      ).toMatchObject({
        kind: 'reject',
        errorCode: 'ElUnexpected',
      });
    });
  });
});
