import type { PayExchBlk } from '@ph/iotp';
import { buildHsInit, demoCredentials } from '../../schemes/hash-secret';
import { PROFILE_P1 } from '../__fixtures__/profile-6-1';
import { answerOf, C1_NA, editPayload, payloadText } from '../__fixtures__/read-fixture';
import { checkChallengeExchange, type ChallengeContext } from './challenge-check';

const alice = demoCredentials('alice');
const init = buildHsInit(alice, () => Buffer.from(C1_NA, 'hex'));
const context: ChallengeContext = {
  paymentRef: 'M1.20',
  consumerPaymentId: 'CP21906fba3660',
  merchantOrgId: 'demo-merchant.example',
  amount: '12.50',
  currency: 'EUR',
};

const exchangeOf = (xml: string): PayExchBlk => {
  const a = answerOf(xml);
  if (a.kind !== 'exchange') throw new Error(a.kind);
  return a.block;
};
const check = (xml: string, ctx: Partial<ChallengeContext> = {}) =>
  checkChallengeExchange(alice, init, exchangeOf(xml), { ...context, ...ctx });

const challenge = payloadText(PROFILE_P1, 'HS-Challenge');
const withChallenge = (key: string, value: string) =>
  PROFILE_P1.replace(challenge, editPayload(challenge, key, value));

describe(checkChallengeExchange.name, () => {
  it('accepts P1 of profile §6.1 for the C1 it answers', () => {
    expect(check(PROFILE_P1)).toEqual({
      ok: true,
      payId: 'PHW2RHZ07D0Z6M',
      challenge: {
        C: 'alice',
        M: 'demo-merchant.example',
        B: 'demo-bank.example',
        t: '20240501T101530Z-3f38f007',
        y: 'PHW2RHZ07D0Z6M',
        u: '12.5',
        cur: 'EUR',
      },
    });
  });

  it('refuses a wrong a_M', () => {
    const aM = '0dc978175d0c277c7038a4163faad510f550db08138831597eb067a1f76c1575';
    expect(check(withChallenge('aM', aM))).toEqual({
      ok: false,
      problem: 'merchant authentication failed',
      payId: 'PHW2RHZ07D0Z6M',
    });
  });

  it('refuses a_M computed over another n_A (a replayed challenge)', () => {
    const other = buildHsInit(alice, () => Buffer.alloc(32, 7));
    const r = checkChallengeExchange(alice, other, exchangeOf(PROFILE_P1), context);
    expect(r).toMatchObject({ ok: false, problem: 'merchant authentication failed' });
  });

  it('refuses another amount than offered, in the challenge or in the offer', () => {
    expect(check(withChallenge('u', '1.25'))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/\bu\b/),
    });
    expect(check(PROFILE_P1, { amount: '12.51' })).toMatchObject({ ok: false });
    expect(check(PROFILE_P1, { currency: 'USD' })).toMatchObject({ ok: false });
  });

  it('refuses another merchant, customer or bank', () => {
    expect(check(PROFILE_P1, { merchantOrgId: 'evil-merchant.example' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/\bM\b/),
    });
    expect(check(withChallenge('C', 'bob'))).toMatchObject({ ok: false });
    expect(check(withChallenge('B', 'evil-bank.example'))).toMatchObject({ ok: false });
  });

  it('refuses a y other than PaymentHandlerPayId, another PaymentRef, a ConsumerPaymentId not echoed', () => {
    expect(check(withChallenge('y', 'PH000000000001'))).toMatchObject({ ok: false });
    expect(check(PROFILE_P1, { paymentRef: 'M1.21' })).toMatchObject({ ok: false });
    expect(check(PROFILE_P1, { consumerPaymentId: 'CP000000000000' })).toMatchObject({ ok: false });
  });

  it('refuses a malformed HS-Challenge without throwing', () => {
    expect(check(PROFILE_P1.replace(challenge, 'bm90IGpzb24='))).toMatchObject({ ok: false });
    expect(check(PROFILE_P1.replace('Name="HS-Challenge"', 'Name="HS-Other"'))).toMatchObject({ ok: false });
  });
});
