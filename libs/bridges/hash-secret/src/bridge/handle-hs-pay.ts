import type {
  BridgeOutcome,
  BridgeState,
  PaymentContext,
  SchemePackagedContent,
} from '../../../common/src/payment-bridge';
import {
  ClearingUnavailableError,
  type ClearingRequest,
  type ClearingResult,
} from '../clearing/clearing-bank.port';
import { signClearingRequest } from '../clearing/clearing-request-mac';
import { authC, confirmation, macEquals, receiptTicket } from '../crypto/macs';
import { decodeHsPay, HS_PAY, type HsPay } from '../payloads/hs-pay';
import { singlePayload } from '../payloads/packaged-content';
import { CHALLENGE_LIFETIME_MS, type HashSecretBridgeDeps } from './bridge-deps';
import { awaitingClearingState, readAwaitingPay, type AwaitingPay } from './hash-secret.state';
import { encapProtErr, elInconsistent, refuse, suspend, systemBusy } from './outcomes';
import { bankAnswered, bankRejected, failedAuth } from './payment-response';

/** HS-Pay processing, profile §3.3.5 steps 1–7 in order; outcomes as in the table of §3.3.7. */
export async function handleHsPay(
  deps: HashSecretBridgeDeps,
  ctx: PaymentContext,
  state: BridgeState,
  schemeIn: readonly SchemePackagedContent[],
): Promise<BridgeOutcome> {
  const attempt = readAwaitingPay(state);
  if (attempt === undefined) {
    return {
      kind: 'reject',
      errorCode: 'ElUnexpected',
      severity: 'HardError',
      errorDesc: 'no payment awaits HS-Pay',
    };
  }

  // Steps 1–2 (PaySchemeData attributes are the gateway's; here: one decodable HS-Pay).
  let pay: HsPay;
  try {
    pay = decodeHsPay(singlePayload(schemeIn, HS_PAY));
  } catch (error) {
    return encapProtErr(`HS-Pay: ${(error as Error).message}`);
  }

  // Step 3.
  const differing = (['C', 't', 'y', 'u', 'cur'] as const).filter((k) => pay[k] !== attempt[k]);
  if (differing.length > 0) return elInconsistent(`HS-Pay ${differing.join(', ')} differ from the challenge`);

  // Step 4.
  if (ctx.now.getTime() - Date.parse(attempt.challengedAt) > CHALLENGE_LIFETIME_MS) {
    return refuse('PaymtCancelled', 'challenge expired', endedState(attempt, 'PaymtCancelled'));
  }

  // Steps 5–6: K_CM may have been withdrawn since the challenge; then a_C cannot verify.
  const merchant = deps.config.merchant(attempt.M);
  const kcm = merchant?.customerKey(attempt.C);
  if (
    merchant === undefined ||
    kcm === undefined ||
    !macEquals(authC(kcm, attempt.C, attempt.M, attempt.t), pay.aC)
  ) {
    return failedAuth(attempt, 'BadAC', endedState(attempt, 'BadAC'));
  }
  if (!macEquals(confirmation(kcm, pay.t, pay.y, pay.u, pay.cur, pay.nC, pay.pi), pay.o)) {
    return failedAuth(attempt, 'BadO', endedState(attempt, 'BadO'));
  }

  // Step 7: an identical request on every retry, so the bank can tell a retry from a replay.
  const request = signClearingRequest(merchant.merchantBankKey(), {
    M: attempt.M,
    C: attempt.C,
    t: attempt.t,
    y: attempt.y,
    u: attempt.u,
    cur: attempt.cur,
    nC: pay.nC.toString('hex'),
    pi: pay.pi.toString('hex'),
  });
  return clearWithBank(deps, attempt, kcm, request);
}

/**
 * Step 7 and its answer. No answer in time after the request went out: the bank may have booked it,
 * so the payment is suspended with the request kept for an identical resend (never a guess).
 */
export async function clearWithBank(
  deps: HashSecretBridgeDeps,
  attempt: AwaitingPay,
  kcm: Buffer,
  request: ClearingRequest,
): Promise<BridgeOutcome> {
  let result: ClearingResult;
  try {
    result = await deps.bank.clear(request);
  } catch (error) {
    if (error instanceof ClearingUnavailableError && error.maybeDelivered)
      return suspend(`clearing bank: ${error.message}`, awaitingClearingState(attempt, request));
    return systemBusy('clearing bank unavailable');
  }
  if (result.outcome === 'rejected') {
    // A refused K_MB is our configuration, not the customer's fault: nothing was booked, retry later.
    if (result.reason === 'MerchantAuth') return systemBusy('clearing bank refused the merchant');
    return bankRejected(attempt, result.reason, endedState(attempt, result.reason));
  }
  const nC = Buffer.from(request.nC, 'hex');
  const T = receiptTicket(kcm, attempt.y, attempt.u, attempt.cur, nC, Buffer.from(result.AB, 'hex'));
  return bankAnswered(attempt, result, T, endedState(attempt, result.status));
}

function endedState(attempt: AwaitingPay, result: string): BridgeState {
  return { step: 'ended', C: attempt.C, t: attempt.t, y: attempt.y, u: attempt.u, cur: attempt.cur, result };
}
