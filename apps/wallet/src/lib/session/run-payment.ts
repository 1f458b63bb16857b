import { PaymentSession, type PaymentSessionOptions } from './payment-session';
import type { PaymentResult } from './payment-result';
import { resendWhileBusy, type BusyRetryOptions } from './resend-while-busy';

export interface RunPaymentOptions extends Omit<PaymentSessionOptions, 'gatewayUrl'>, BusyRetryOptions {
  readonly gatewayUrl: string;
}

/**
 * A complete hash/secret payment: C1 → P1, then (if challenged) C2 → P2, checked and verified. With
 * `busyRetries`, a SystemBusy answer is resent after MinRetrySecs (the PH resumes a suspended payment).
 */
export async function runPayment(options: RunPaymentOptions): Promise<PaymentResult> {
  const session = new PaymentSession(options);
  const answer = await resendWhileBusy(await session.paymentRequest(), () => session.resend('C1'), options);
  session.adopt(answer);
  if (answer.kind !== 'exchange') return session.resultOf(answer);
  const paid = await session.pay();
  if (paid.errorCode !== 'SystemBusy') return paid;
  return session.resultOf(await resendWhileBusy(paid.answer, () => session.resend('C2'), options));
}
