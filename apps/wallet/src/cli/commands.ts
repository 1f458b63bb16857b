import { isIotpAmount, isKnownCurrency } from '@ph/money';
import {
  DemoMerchant,
  inquireTransaction,
  PaymentSession,
  ping,
  runPayment,
  signedPing,
  type PaymentResult,
} from '../lib';
import { loadLastPayment, saveLastPayment } from './last-payment';
import { printIdentifiers, printSteps } from './print';
import { UsageError } from './usage';

export interface CommonOptions {
  readonly gateway: string;
  readonly verbose: boolean;
}

export interface PayOptions extends CommonOptions {
  readonly amount?: string;
  readonly currency?: string;
  readonly customer: string;
  readonly brand?: string;
  readonly unsignedReceipt: boolean;
}

export interface InquireOptions extends CommonOptions {
  readonly trans?: string;
  readonly transTimestamp?: string;
  readonly payId?: string;
  readonly paymentRef?: string;
}

/** Exit codes: 0 paid, 2 declined/failed, 1 anything else (no answer, receipt not verified). */
export async function pay(o: PayOptions): Promise<number> {
  const { amount, currency } = amountOf(o);
  const r = await runPayment({
    gatewayUrl: o.gateway,
    customer: o.customer,
    amount,
    currency,
    brand: o.brand,
    signedPayReceipt: !o.unsignedReceipt,
    ...BUSY_RETRIES,
  });
  printSteps(r.steps, o.verbose);
  printIdentifiers(r);
  await saveLastPayment({
    gatewayUrl: o.gateway,
    iotpTransId: r.iotpTransId,
    transTimeStamp: r.transTimeStamp,
    paymentRef: r.paymentRef,
    ...(r.payId ? { payId: r.payId } : {}),
    customer: o.customer,
    amount,
    currency,
    processState: r.processState,
    ...(r.completionCode ? { completionCode: r.completionCode } : {}),
  });
  return exitCode(r);
}

export async function cancel(o: PayOptions): Promise<number> {
  const { amount, currency } = amountOf(o);
  const session = new PaymentSession({
    gatewayUrl: o.gateway,
    customer: o.customer,
    amount,
    currency,
    brand: o.brand,
  });
  const first = await session.paymentRequest();
  if (first.kind !== 'exchange') {
    const r = session.resultOf(first);
    printSteps(session.steps, o.verbose);
    printIdentifiers(r);
    return exitCode(r);
  }
  const answer = await session.cancel('ConsCancelled');
  printSteps(session.steps, o.verbose);
  printIdentifiers(session.resultOf(answer));
  return answer.kind === 'no-content' ? 0 : 1;
}

export async function inquire(o: InquireOptions): Promise<number> {
  const last = await loadLastPayment();
  const same = last && (o.trans === undefined || o.trans === last.iotpTransId) ? last : undefined;
  const iotpTransId = o.trans ?? last?.iotpTransId;
  if (!iotpTransId) throw new UsageError('no --trans given and no last payment in .data/wallet-last.json');
  const transTimeStamp = o.transTimestamp ?? same?.transTimeStamp;
  if (!transTimeStamp)
    throw new UsageError('--trans-timestamp is needed for a transaction other than the last');
  const r = await inquireTransaction({
    gatewayUrl: o.gateway,
    iotpTransId,
    transTimeStamp,
    paymentRef: o.paymentRef ?? same?.paymentRef,
    paymentHandlerPayId: o.payId ?? same?.payId,
  });
  printSteps(r.steps, o.verbose);
  if (!r.status) return 1;
  return r.status.processState === 'Failed' ? 2 : 0;
}

export async function pingCommand(o: CommonOptions & { readonly signed?: boolean }): Promise<number> {
  if (o.signed) {
    // As the demo merchant: signed for the PH, which checks it and signs its answer back (profile §2.7).
    const r = await signedPing(new DemoMerchant({ gatewayUrl: o.gateway }));
    printSteps(r.steps, o.verbose);
    console.log(
      `  signature            PH says ${r.sigVerifyStatusCode ?? 'nothing'}; its signed answer ${r.responseSignatureVerified ? 'verifies' : 'does not verify'}`,
    );
    return r.sigVerifyStatusCode === 'Ok' && r.responseSignatureVerified ? 0 : 1;
  }
  const r = await ping(o.gateway);
  printSteps(r.steps, o.verbose);
  return r.pingStatusCode === 'Ok' ? 0 : 1;
}

export function amountOf(o: PayOptions): { amount: string; currency: string } {
  if (o.amount === undefined || !isIotpAmount(o.amount))
    throw new UsageError('--amount must be a decimal amount such as 12.50');
  const currency = o.currency ?? 'EUR';
  if (!isKnownCurrency(currency)) throw new UsageError(`--currency ${currency} is not a known ISO 4217 code`);
  return { amount: o.amount, currency };
}

function exitCode(r: PaymentResult): number {
  if (r.processState === 'Failed') return 2;
  if (r.processState === 'CompletedOk' && r.receiptVerified) return 0;
  if (r.processState === 'CompletedOk') console.error('wallet: paid, but the receipt did not verify');
  return 1;
}

/** The CLI resends after SystemBusy like a real wallet: the PH holds (suspends) the payment meanwhile. */
export const BUSY_RETRIES = {
  busyRetries: 4,
  onBusy: (ms: number, attempt: number) =>
    console.log(
      `  SystemBusy           the PH holds the payment; resending in ${Math.round(ms / 1000)} s (${attempt}/4)`,
    ),
} as const;
