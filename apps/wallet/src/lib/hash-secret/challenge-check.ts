import type { PayExchBlk } from '@ph/iotp';
import {
  checkHsChallenge,
  type AcceptedChallenge,
  type HashSecretCredentials,
  type HsInitOut,
} from '../../schemes/hash-secret';

/** What the wallet sent and was offered, to hold the PH's Payment Exchange against. */
export interface ChallengeContext {
  readonly paymentRef: string;
  readonly consumerPaymentId: string;
  readonly merchantOrgId: string;
  readonly amount: string;
  readonly currency: string;
}

export type ChallengeOutcome =
  | { readonly ok: true; readonly challenge: AcceptedChallenge; readonly payId: string }
  | { readonly ok: false; readonly problem: string; readonly payId?: string };

/**
 * Profile §3.3.8 on P1: PaymentRef, the echoed ConsumerPaymentId and one well-labelled HS-Challenge,
 * then C, M, B, y, u/cur and a_M (the colleague's scheme code). Any failure: no π is computed.
 */
export function checkChallengeExchange(
  creds: HashSecretCredentials,
  init: HsInitOut,
  block: PayExchBlk,
  ctx: ChallengeContext,
): ChallengeOutcome {
  const psd = block.paySchemeData;
  const payId = psd.paymentHandlerPayId;
  const refused = (problem: string): ChallengeOutcome => ({
    ok: false,
    problem,
    ...(payId ? { payId } : {}),
  });
  if (!payId) return refused('PaymentHandlerPayId missing');
  if (psd.paymentRef !== ctx.paymentRef)
    return refused(`PaymentRef ${psd.paymentRef ?? ''} is not ${ctx.paymentRef}`);
  if (psd.consumerPaymentId !== ctx.consumerPaymentId) return refused('ConsumerPaymentId not echoed');
  const contents = psd.packagedContents;
  const pc = contents[0];
  if (contents.length !== 1 || pc.name !== 'HS-Challenge') return refused('not exactly one HS-Challenge');
  if (pc.content !== 'MIME:application/json' || pc.transform !== 'BASE64')
    return refused('HS-Challenge is not MIME:application/json in BASE64');
  const check = checkHsChallenge(creds, init, pc.value, {
    merchantOrgId: ctx.merchantOrgId,
    paymentHandlerPayId: payId,
    amount: ctx.amount,
    currency: ctx.currency,
  });
  return check.ok ? { ok: true, challenge: check.challenge, payId } : refused(check.problem);
}
