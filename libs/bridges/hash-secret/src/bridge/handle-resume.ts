import type {
  BridgeOutcome,
  BridgeState,
  PaymentContext,
  SchemePackagedContent,
} from '../../../common/src/payment-bridge';
import type { ClearingRequest } from '../clearing/clearing-bank.port';
import { decodeHsPay, HS_PAY } from '../payloads/hs-pay';
import { singlePayload } from '../payloads/packaged-content';
import type { HashSecretBridgeDeps } from './bridge-deps';
import { clearWithBank, handleHsPay } from './handle-hs-pay';
import { asAwaitingPay, readAwaitingClearing } from './hash-secret.state';
import { elInconsistent, encapProtErr, suspend } from './outcomes';

const REQUEST_FIELDS = ['M', 'C', 't', 'y', 'u', 'cur', 'nC', 'pi', 'mac'] as const;

/**
 * ResumePaymentPaymentHandler (PaymentBridge.resume). A payment suspended while the clearing bank was
 * asked resends the kept request: the bank answers a retry from its replay store, so the late answer
 * is applied once and the customer is never debited twice. The challenge's lifetime is not checked
 * again — the bank may already have booked. An HS-Pay the Consumer comes back with must be the one
 * being cleared; the janitor resumes without one. A payment suspended before HS-Pay (by the AppCore)
 * goes on as HS-Pay processing.
 */
export async function handleResume(
  deps: HashSecretBridgeDeps,
  ctx: PaymentContext,
  state: BridgeState,
  schemeIn: readonly SchemePackagedContent[],
): Promise<BridgeOutcome> {
  const suspended = readAwaitingClearing(state);
  if (suspended === undefined) return handleHsPay(deps, ctx, state, schemeIn);
  const request = readRequest(suspended.request);
  if (request === undefined) return suspend('the kept clearing request is unreadable', state);
  if (schemeIn.length > 0) {
    let pay;
    try {
      pay = decodeHsPay(singlePayload(schemeIn, HS_PAY));
    } catch (error) {
      return encapProtErr(`HS-Pay: ${(error as Error).message}`);
    }
    if (pay.nC.toString('hex') !== request.nC || pay.pi.toString('hex') !== request.pi)
      return elInconsistent('HS-Pay differs from the one the bank is clearing');
  }
  const kcm = deps.config.merchant(suspended.M)?.customerKey(suspended.C);
  // Without K_CM no receipt ticket can be made; the bank may have booked, so stay suspended.
  if (kcm === undefined) return suspend('the customer key is not available', state);
  return clearWithBank(deps, asAwaitingPay(suspended), kcm, request);
}

function readRequest(json: string): ClearingRequest | undefined {
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    return REQUEST_FIELDS.every((k) => typeof parsed[k] === 'string')
      ? (parsed as unknown as ClearingRequest)
      : undefined;
  } catch {
    return undefined;
  }
}
