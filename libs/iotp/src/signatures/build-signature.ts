import { domHash } from '../dom-hash/dom-hash';
import type { XmlElement, XmlNode } from '../xml/xml-node';
import { DOM_HASH_URN, ECDSA_URN, HMAC_URN, SHA256_URN, SIGNATURE_TYPE_ATTRIBUTE } from './algorithms';
import type { SignatureSignKey } from './keys';
import { locatorHref } from './locator';
import { computeSignatureValue } from './signature-value';

export type IotpSignatureType = 'OfferResponse' | 'PaymentResponse' | 'PingRequest' | 'PingResponse';

export interface DigestTarget {
  /** `ID` of the digested element. */
  id: string;
  /** Its DOM-HASH (`domHash(element)`). */
  digest: Buffer;
}

export interface BuildSignatureInput {
  /**
   * Allocates the IDs this function needs, in this order: [`Signature` unless `signatureId` is given],
   * SHA-256 `Algorithm`, DOM-HASH `Algorithm`, signature `Algorithm`, signature `Value`.
   */
  nextId: () => string;
  /**
   * A `Signature` ID the caller allocated earlier. The reference PH (profile §2.6, message P2) allocates it
   * right after `IotpSignatures` and before the Payment Response components, and the Algorithms and Value
   * after them (P2.3, then P2.9–P2.12); the reference Merchant allocates all five in a row (M1.22–M1.26):
   * leave this out.
   */
  signatureId?: string;
  iotpTransId: string;
  /** In Manifest order. */
  digests: readonly DigestTarget[];
  signatureType: IotpSignatureType;
  /** `ID` of the signer's `Org`. */
  originatorRef: string;
  /** `ID`s of the `Org`s that verify it. */
  recipientRefs: readonly string[];
  /** `KeyIdentifier/@value`. */
  keyId: string;
  key: SignatureSignKey;
}

/**
 * A `Signature` element in the exact shape of profile §2.5/§2.6 (element and attribute order of §6.1):
 * Manifest (three Algorithms, the Digests, the type Attribute, OriginatorInfo, RecipientInfo with
 * KeyIdentifier), then the `Value` over DOM-HASH(Manifest).
 */
export function buildSignature(input: BuildSignatureInput): XmlElement {
  const signatureId = input.signatureId ?? input.nextId();
  const sha256Id = input.nextId();
  const domHashId = input.nextId();
  const signatureAlgId = input.nextId();
  const valueId = input.nextId();
  const hmac = input.key.alg === 'hmac-sha256';

  const manifest = el('Manifest', {}, [
    el('Algorithm', { ID: sha256Id, type: 'digest', name: SHA256_URN }),
    el('Algorithm', { ID: domHashId, type: 'digest', name: DOM_HASH_URN }, [
      parameter('AlgorithmRef', sha256Id),
    ]),
    el(
      'Algorithm',
      { ID: signatureAlgId, type: 'signature', name: hmac ? HMAC_URN : ECDSA_URN },
      hmac
        ? [parameter('AlgorithmRef', domHashId), parameter('HashAlgorithmRef', sha256Id)]
        : [parameter('AlgorithmRef', domHashId)],
    ),
    ...input.digests.map((d) =>
      el('Digest', { DigestAlgorithmRef: domHashId }, [
        el('Locator', { href: locatorHref(input.iotpTransId, d.id) }),
        el('Value', {}, [{ text: d.digest.toString('base64') }]),
      ]),
    ),
    el('Attribute', { type: SIGNATURE_TYPE_ATTRIBUTE, critical: 'true' }, [{ text: input.signatureType }]),
    el('OriginatorInfo', { OriginatorRef: input.originatorRef }),
    el(
      'RecipientInfo',
      {
        SignatureAlgorithmRef: signatureAlgId,
        SignatureValueRef: valueId,
        RecipientRefs: input.recipientRefs.join(' '),
      },
      [el('KeyIdentifier', { value: input.keyId })],
    ),
  ]);
  const value = computeSignatureValue(input.key, domHash(manifest)).toString('base64');
  return el('Signature', { ID: signatureId }, [
    manifest,
    el('Value', { ID: valueId, encoding: 'base64' }, [{ text: value }]),
  ]);
}

const el = (name: string, attrs: Record<string, string>, children: XmlNode[] = []): XmlElement => ({
  name,
  attrs,
  children,
});

const parameter = (type: string, ref: string): XmlElement => el('Parameter', { type }, [{ text: ref }]);
