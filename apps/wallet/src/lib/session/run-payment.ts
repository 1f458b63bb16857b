import { PaymentSession, type PaymentSessionOptions } from './payment-session';
import type { PaymentResult } from './payment-result';

export interface RunPaymentOptions extends Omit<PaymentSessionOptions, 'gatewayUrl'> {
  readonly gatewayUrl: string;
}

/** A complete hash/secret payment: C1 → P1, then (if challenged) C2 → P2, checked and verified. */
export async function runPayment(options: RunPaymentOptions): Promise<PaymentResult> {
  const session = new PaymentSession(options);
  const answer = await session.paymentRequest();
  return answer.kind === 'exchange' ? session.pay() : session.resultOf(answer);
}
