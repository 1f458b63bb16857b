import {
  buildBrandSelection,
  buildCancelBlk,
  buildIotpMessage,
  buildIotpSignatures,
  buildPayExchBlk,
  buildPayReqBlk,
  buildPaySchemeData,
  buildStatus,
  buildTransRefBlk,
  IdAllocator,
  type PackagedContentSpec,
  type XmlElement,
} from '@ph/iotp';
import type { SignedOffer } from '../merchant/demo-merchant';

export const WALLET_SOFTWARE_ID =
  'IOTP Payment Handler project; wallet simulator (TypeScript); 0.1.0; build 1';

/** The envelope every Consumer message of the payment shares: the Merchant's TransId, copied verbatim. */
export interface ConsumerEnvelope {
  readonly msgNumber: number;
  readonly respIotpMsg: string;
  readonly timeStamp: Date;
  readonly softwareId?: string;
}

export interface PaymentRequestSpec extends ConsumerEnvelope {
  readonly offer: SignedOffer;
  readonly consumerPaymentId: string;
  /** HS-Init etc.; `undefined` sends a Payment Request without scheme data (a test of the PH). */
  readonly packagedContent?: PackagedContentSpec;
}

export interface BuiltPaymentRequest {
  readonly root: XmlElement;
  readonly msgId: string;
  readonly brandSelectionId: string;
  readonly paySchemeDataId: string;
}

/** The Payment Request of profile §6.1 C1: the offer components and signature copied, ours added. */
export function buildPaymentRequest(s: PaymentRequestSpec): BuiltPaymentRequest {
  const { components: offer, signature } = s.offer;
  const ids = new IdAllocator('C', s.msgNumber);
  const transRefBlk = buildTransRefBlk({
    id: ids.next(),
    transId: offer.transId,
    msgId: {
      id: ids.msgId,
      respIotpMsg: s.respIotpMsg,
      senderTradingRoleRef: offer.ids.consumerRole,
      softwareId: s.softwareId ?? WALLET_SOFTWARE_ID,
      timeStamp: s.timeStamp,
    },
  });
  const signatures = buildIotpSignatures({ id: ids.next(), signatures: [signature] });
  const blkId = ids.next();
  const brandSelectionId = ids.next();
  const paySchemeDataId = ids.next();
  const root = buildIotpMessage({
    transRefBlk,
    signatures,
    blocks: [
      buildPayReqBlk({
        id: blkId,
        statuses: [offer.offerStatus],
        brandList: offer.brandList,
        brandSelection: buildBrandSelection({
          id: brandSelectionId,
          brandListRef: offer.ids.brandList,
          brandRef: offer.ids.brands[0],
          protocolAmountRef: offer.ids.protocolAmount,
          currencyAmountRef: offer.ids.currencyAmount,
        }),
        payment: offer.payment,
        paySchemeData:
          s.packagedContent &&
          buildPaySchemeData({
            id: paySchemeDataId,
            paymentRef: offer.ids.payment,
            consumerPaymentId: s.consumerPaymentId,
            packagedContents: [s.packagedContent],
          }),
        orgs: [offer.merchantOrg, offer.consumerOrg, offer.paymentHandlerOrg],
      }),
    ],
  });
  return { root, msgId: ids.msgId, brandSelectionId, paySchemeDataId };
}

export interface PaymentExchangeSpec extends ConsumerEnvelope {
  readonly offer: SignedOffer;
  readonly consumerPaymentId: string;
  readonly paymentHandlerPayId: string;
  readonly packagedContent: PackagedContentSpec;
}

/** A Consumer Payment Exchange (profile §6.1 C2): one PaySchemeData with the PH's PaymentHandlerPayId. */
export function buildPaymentExchange(s: PaymentExchangeSpec): { root: XmlElement; msgId: string } {
  const ids = new IdAllocator('C', s.msgNumber);
  const transRefBlk = consumerTransRef(ids, s);
  const blkId = ids.next();
  const root = buildIotpMessage({
    transRefBlk,
    blocks: [
      buildPayExchBlk({
        id: blkId,
        paySchemeData: buildPaySchemeData({
          id: ids.next(),
          paymentRef: s.offer.components.ids.payment,
          consumerPaymentId: s.consumerPaymentId,
          paymentHandlerPayId: s.paymentHandlerPayId,
          packagedContents: [s.packagedContent],
        }),
      }),
    ],
  });
  return { root, msgId: ids.msgId };
}

export interface ConsumerCancelSpec extends ConsumerEnvelope {
  readonly offer: SignedOffer;
  readonly completionCode: string;
  readonly paymentHandlerPayId?: string;
  readonly statusDesc?: string;
}

/** The Consumer's Cancel Block (profile §6.5 C2): Status Payment, Failed, the code. */
export function buildConsumerCancel(s: ConsumerCancelSpec): { root: XmlElement; msgId: string } {
  const ids = new IdAllocator('C', s.msgNumber);
  const transRefBlk = consumerTransRef(ids, s);
  const blkId = ids.next();
  const root = buildIotpMessage({
    transRefBlk,
    blocks: [
      buildCancelBlk({
        id: blkId,
        status: buildStatus({
          id: ids.next(),
          statusType: 'Payment',
          elRef: s.offer.components.ids.payment,
          processState: 'Failed',
          completionCode: s.completionCode,
          processReference: s.paymentHandlerPayId,
          statusDesc: s.statusDesc,
        }),
      }),
    ],
  });
  return { root, msgId: ids.msgId };
}

const consumerTransRef = (ids: IdAllocator, s: ConsumerEnvelope & { readonly offer: SignedOffer }) =>
  buildTransRefBlk({
    id: ids.next(),
    transId: s.offer.components.transId,
    msgId: {
      id: ids.msgId,
      respIotpMsg: s.respIotpMsg,
      senderTradingRoleRef: s.offer.components.ids.consumerRole,
      softwareId: s.softwareId ?? WALLET_SOFTWARE_ID,
      timeStamp: s.timeStamp,
    },
  });
