import type { InquiryHandle } from '../lib/session/payment-result';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** What `pay` leaves behind so that `inquire` without options asks about it. */
export interface LastPayment {
  readonly gatewayUrl: string;
  readonly iotpTransId: string;
  readonly transTimeStamp: string;
  readonly paymentRef: string;
  readonly payId?: string;
  readonly customer: string;
  readonly amount: string;
  readonly currency: string;
  readonly processState: string;
  readonly completionCode?: string;
}

export const LAST_PAYMENT_FILE = resolve('.data', 'wallet-last.json');

export async function saveLastPayment(p: LastPayment, file = LAST_PAYMENT_FILE): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(p, null, 2)}\n`, 'utf8');
}

export async function loadLastPayment(file = LAST_PAYMENT_FILE): Promise<LastPayment | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LastPayment;
  } catch {
    return undefined;
  }
}

/** Remembers a payment of any scheme so that `inquire` without options asks about it. */
export function rememberPayment(
  gatewayUrl: string,
  customer: string,
  amount: string,
  currency: string,
  r: {
    readonly inquiry: InquiryHandle;
    readonly payId?: string;
    readonly processState: string;
    readonly completionCode?: string;
  },
): Promise<void> {
  return saveLastPayment({
    gatewayUrl,
    ...r.inquiry,
    ...(r.payId ? { payId: r.payId } : {}),
    customer,
    amount,
    currency,
    processState: r.processState,
    ...(r.completionCode ? { completionCode: r.completionCode } : {}),
  });
}
