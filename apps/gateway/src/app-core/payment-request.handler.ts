import { commandIdFor } from './decision';
import { PreciseDecimal } from '@ph/money';
import {
  buildPayExchBlk,
  buildPaySchemeData,
  checkPaymentRequest,
  domHash,
  signaturesAddressedTo,
  verifyOfferResponseSignature,
  type IotpWireError,
  type PayReqBlk,
  type PaymentRequestView,
} from '@ph/iotp';
import type { MerchantEntry } from '../config/ph-config';
import type { PaymentAttemptStarted } from '../transaction/iotp-transaction.events';
import { latestAttempt } from '../transaction/iotp-transaction.state';
import {
  apiErrorToWire,
  exchangeAddressing,
  isTerminal,
  located,
  refuseMessage,
  systemBusy,
  type CoreServices,
} from './core-services';
import type { Decision, Inbound } from './decision';
import { ignored } from './decision';
import { cancelDecision, finishAttempt, refusedByBridge } from './finish-attempt';
import { writeMessage } from './outbound-message';
import type { ContinueOutcome } from './payment-api-client';
import { afterBusError } from './resume-suspended';
import { derivePayId } from './pay-id';

const CLOCK_SKEW_MS = 60_000;

/** Accepting a Payment Request: the checks of profile §2.3 in their order, then StartPaymentPaymentHandler. */
export async function handlePaymentRequest(
  services: CoreServices,
  inb: Inbound,
  block: PayReqBlk,
): Promise<Decision> {
  const { state, msg } = inb;
  // Check 3: a cancelled or hard-errored transaction ignores everything but inquiries (§4.1).
  if (isTerminal(state)) return ignored;
  const to = exchangeAddressing(inb);
  // Check 3b: a new attempt only after a recoverable failure (iotp-messages §10.3).
  const last = latestAttempt(state);
  if (last && !(last.phase === 'finished' && last.processState === 'Failed' && last.recoverable)) {
    return refuseMessage(
      services,
      inb,
      to,
      located(
        'ElUnexpected',
        'A payment of this transaction is in progress or has ended; only a recoverable failure allows a new Payment Request.',
        { elementType: 'PayReqBlk', iotpMsgRef: inb.inMsgId, blkRef: block.id },
      ),
    );
  }
  // Checks 4–8: structure.
  const checked = checkPaymentRequest(msg, services.config.paymentHandler.orgId);
  if (!checked.ok)
    return refuseMessage(services, inb, to, {
      ...checked.error,
      location: { ...checked.error.location, iotpMsgRef: inb.inMsgId },
    });
  const view = checked.view;
  const addressing = exchangeAddressing(
    inb,
    view.phTradingRole.iotpMsgIdPrefix || 'P',
    view.phTradingRole.id,
  );
  const payId = derivePayId(services.payIdKey, inb.iotpTransId, inb.inMsgId, inb.digest);
  const merchant = services.registry.find(view.merchantOrgId);
  const started = attemptStarted(inb, view, payId, merchant, 'none');
  const cancel = (code: string, desc: string) => cancelAtRequest(services, inb, started, code, desc);

  // Check 9, 10: the merchant and the transaction type must be agreed.
  if (!merchant) return cancel('PaymtCancelled', 'Merchant not known to this Payment Handler');
  if (!merchant.transTypes.includes(msg.transRef.transId.iotpTransType)) {
    return cancel(
      'PaymtCancelled',
      `Transaction type ${msg.transRef.transId.iotpTransType} not agreed with this merchant`,
    );
  }
  // Check 11, 11b: the Merchant's Offer Response Signature.
  const signatureError = checkOfferSignature(services, inb, view, merchant);
  if (signatureError) return refuseMessage(services, inb, addressing, signatureError);
  // Check 12: the payment's validity window.
  const windowError = checkOkWindow(inb, view);
  if (windowError) return refuseMessage(services, inb, addressing, windowError);
  // Check 13–15: brand, currency, amount.
  const route = services.routing.find(view.brandId, view.protocolId, view.protocolBrandId);
  if (!route || !merchant.brands.includes(view.brandId) || view.payDirection !== 'Debit') {
    return cancel('BrandNotSupp', `Brand ${view.brandId} with protocol ${view.protocolId} is not supported`);
  }
  if (view.currCodeType !== 'ISO4217-A' || !merchant.currencies.includes(view.currCode)) {
    return cancel('CurrNotSupp', `Currency ${view.currCode} is not supported`);
  }
  if (new PreciseDecimal(view.amount).greaterThan(new PreciseDecimal(merchant.maxAmount))) {
    return cancel('PaymtCancelled', `Amount exceeds the merchant's limit of ${merchant.maxAmount}`);
  }

  // Check 16: the scheme accepts the first scheme message.
  const attempt: PaymentAttemptStarted = { ...started, bridgeId: route.bridgeId };
  const psd = view.paySchemeData;
  const schemeIn = (psd?.packagedContents ?? []).map(({ name, content, transform, value }) => ({
    name,
    content,
    transform,
    value,
  }));
  const outcome = await services.paymentApi.startPaymentPaymentHandler(route.bridgeId, {
    commandId: commandIdFor(inb, 'start'),
    payId,
    iotpTransId: inb.iotpTransId,
    paymentRef: view.paymentId,
    consumerPaymentId: psd?.consumerPaymentId,
    brandId: view.brandId,
    protocolId: view.protocolId,
    protocolBrandId: view.protocolBrandId ?? route.protocolBrandId,
    amount: view.amount,
    currCodeType: view.currCodeType,
    currCode: view.currCode,
    payDirection: view.payDirection,
    okFrom: view.okFrom,
    okTo: view.okTo,
    merchantOrgId: view.merchantOrgId.toLowerCase(),
    schemeIn,
    // Merchant data for the bridge (payment-api §2.4: TradingRoleData names start with `Payment:`).
    tradingRoleData: view.tradingRoleDataForUs
      .flatMap((t) => t.packagedContents)
      .filter((p) => p.name?.startsWith('Payment:'))
      .map(({ name, content, transform, value }) => ({ name, content, transform, value })),
  });
  const schemeRef = psd
    ? [
        {
          type: 'SchemeDataReceived' as const,
          payId,
          names: psd.packagedContents.map((p) => p.name ?? ''),
          ref: { id: psd.id, digest: domHash(psd.element).toString('base64') },
        },
      ]
    : [];

  if (!outcome.ok && outcome.error.errorCode === 'BusError') {
    return afterBusError(services, inb, attempt, addressing, [attempt, ...schemeRef], schemeIn, answer);
  }
  return answer(outcome);

  async function answer(outcome: ContinueOutcome): Promise<Decision> {
    if (!outcome.ok) {
      const error = outcome.error;
      if (error.severity === 'TransientError')
        return systemBusy(services, inb, addressing, error.errorDesc, error.minRetrySecs ?? 5);
      if (error.errorCode === 'BusError') {
        return refusedByBridge(services, inb, attempt, addressing, [attempt, ...schemeRef]);
      }
      const wire = apiErrorToWire(error, inb, { blkRef: block.id, compRef: psd?.id });
      return refuseMessage(services, inb, addressing, wire);
    }
    const startEvents = [attempt, ...schemeRef];
    if (outcome.contStatus === 'End') {
      return finishAttempt(
        services,
        inb,
        attempt,
        addressing,
        outcome,
        startEvents,
        schemeRef.map((s) => ({ names: s.names, ref: s.ref })),
      );
    }
    const message = writeMessage(services.writer, addressing, (ids) => ({
      blocks: [
        buildPayExchBlk({
          id: ids.next(),
          paySchemeData: buildPaySchemeData({
            id: ids.next(),
            paymentRef: view.paymentId,
            consumerPaymentId: psd?.consumerPaymentId,
            paymentHandlerPayId: payId,
            packagedContents: outcome.schemeOut,
          }),
        }),
      ],
    }));
    return { kind: 'saved', message, events: startEvents, received: true, sentInExchange: true };
  }
}

function attemptStarted(
  inb: Inbound,
  view: PaymentRequestView,
  payId: string,
  merchant: MerchantEntry | undefined,
  bridgeId: string,
): PaymentAttemptStarted {
  const digest = (e: { attrs: Readonly<Record<string, string>> } & Parameters<typeof domHash>[0]) => ({
    id: e.attrs['ID'],
    digest: domHash(e).toString('base64'),
  });
  const signed = view.signedPayReceipt;
  return {
    type: 'PaymentAttemptStarted',
    payId,
    bridgeId,
    merchantId: merchant?.id ?? '',
    paymentRef: view.paymentId,
    consumerPaymentId: view.paySchemeData?.consumerPaymentId,
    msgIdPrefix: view.phTradingRole.iotpMsgIdPrefix || 'P',
    phTradingRoleId: view.phTradingRole.id,
    phOrgRef: view.phOrgRef,
    merchantOrgRef: view.merchantOrg.id,
    signedPayReceipt: signed,
    transTimeStamp: inb.msg.transRef.transId.transTimeStamp,
    receiptDigests: {
      transId: digest(inb.msg.transRef.transId.element),
      signatures: signed ? (inb.msg.signatures?.signatures ?? []).map(digest) : [],
      brandSelection: digest(view.brandSelectionElement),
    },
  };
}

/** The PH's own refusal right after the Payment Request: a Cancel Block that creates the transaction (profile §2.3). */
function cancelAtRequest(
  services: CoreServices,
  inb: Inbound,
  started: PaymentAttemptStarted,
  code: string,
  desc: string,
): Decision {
  const to = exchangeAddressing(inb, started.msgIdPrefix, started.phTradingRoleId);
  return cancelDecision(services, to, started, code, desc, [started]);
}

function checkOfferSignature(
  services: CoreServices,
  inb: Inbound,
  view: PaymentRequestView,
  merchant: MerchantEntry,
): IotpWireError | undefined {
  const block = inb.msg.signatures;
  const addressed = block ? signaturesAddressedTo(block.element, view.phOrgRef) : [];
  if (addressed.length === 0) {
    if (!merchant.requireOfferSignature) return undefined;
    return located(
      'ElMissing',
      'The Payment Request lacks the Offer Response Signature this merchant requires.',
      { elementType: 'IotpSignatures', iotpMsgRef: inb.inMsgId },
      'HardError',
      'IotpSignatures',
    );
  }
  const transId = inb.msg.transRef.transId;
  for (const signature of addressed) {
    const check = verifyOfferResponseSignature({
      signature,
      iotpTransId: transId.iotpTransId,
      elementsById: inb.msg.index,
      requiredTargetIds: [transId.id, view.brandList.id, view.paymentId, view.merchantOrg.id, view.phOrgRef],
      merchantOrgId: view.merchantOrg.id,
      phOrgId: view.phOrgRef,
      lookupKey: (keyId) => {
        const secret = services.registry.hmacKey(merchant, keyId);
        return secret ? { alg: 'hmac-sha256', secret } : undefined;
      },
    });
    if (!check.ok) {
      return located('ElContIllegal', `Offer Response Signature: ${check.desc}`, {
        elementType: 'Signature',
        iotpMsgRef: inb.inMsgId,
        blkRef: block?.id,
        elementRef: signature.attrs['ID'],
      });
    }
  }
  return undefined;
}

function checkOkWindow(inb: Inbound, view: PaymentRequestView): IotpWireError | undefined {
  const now = inb.now.getTime();
  const from = Date.parse(view.okFrom);
  const to = Date.parse(view.okTo);
  const where = { elementType: 'Payment', iotpMsgRef: inb.inMsgId, compRef: view.paymentId };
  if (Number.isNaN(from))
    return located('AttValIllegal', 'OkFrom is not a date-time.', { ...where, attName: 'OkFrom' });
  if (Number.isNaN(to))
    return located('AttValIllegal', 'OkTo is not a date-time.', { ...where, attName: 'OkTo' });
  if (now + CLOCK_SKEW_MS < from)
    return located('ValueTooLarge', 'The payment is not valid yet (OkFrom).', {
      ...where,
      attName: 'OkFrom',
    });
  if (now - CLOCK_SKEW_MS > to)
    return located('ValueTooSmall', 'The payment is no longer valid (OkTo).', { ...where, attName: 'OkTo' });
  return undefined;
}
