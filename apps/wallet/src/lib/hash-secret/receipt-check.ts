import type { PayRespBlk, SignatureCheck } from '@ph/iotp';
import { isKnownCurrency, Money } from '@ph/money';
import {
  checkHsResult,
  type AcceptedChallenge,
  type HashSecretCredentials,
  type HsResultCheck,
  type PaymentProof,
} from '../../schemes/hash-secret';

export interface ResponseCheckInput {
  readonly creds: HashSecretCredentials;
  readonly challenge: AcceptedChallenge;
  readonly proof: PaymentProof;
  readonly block: PayRespBlk;
  readonly paymentRef: string;
  readonly consumerPaymentId: string;
  /** Payment/@SignedPayReceipt of the offer: then the receipt signature is part of the receipt. */
  readonly signedPayReceipt: boolean;
  /** The Merchant's check of the signature (undefined when the answer carries none). */
  readonly signature: SignatureCheck | undefined;
}

export interface ResponseCheck {
  /**
   * The bank's A_B and the merchant's T verify for exactly our π and the reported outcome, the IOTP
   * Status agrees with HS-Result, a CompletedOk carries PayReceipt "HS-Pay HS-Result" (a Failed one none),
   * and the receipt signature verifies when SignedPayReceipt. False when the PH sent no A_B/T.
   */
  readonly receiptVerified: boolean;
  readonly receiptSignatureVerified: boolean;
  readonly hs?: HsResultCheck;
  /** From HS-Balance, canonical ('999987.50'). */
  readonly balance?: { readonly amount: string; readonly currency: string };
  /** Why receiptVerified is false, for people and test failure messages. */
  readonly problems: readonly string[];
}

const RECEIPT_NAMES = ['HS-Pay', 'HS-Result'];

/** Profile §3.3.8 on P2 (plus §2.6 via `signature`). */
export function checkPaymentResponse(i: ResponseCheckInput): ResponseCheck {
  const problems: string[] = [];
  const { block, proof } = i;
  const status = block.status;
  if (status.elRef !== i.paymentRef)
    problems.push(`Status ElRef ${status.elRef ?? ''} is not ${i.paymentRef}`);
  if (status.processReference !== proof.y)
    problems.push('Status ProcessReference is not our PaymentHandlerPayId');

  const psd = block.paySchemeData;
  if (psd && (psd.paymentRef !== i.paymentRef || psd.paymentHandlerPayId !== proof.y))
    problems.push('PaySchemeData names another payment');
  if (psd && psd.consumerPaymentId !== i.consumerPaymentId) problems.push('ConsumerPaymentId not echoed');
  const result = psd?.packagedContents.find((p) => p.name === 'HS-Result');
  const balanceText = block.paymentNote?.packagedContents.find((p) => p.name === 'HS-Balance')?.value;

  let hs: HsResultCheck | undefined;
  if (!result) problems.push('no HS-Result');
  else {
    try {
      hs = checkHsResult(i.creds, i.challenge, proof, result.value, balanceText);
    } catch (error) {
      problems.push(`HS-Result/HS-Balance: ${(error as Error).message}`);
    }
  }
  if (hs) {
    const wireStatus = status.processState === 'CompletedOk' ? 'CompletedOk' : status.completionCode;
    if (hs.status !== wireStatus) problems.push(`HS-Result status ${hs.status} disagrees with the Status`);
    if (!hs.matchesPayment) problems.push('HS-Result y/u/cur differ from our payment');
    if (!hs.ack) problems.push(`no A_B and T (${hs.status}${hs.reason ? ` ${hs.reason}` : ''})`);
    else {
      if (!hs.ack.abValid) problems.push('A_B does not verify');
      if (!hs.ack.tValid) problems.push('T does not verify');
    }
    if (hs.balance && hs.balance.currency !== proof.cur) problems.push('HS-Balance in another currency');
  }

  const receipt = block.payReceipt;
  if (status.processState === 'CompletedOk') {
    const names = receipt?.payReceiptNameRefs ?? [];
    if (!receipt) problems.push('CompletedOk without PayReceipt');
    else if (receipt.paymentRef !== i.paymentRef) problems.push('PayReceipt names another payment');
    else if (names.length !== RECEIPT_NAMES.length || !RECEIPT_NAMES.every((n) => names.includes(n)))
      problems.push(`PayReceiptNameRefs "${names.join(' ')}" is not "HS-Pay HS-Result"`);
  } else if (receipt) problems.push('a Failed Payment Response with a PayReceipt');

  const receiptSignatureVerified = i.signature?.ok === true;
  if (i.signedPayReceipt && !receiptSignatureVerified) {
    const s = i.signature;
    problems.push(`receipt signature: ${s === undefined ? 'missing' : s.ok ? '' : s.desc}`);
  }

  let balance: ResponseCheck['balance'];
  if (hs?.balance) {
    const { amount, currency } = hs.balance;
    const canonical = isKnownCurrency(currency) ? Money.parse(amount, currency).toCanonical() : amount;
    balance = { amount: canonical, currency };
  }
  return {
    receiptVerified: problems.length === 0,
    receiptSignatureVerified,
    ...(hs ? { hs } : {}),
    ...(balance ? { balance } : {}),
    problems,
  };
}
