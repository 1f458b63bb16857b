import type { XmlElement } from '../xml/xml-node';
import type { SignatureKeyLookup } from './keys';
import { verifyIotpSignature, type SignatureCheck } from './verify-signature';

export interface OfferResponseVerification {
  signature: XmlElement;
  iotpTransId: string;
  /** Elements with an `ID` in the Payment Request. */
  elementsById: ReadonlyMap<string, XmlElement>;
  /** IDs of TransId, BrandList, Payment, Merchant Org and PH Org (profile §2.5). */
  requiredTargetIds: readonly string[];
  /** `ID` of the Merchant's `Org` element. */
  merchantOrgId: string;
  /** `ID` of the PH's `Org` element. */
  phOrgId: string;
  /** This merchant's keys. */
  lookupKey: SignatureKeyLookup;
}

/** The PH's check of an Offer Response Signature, rules 1–5 of profile §2.5 (failure → `ElContIllegal`). */
export function verifyOfferResponseSignature(v: OfferResponseVerification): SignatureCheck {
  return verifyIotpSignature({
    signature: v.signature,
    iotpTransId: v.iotpTransId,
    elementsById: v.elementsById,
    requiredTargetIds: v.requiredTargetIds,
    signatureType: 'OfferResponse',
    originatorOrgId: v.merchantOrgId,
    recipientOrgId: v.phOrgId,
    lookupKey: v.lookupKey,
  });
}
