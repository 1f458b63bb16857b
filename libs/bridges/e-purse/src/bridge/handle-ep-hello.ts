import {
  elInconsistent,
  encapProtErr,
  refuse,
  systemBusy,
  type BridgeOutcome,
  type PaymentContext,
  type SchemePackagedContent,
} from '@ph/bridges/common';
import { minimalDecimal } from '@ph/money';
import type { OpenPurchaseResult } from '../clearing/clearing-centre-wire';
import { debitReqInput } from '../crypto/mac-inputs';
import { hex } from '../payloads/fields';
import { encodeEpDebitReq, EP_DEBIT_REQ } from '../payloads/ep-debit-req';
import { decodeEpHello, EP_HELLO, type EpHello } from '../payloads/ep-hello';
import { packagedContent, singlePayload } from '../payloads/json-payload';
import type { EPurseBridgeDeps } from './bridge-deps';
import { awaitingRecordState } from './e-purse.state';

const REFUSAL_DESC: Record<string, string> = {
  CardBlocked: 'purse card blocked',
  CardExpired: 'purse card expired',
  UnknownCard: 'purse card unknown to the issuer',
  UnknownMerchantCard: 'merchant card not registered with the clearing centre',
};

/**
 * StartPaymentPaymentHandler with EP-Hello (schemes.md §1.4 E1 → E2): open the purchase at the
 * clearing centre (hot list, seqM), draw a fresh nM and let the SAM MAC the debit request.
 */
export async function handleEpHello(
  deps: EPurseBridgeDeps,
  ctx: PaymentContext,
  schemeIn: readonly SchemePackagedContent[],
): Promise<BridgeOutcome> {
  let hello: EpHello;
  let u: string;
  try {
    hello = decodeEpHello(singlePayload(schemeIn, EP_HELLO));
    u = minimalDecimal(ctx.amount);
  } catch (error) {
    return encapProtErr(`EP-Hello: ${(error as Error).message}`);
  }
  if (hello.cur !== ctx.currency)
    return elInconsistent('EP-Hello cur differs from the Payment Request', 'CurrCode');
  const idM = deps.config.merchantCard(ctx.merchantOrgId);
  const refused = { step: 'ended', purseId: hello.purseId, txRef: ctx.payId };
  if (idM === undefined)
    return refuse('Unspecified', 'the merchant has no merchant card', {
      ...refused,
      result: 'NoMerchantCard',
    });

  let opened: OpenPurchaseResult;
  try {
    opened = await deps.centre.openPurchase({
      idM,
      txRef: ctx.payId,
      purseId: hello.purseId,
      u,
      cur: hello.cur,
    });
  } catch {
    // Opening is idempotent by (idM, txRef) and moves no money: the retransmission asks again.
    return systemBusy('clearing centre unavailable');
  }
  if (opened.outcome === 'refused') {
    const code = opened.reason === 'UnknownMerchantCard' ? 'Unspecified' : 'BadInstrument';
    return refuse(code, REFUSAL_DESC[opened.reason] ?? opened.reason, {
      ...refused,
      idM,
      result: opened.reason,
    });
  }

  const nM = deps.randomBytes(16);
  let macM: Buffer;
  try {
    macM = await deps.sam.merchantMac(idM, debitReqInput({ idM, u, cur: hello.cur, nM, seqM: opened.seqM }));
  } catch {
    return systemBusy('merchant SAM unavailable');
  }
  const debitReq = encodeEpDebitReq({
    idM,
    u,
    cur: hello.cur,
    txRef: ctx.payId,
    nM,
    seqM: opened.seqM,
    macM,
  });
  return {
    kind: 'continue',
    schemeOut: [packagedContent(EP_DEBIT_REQ, debitReq)],
    state: awaitingRecordState({
      idM,
      purseId: hello.purseId,
      u,
      cur: hello.cur,
      txRef: ctx.payId,
      nM: hex(nM),
      seqM: opened.seqM,
      issuedAt: ctx.now.toISOString(),
    }),
  };
}
