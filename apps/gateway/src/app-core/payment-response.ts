import {
  buildIotpSignatures,
  buildPayReceipt,
  buildPayRespBlk,
  buildPaySchemeData,
  buildPaymentNote,
  buildSignature,
  buildStatus,
  domHash,
  type IdAllocator,
  type SignatureSignKey,
  type XmlElement,
} from '@ph/iotp';
import type { Attempt } from '../transaction/iotp-transaction.state';
import type { DigestRef } from '../transaction/iotp-transaction.events';
import type { ProcessStateInfo, SchemeData } from './payment-api-client';

/** The key of the receipt signature: the merchant's shared HMAC key or the PH's ECDSA key (profile §2.6). */
export interface ReceiptKey {
  readonly keyId: string;
  readonly key: SignatureSignKey;
}

export interface PaymentResponseInput {
  readonly attempt: Attempt;
  readonly info: ProcessStateInfo;
  readonly schemeOut: readonly SchemeData[];
  readonly notes: readonly SchemeData[];
  readonly transId: XmlElement;
  /** Consumer PaySchemeData digests of this attempt, including the one in the message being answered. */
  readonly consumerSchemeData: readonly { readonly names: readonly string[]; readonly ref: DigestRef }[];
  readonly iotpTransId: string;
  readonly receiptKey?: ReceiptKey;
}

const b64 = (ref: DigestRef) => ({ id: ref.id, digest: Buffer.from(ref.digest, 'base64') });

/**
 * The Payment Response Block and, when the Payment asked for it, the Payment Receipt Signature
 * (profile §2.6), with IDs allocated like the reference PH (TransRefBlk, IotpSignatures, Signature,
 * PayRespBlk, Status, PayReceipt, PaySchemeData, PaymentNote, then Algorithms and Value).
 */
export function buildPaymentResponse(
  input: PaymentResponseInput,
  ids: IdAllocator,
  transRefBlk: () => XmlElement,
): { parts: { signatures?: XmlElement; blocks: XmlElement[] }; status: XmlElement } {
  const { attempt, info } = input;
  const started = attempt.started;
  const signed = started.signedPayReceipt && input.receiptKey !== undefined;
  const signaturesId = signed ? ids.next() : undefined;
  const signatureId = signed ? ids.next() : undefined;
  const blkId = ids.next();
  const completed = info.processState === 'CompletedOk';
  const status = buildStatus({
    id: ids.next(),
    statusType: 'Payment',
    elRef: started.paymentRef,
    processState: completed ? 'CompletedOk' : 'Failed',
    completionCode: completed ? undefined : (info.completionCode ?? 'Unspecified'),
    processReference: started.payId,
    statusDesc: info.statusDesc ?? (completed ? 'Payment completed' : 'Payment failed'),
  });
  const payReceipt = completed
    ? buildPayReceipt({
        id: ids.next(),
        paymentRef: started.paymentRef,
        payReceiptNameRefs: info.payReceiptNameRefs,
      })
    : undefined;
  const paySchemeData =
    input.schemeOut.length > 0
      ? buildPaySchemeData({
          id: ids.next(),
          paymentRef: started.paymentRef,
          consumerPaymentId: started.consumerPaymentId,
          paymentHandlerPayId: started.payId,
          packagedContents: input.schemeOut,
        })
      : undefined;
  const paymentNote =
    input.notes.length > 0 ? buildPaymentNote({ id: ids.next(), packagedContents: input.notes }) : undefined;
  const payRespBlk = buildPayRespBlk({ id: blkId, status, payReceipt, paySchemeData, paymentNote });

  if (!signed || !input.receiptKey) return { parts: { blocks: [payRespBlk] }, status };

  const digestOf = (e: XmlElement) => ({ id: e.attrs['ID'], digest: domHash(e) });
  const receiptNames = new Set(completed ? info.payReceiptNameRefs : []);
  const digests = [
    digestOf(transRefBlk()),
    digestOf(input.transId),
    ...started.receiptDigests.signatures.map(b64),
    digestOf(status),
    ...(payReceipt ? [digestOf(payReceipt)] : []),
    ...(paySchemeData ? [digestOf(paySchemeData)] : []),
    ...(paymentNote ? [digestOf(paymentNote)] : []),
    b64(started.receiptDigests.brandSelection),
    ...input.consumerSchemeData
      .filter((d) => d.names.some((n) => receiptNames.has(n)))
      .map((d) => b64(d.ref)),
  ];
  const signature = buildSignature({
    nextId: () => ids.next(),
    signatureId,
    iotpTransId: input.iotpTransId,
    digests,
    signatureType: 'PaymentResponse',
    originatorRef: started.phOrgRef,
    recipientRefs: [started.merchantOrgRef],
    keyId: input.receiptKey.keyId,
    key: input.receiptKey.key,
  });
  return {
    parts: {
      signatures: buildIotpSignatures({ id: signaturesId as string, signatures: [signature] }),
      blocks: [payRespBlk],
    },
    status,
  };
}
