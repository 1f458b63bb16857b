import { domHash } from '../dom-hash/dom-hash';
import type { XmlElement } from '../xml/xml-node';
import { algorithmKind, isSignatureTypeAttribute } from './algorithms';
import type { SignatureKeyLookup, SignatureVerifyKey } from './keys';
import { parseSignature, type IotpSignature, type SignatureAlgorithm } from './signature';
import { verifySignatureValue } from './signature-value';

export interface SignatureVerification {
  /** The `Signature` element as received (same IDs as the signer made it). */
  signature: XmlElement;
  /** The transaction the message belongs to: digests of other transactions are skipped. */
  iotpTransId: string;
  /** Every element with an `ID` the verifier holds (e.g. of the Payment Request). */
  elementsById: ReadonlyMap<string, XmlElement>;
  /** IDs that must be digested (profile §2.5: TransId, BrandList, Payment, Merchant Org, PH Org). */
  requiredTargetIds: readonly string[];
  /** `IOTPSignatureType` content the signature must carry. */
  signatureType: string;
  /** `ID` of the signer's `Org` element (`OriginatorRef`). */
  originatorOrgId: string;
  /** `ID` of the verifier's `Org` element (must be in a `RecipientRefs`). */
  recipientOrgId: string;
  /** Keys of the one party allowed to have signed (this merchant). */
  lookupKey: SignatureKeyLookup;
}

/**
 * `rule` is the number of the broken rule of profile §2.5 (1 type attribute, 2 originator, 3 algorithms/key,
 * 4 digests, 5 value); 0 when the element is not a Signature of the RFC 2801 shape at all.
 */
export type SignatureCheck = { ok: true } | { ok: false; rule: number; desc: string };

/** Rules 1–5 of profile §2.5, generalised over the signature type, signer and recipient. */
export function verifyIotpSignature(v: SignatureVerification): SignatureCheck {
  const parsed = parseSignature(v.signature);
  if (!parsed.ok) return fail(0, parsed.desc);
  const sig = parsed.signature;

  const typeAttrs = sig.attributes.filter((a) => isSignatureTypeAttribute(a.type));
  if (typeAttrs.length !== 1) return fail(1, `${typeAttrs.length} IOTPSignatureType attributes instead of 1`);
  const [typeAttr] = typeAttrs;
  if (typeAttr.critical !== 'true') return fail(1, 'IOTPSignatureType attribute is not critical="true"');
  if (typeAttr.value !== v.signatureType)
    return fail(1, `signature type '${typeAttr.value}' is not ${v.signatureType}`);
  if (sig.attributes.some((a) => a !== typeAttr && a.critical === 'true')) {
    return fail(1, 'unknown critical signature Attribute');
  }

  if (sig.originatorRef !== v.originatorOrgId) {
    return fail(2, `OriginatorRef '${sig.originatorRef ?? ''}' is not the signer's Org ${v.originatorOrgId}`);
  }

  const resolved = resolveRecipient(sig, v);
  if ('desc' in resolved) return fail(3, resolved.desc);

  const digestCheck = checkDigests(sig, v);
  if (digestCheck !== undefined) return fail(4, digestCheck);

  const value = Buffer.from(resolved.value, 'base64');
  if (
    !isCanonicalBase64(resolved.value) ||
    !verifySignatureValue(resolved.key, domHash(sig.manifest), value)
  ) {
    return fail(5, 'signature value does not verify');
  }
  return { ok: true };
}

/** Rule 3: the RecipientInfo addressed to us, its algorithm chain, signature Value and key. */
function resolveRecipient(
  sig: IotpSignature,
  v: SignatureVerification,
): { key: SignatureVerifyKey; value: string } | { desc: string } {
  const recipient = sig.recipients.find((r) => r.recipientRefs.includes(v.recipientOrgId));
  if (!recipient) return { desc: `no RecipientInfo addressed to ${v.recipientOrgId}` };
  const algorithms = new Map(sig.algorithms.map((a) => [a.id, a]));
  const alg = algorithms.get(recipient.signatureAlgorithmRef);
  if (!alg) return { desc: `SignatureAlgorithmRef '${recipient.signatureAlgorithmRef}' names no Algorithm` };
  const kind = algorithmKind(alg.name);
  if ((kind !== 'hmac' && kind !== 'ecdsa') || (alg.type !== undefined && alg.type !== 'signature')) {
    return { desc: `signature algorithm '${alg.name}' is not accepted` };
  }
  const chainError = checkSignatureParameters(alg, kind, algorithms);
  if (chainError) return { desc: chainError };

  const valueEl = sig.values.find((x) => x.id !== undefined && x.id === recipient.signatureValueRef);
  if (!valueEl) return { desc: `SignatureValueRef '${recipient.signatureValueRef ?? ''}' names no Value` };
  if (valueEl.encoding !== 'base64')
    return { desc: `signature Value encoding '${valueEl.encoding}' is not base64` };

  if (recipient.keyIdentifiers.length !== 1) return { desc: 'RecipientInfo needs exactly one KeyIdentifier' };
  const keyId = recipient.keyIdentifiers[0];
  const key = v.lookupKey(keyId);
  if (!key) return { desc: `key '${keyId}' is not a key of the signer` };
  if (key.alg !== (kind === 'hmac' ? 'hmac-sha256' : 'ecdsa-p256')) {
    return { desc: `key '${keyId}' does not fit algorithm '${alg.name}'` };
  }
  return { key, value: valueEl.value };
}

function checkSignatureParameters(
  alg: SignatureAlgorithm,
  kind: 'hmac' | 'ecdsa',
  algorithms: ReadonlyMap<string, SignatureAlgorithm>,
): string | undefined {
  const refs = alg.parameters.filter((p) => p.type === 'AlgorithmRef');
  if (refs.length !== 1 || !isDomHashSha256(algorithms.get(refs[0].value), algorithms)) {
    return `signature algorithm '${alg.id}' does not reference the DOM-HASH algorithm`;
  }
  if (kind === 'ecdsa') return undefined;
  const hashRefs = alg.parameters.filter((p) => p.type === 'HashAlgorithmRef');
  if (hashRefs.length > 1 || (hashRefs.length === 1 && !isSha256(algorithms.get(hashRefs[0].value)))) {
    return 'HMAC HashAlgorithmRef is not SHA-256';
  }
  const keyLengths = alg.parameters.filter((p) => p.type === 'KeyLength');
  if (keyLengths.length > 1 || (keyLengths.length === 1 && keyLengths[0].value !== '256')) {
    return 'HMAC KeyLength other than 256 (truncation) is not accepted';
  }
  return undefined;
}

const isSha256 = (a: SignatureAlgorithm | undefined): boolean =>
  a !== undefined && algorithmKind(a.name) === 'sha256' && (a.type === undefined || a.type === 'digest');

function isDomHashSha256(
  a: SignatureAlgorithm | undefined,
  algorithms: ReadonlyMap<string, SignatureAlgorithm>,
): boolean {
  if (
    a === undefined ||
    algorithmKind(a.name) !== 'dom-hash' ||
    (a.type !== undefined && a.type !== 'digest')
  ) {
    return false;
  }
  const refs = a.parameters.filter((p) => p.type === 'AlgorithmRef');
  return refs.length === 1 && isSha256(algorithms.get(refs[0].value));
}

/** Rule 4: DOM-HASH everywhere, required targets present, every held target matches. */
function checkDigests(sig: IotpSignature, v: SignatureVerification): string | undefined {
  const algorithms = new Map(sig.algorithms.map((a) => [a.id, a]));
  const present = new Set<string>();
  for (const d of sig.digests) {
    if (!isDomHashSha256(algorithms.get(d.digestAlgorithmRef), algorithms)) {
      return `Digest of '${d.href}' does not use the DOM-HASH algorithm`;
    }
    const { iotpTransId, elementId } = d.target;
    if (iotpTransId !== undefined && iotpTransId !== v.iotpTransId) continue; // another transaction
    present.add(elementId);
    const target = v.elementsById.get(elementId);
    if (target === undefined) continue; // not held by us: skipped unless required (below)
    if (domHash(target).toString('base64') !== d.value) return `Digest of '${elementId}' does not match`;
  }
  const missing = v.requiredTargetIds.filter((id) => !present.has(id));
  if (missing.length > 0) return `required Digest missing for ${missing.join(', ')}`;
  const notHeld = v.requiredTargetIds.filter((id) => !v.elementsById.has(id));
  return notHeld.length > 0 ? `required target ${notHeld.join(', ')} not in the message` : undefined;
}

const isCanonicalBase64 = (s: string): boolean =>
  s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').toString('base64') === s;

const fail = (rule: number, desc: string): SignatureCheck => ({ ok: false, rule, desc });
