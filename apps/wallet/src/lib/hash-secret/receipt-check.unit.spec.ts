import { buildHsInit, demoCredentials } from '../../schemes/hash-secret';
import { PROFILE_C1, PROFILE_C2, PROFILE_P1, PROFILE_P2 } from '../__fixtures__/profile-6-1';
import { answerOf, C1_NA, GATEWAY, parseXml, payloadText } from '../__fixtures__/read-fixture';
import { DemoMerchant } from '../merchant/demo-merchant';
import { checkChallengeExchange } from './challenge-check';
import { checkPaymentResponse } from './receipt-check';

const alice = demoCredentials('alice');
const merchant = new DemoMerchant({ gatewayUrl: GATEWAY });

/** The wallet's state after C2 of profile §6.1: the accepted challenge and the π it sent. */
function afterC2() {
  const p1 = answerOf(PROFILE_P1);
  if (p1.kind !== 'exchange') throw new Error(p1.kind);
  const ctx = {
    paymentRef: 'M1.20',
    consumerPaymentId: 'CP21906fba3660',
    merchantOrgId: 'demo-merchant.example',
    amount: '12.50',
    currency: 'EUR',
  };
  const accepted = checkChallengeExchange(
    alice,
    buildHsInit(alice, () => Buffer.from(C1_NA, 'hex')),
    p1.block,
    ctx,
  );
  if (!accepted.ok) throw new Error(accepted.problem);
  const hsPay = JSON.parse(Buffer.from(payloadText(PROFILE_C2, 'HS-Pay'), 'base64').toString('utf8'));
  const proof = {
    t: hsPay.t,
    y: hsPay.y,
    u: hsPay.u,
    cur: hsPay.cur,
    nC: Buffer.from(hsPay.nC, 'hex'),
    pi: Buffer.from(hsPay.pi, 'hex'),
  };
  return { challenge: accepted.challenge, proof, ctx };
}

function check(p2: string, signedPayReceipt = true) {
  const { challenge, proof, ctx } = afterC2();
  const answer = answerOf(p2);
  if (answer.kind !== 'response') throw new Error(answer.kind);
  const signature = merchant.verifyReceiptSignature({
    response: answer.message,
    sent: [parseXml(PROFILE_C1), parseXml(PROFILE_C2)],
  });
  return checkPaymentResponse({
    creds: alice,
    challenge,
    proof,
    block: answer.block,
    paymentRef: ctx.paymentRef,
    consumerPaymentId: ctx.consumerPaymentId,
    signedPayReceipt,
    signature,
  });
}

describe(checkPaymentResponse.name, () => {
  it('verifies P2 of profile §6.1: A_B, T, PayReceipt, signature, balance', () => {
    const r = check(PROFILE_P2);
    expect(r).toMatchObject({
      receiptVerified: true,
      receiptSignatureVerified: true,
      balance: { amount: '999987.50', currency: 'EUR' },
      problems: [],
    });
    expect(r.hs?.ack).toMatchObject({ abValid: true, tValid: true });
  });

  it('refuses P2 with one byte of T changed (and so its signature)', () => {
    const result = payloadText(PROFILE_P2, 'HS-Result');
    const json = Buffer.from(result, 'base64').toString('utf8').replace('"T":"b478', '"T":"b479');
    const r = check(PROFILE_P2.replace(result, Buffer.from(json, 'utf8').toString('base64')));
    expect(r.receiptVerified).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining(['T does not verify']));
    expect(r.receiptSignatureVerified).toBe(false);
  });

  it('refuses a CompletedOk without the PayReceipt naming HS-Pay and HS-Result', () => {
    const r = check(
      PROFILE_P2.replace('PayReceiptNameRefs="HS-Pay HS-Result"', 'PayReceiptNameRefs="HS-Result"'),
      false,
    );
    expect(r.receiptVerified).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/PayReceiptNameRefs/)]));
  });

  it('does not need the signature when SignedPayReceipt is False', () => {
    const unsigned = PROFILE_P2.replace(/<IotpSignatures[\s\S]*<\/IotpSignatures>\n/, '');
    const { challenge, proof, ctx } = afterC2();
    const answer = answerOf(unsigned);
    if (answer.kind !== 'response') throw new Error(answer.kind);
    const r = checkPaymentResponse({
      creds: alice,
      challenge,
      proof,
      block: answer.block,
      paymentRef: ctx.paymentRef,
      consumerPaymentId: ctx.consumerPaymentId,
      signedPayReceipt: false,
      signature: undefined,
    });
    expect(r).toMatchObject({ receiptVerified: true, receiptSignatureVerified: false });
  });
});
