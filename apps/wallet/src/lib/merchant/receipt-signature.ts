import {
  verifyIotpSignature,
  type InboundMessage,
  type SignatureCheck,
  type SignatureKeyLookup,
  type XmlElement,
} from '@ph/iotp';
import { childElements, firstChild, indexIds, orgIdWithRole } from '../iotp/element-index';

export interface ReceiptSignatureInput {
  /** The PH's Payment Response, read. */
  readonly response: InboundMessage;
  /** The roots of the wallet's own messages of this attempt: the Payment Request first, then its exchanges. */
  readonly sent: readonly XmlElement[];
  readonly lookupKey: SignatureKeyLookup;
}

/**
 * Profile §2.6 from the Merchant's side: a PaymentResponse signature by the PH Org, addressed to the
 * Merchant Org, with this merchant's key, whose required digests — the answer's TransRefBlk, TransId,
 * Status, PayReceipt, PaySchemeData, PaymentNote, the request's Signatures and BrandSelection, and the
 * Consumer PaySchemeData named by the receipt — are present and match the elements we hold.
 */
export function verifyReceiptSignature(input: ReceiptSignatureInput): SignatureCheck {
  const { response, sent } = input;
  const block = response.block;
  if (block.type !== 'PayRespBlk') return fail(0, `a ${block.type} is not a Payment Response`);
  const request = sent[0];
  const payReqBlk = request && firstChild(request, 'PayReqBlk');
  const ourTransId = firstChild(firstChild(request, 'TransRefBlk'), 'TransId')?.attrs['IotpTransId'];
  const iotpTransId = response.transRef.transId.iotpTransId;
  if (!payReqBlk || ourTransId !== iotpTransId) return fail(4, 'the answer belongs to another transaction');

  const merchantOrg = orgIdWithRole(payReqBlk, 'Merchant');
  const phOrg = orgIdWithRole(payReqBlk, 'PaymentHandler');
  if (!merchantOrg || !phOrg) return fail(2, 'the Payment Request names no Merchant or PH Org');

  const elementsById = new Map(response.index);
  for (const root of sent) indexIds(root, elementsById);

  const named = new Set(block.payReceipt?.payReceiptNameRefs ?? []);
  const consumerSchemeData = sent
    .flatMap(schemeDataOf)
    .filter((psd) => childElements(psd, 'PackagedContent').some((pc) => named.has(pc.attrs['Name'] ?? '')));
  const requestSignatures = childElements(firstChild(request, 'IotpSignatures') ?? request, 'Signature');
  const required = [
    response.transRef.id,
    response.transRef.transId.id,
    ...requestSignatures.map((s) => s.attrs['ID']),
    block.status.id,
    block.payReceipt?.id,
    block.paySchemeData?.id,
    block.paymentNote?.id,
    firstChild(payReqBlk, 'BrandSelection')?.attrs['ID'],
    ...consumerSchemeData.map((p) => p.attrs['ID']),
  ].filter((id): id is string => id !== undefined);

  const signatures = response.signatures?.signatures ?? [];
  if (signatures.length === 0) return fail(0, 'the Payment Response carries no signature');
  let first: SignatureCheck | undefined;
  for (const signature of signatures) {
    const check = verifyIotpSignature({
      signature,
      iotpTransId,
      elementsById,
      requiredTargetIds: required,
      signatureType: 'PaymentResponse',
      originatorOrgId: phOrg,
      recipientOrgId: merchantOrg,
      lookupKey: input.lookupKey,
    });
    if (check.ok) return check;
    first ??= check;
  }
  return first as SignatureCheck;
}

/** PaySchemeData of a Consumer message: in its PayReqBlk or PayExchBlk. */
const schemeDataOf = (root: XmlElement): XmlElement[] =>
  childElements(root).flatMap((b) =>
    b.name === 'PayReqBlk' || b.name === 'PayExchBlk' ? childElements(b, 'PaySchemeData') : [],
  );

const fail = (rule: number, desc: string): SignatureCheck => ({ ok: false, rule, desc });
