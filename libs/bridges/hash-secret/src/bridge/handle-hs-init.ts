import { minimalDecimal } from '@ph/money';
import type {
  BridgeOutcome,
  PaymentContext,
  SchemePackagedContent,
} from '../../../common/src/payment-bridge';
import { authM } from '../crypto/macs';
import { encodeHsChallenge, HS_CHALLENGE } from '../payloads/hs-challenge';
import { decodeHsInit, HS_INIT, type HsInit } from '../payloads/hs-init';
import { packagedContent, singlePayload } from '../payloads/packaged-content';
import type { HashSecretBridgeDeps } from './bridge-deps';
import { awaitingPayState } from './hash-secret.state';
import { encapProtErr, refuse } from './outcomes';
import { transactionNonce } from './transaction-nonce';

/** HS-Init processing, profile §3.3.5 steps 1–3: check, look up K_CM, answer HS-Challenge. */
export function handleHsInit(
  deps: HashSecretBridgeDeps,
  ctx: PaymentContext,
  schemeIn: readonly SchemePackagedContent[],
): BridgeOutcome {
  let init: HsInit;
  try {
    init = decodeHsInit(singlePayload(schemeIn, HS_INIT));
  } catch (error) {
    return encapProtErr(`HS-Init: ${(error as Error).message}`);
  }

  const merchant = deps.config.merchant(ctx.merchantOrgId);
  const kcm = merchant?.customerKey(init.C);
  if (merchant === undefined || kcm === undefined) {
    return refuse('AuthError', 'customer not enrolled', {});
  }

  let u: string;
  try {
    u = minimalDecimal(ctx.amount);
  } catch {
    // The gateway checks Amount first (profile §2.3 check 8); this guards a caller that did not.
    return {
      kind: 'reject',
      errorCode: 'AttValIllegal',
      severity: 'HardError',
      errorDesc: 'Amount',
      attName: 'Amount',
    };
  }
  const M = merchant.merchantId;
  const t = transactionNonce(ctx.now, deps.randomBytes(4));
  const challenge = {
    C: init.C,
    M,
    B: merchant.bankId,
    t,
    y: ctx.payId,
    u,
    cur: ctx.currency,
    aM: authM(kcm, M, init.C, t, init.nA),
  };
  return {
    kind: 'continue',
    schemeOut: [packagedContent(HS_CHALLENGE, encodeHsChallenge(challenge))],
    state: awaitingPayState({
      C: challenge.C,
      M,
      B: challenge.B,
      t,
      y: challenge.y,
      u,
      cur: challenge.cur,
      nA: init.nA.toString('hex'),
      challengedAt: ctx.now.toISOString(),
    }),
  };
}
