import { BUSY_RETRIES } from './commands';
import { runIssuerMicroPayment, runSmsPayment, type SchemePaymentResult } from '../lib/sms-issuer';
import { loadChipCard, runSetLikePayment, saveChipCard } from '../lib/set-like';
import { rememberPayment } from './last-payment';
import { printSteps } from './print';

export interface SchemePayOptions {
  readonly gateway: string;
  readonly verbose: boolean;
  readonly amount: string;
  readonly currency: string;
  /** The bank simulator, where the SMS operator and the issuer live. */
  readonly bank: string;
  readonly msisdn: string;
  readonly answer: 'YES' | 'NO' | 'none';
  readonly card: string;
}

function report(r: SchemePaymentResult, verbose: boolean): number {
  printSteps(r.steps, verbose);
  console.log(`  ${'IotpTransId'.padEnd(20)} ${r.iotpTransId}`);
  if (r.payId) console.log(`  ${'PaymentHandlerPayId'.padEnd(20)} ${r.payId}`);
  console.log(
    `  result               ${r.processState}${r.completionCode ? ` ${r.completionCode}` : ''}${r.receiptVerified ? '  receipt verified' : ''}`,
  );
  if (r.problems.length > 0) console.log(`  problems: ${r.problems.join('; ')}`);
  if (r.processState === 'CompletedOk') return r.receiptVerified ? 0 : 1;
  return r.processState === 'Failed' ? 2 : 1;
}

/** x-SmsConfirm (profile §3.6): the simulated phone answers the offer SMS as told. */
export async function paySms(o: SchemePayOptions): Promise<number> {
  const r = await runSmsPayment({
    gatewayUrl: o.gateway,
    smsOperatorUrl: o.bank,
    msisdn: o.msisdn,
    amount: o.amount,
    currency: o.currency,
    answer: o.answer,
  });
  await rememberPayment(o.gateway, o.msisdn, o.amount, o.currency, r);
  return report(r, o.verbose);
}

/** x-IssuerMicro (profile §3.7): one round trip, authorised by the card's issuer. */
export async function payIssuerMicro(o: SchemePayOptions): Promise<number> {
  const r = await runIssuerMicroPayment({
    gatewayUrl: o.gateway,
    cardRef: o.card,
    amount: o.amount,
    currency: o.currency,
  });
  await rememberPayment(o.gateway, o.card, o.amount, o.currency, r);
  return report(r, o.verbose);
}

/** SETv1.0 "SET-like" (profile §3.4): card data encrypted to the acquirer, PRes as the receipt. */
export async function paySetLike(o: {
  readonly gateway: string;
  readonly verbose: boolean;
  readonly amount: string;
  readonly currency: string;
  readonly brand: 'VISA' | 'MasterCard';
  readonly card: string;
  readonly expiry: string;
}): Promise<number> {
  const chip = await loadChipCard(o.card);
  let r;
  try {
    r = await runSetLikePayment({
      gatewayUrl: o.gateway,
      card: { pan: o.card, expiry: o.expiry },
      amount: o.amount,
      currency: o.currency,
      brand: o.brand,
      ...(chip ? { chip } : {}),
      ...BUSY_RETRIES,
    });
  } finally {
    // The chip's ATC advanced with its GENERATE AC, whatever became of the payment.
    if (chip) await saveChipCard(chip);
  }
  // The customer of a card payment, for `inquire`: the card, masked.
  await rememberPayment(o.gateway, `${o.card.slice(0, 6)}…${o.card.slice(-4)}`, o.amount, o.currency, r);
  printSteps(r.steps, o.verbose);
  if (r.chip) {
    console.log(`  chip                 ${r.chip.cvn}  ATC ${r.chip.atc}  ARQC ${r.chip.arqc} computed`);
    const arpc = {
      verified: `verified (issuer authenticated, ARC ${r.chip.arc ?? '?'})`,
      failed: 'does NOT verify (issuer not authenticated)',
      absent: 'none in the PRes',
      'not-checked': 'not checked (no PRes)',
    }[r.chip.arpc];
    console.log(`  ARPC                 ${arpc}`);
  }
  console.log(
    `  result               ${r.processState}${r.completionCode ? ` ${r.completionCode}` : ''}${r.statusDesc ? ` (${r.statusDesc})` : ''}${r.receiptVerified ? '  receipt verified' : ''}`,
  );
  if (r.pres?.respReason && r.processState !== 'CompletedOk')
    console.log(`  reason               ${r.pres.respReason}`);
  if (r.problems.length > 0) console.log(`  problems: ${r.problems.join('; ')}`);
  if (r.processState === 'CompletedOk') return r.receiptVerified ? 0 : 1;
  return r.processState === 'Failed' ? 2 : 1;
}
