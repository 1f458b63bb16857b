import { resolveLocator, type LocatorTarget } from './locator';
import { isElement, type XmlElement } from '../xml/xml-node';

export interface SignatureParameter {
  type: string;
  /** Content, XML white space trimmed (an ID or a number). */
  value: string;
}

export interface SignatureAlgorithm {
  id: string;
  type: string | undefined;
  name: string;
  parameters: readonly SignatureParameter[];
}

export interface SignatureDigest {
  digestAlgorithmRef: string;
  href: string;
  target: LocatorTarget;
  /** Base64 content with XML white space removed. */
  value: string;
}

export interface SignatureAttribute {
  type: string;
  critical: string | undefined;
  value: string;
}

export interface SignatureRecipient {
  signatureAlgorithmRef: string;
  signatureValueRef: string | undefined;
  signatureCertRef: string | undefined;
  recipientRefs: readonly string[];
  keyIdentifiers: readonly string[];
}

export interface SignatureValue {
  id: string | undefined;
  /** DTD default `base64`. */
  encoding: string;
  /** Content with XML white space removed (profile §2.4.3: verifiers strip it). */
  value: string;
}

/** A `Signature` element (iotp-messages §5.12) read into a typed object; the elements stay available. */
export interface IotpSignature {
  id: string | undefined;
  element: XmlElement;
  manifest: XmlElement;
  locatorHRefBase: string | undefined;
  algorithms: readonly SignatureAlgorithm[];
  digests: readonly SignatureDigest[];
  attributes: readonly SignatureAttribute[];
  originatorRef: string | undefined;
  recipients: readonly SignatureRecipient[];
  values: readonly SignatureValue[];
}

export type SignatureParseOutcome = { ok: true; signature: IotpSignature } | { ok: false; desc: string };

const MANIFEST_ORDER = ['Algorithm', 'Digest', 'Attribute', 'OriginatorInfo', 'RecipientInfo'];

/**
 * Reads `Signature := Manifest, Value+` with `Manifest := Algorithm+, Digest+, Attribute*, OriginatorInfo,
 * RecipientInfo+`. Prefixed (extension) elements are skipped; `Certificate`s are ignored (profile §2.4.4).
 */
export function parseSignature(el: XmlElement): SignatureParseOutcome {
  if (el.name !== 'Signature') return { ok: false, desc: `'${el.name}' is not a Signature` };
  const children = iotpChildren(el);
  const manifest = children[0];
  if (manifest?.name !== 'Manifest') return { ok: false, desc: 'Signature does not start with a Manifest' };
  const values: SignatureValue[] = [];
  for (const c of children.slice(1)) {
    if (c.name === 'Value') values.push(readValue(c));
    else if (c.name !== 'Certificate') return { ok: false, desc: `unexpected '${c.name}' in Signature` };
  }
  if (values.length === 0) return { ok: false, desc: 'Signature without Value' };

  const algorithms: SignatureAlgorithm[] = [];
  const digests: SignatureDigest[] = [];
  const attributes: SignatureAttribute[] = [];
  const recipients: SignatureRecipient[] = [];
  let originatorRef: string | undefined;
  let originators = 0;
  let rank = 0;
  const base = attr(manifest, 'LocatorHRefBase') ?? attr(manifest, 'LocatorHrefBase');
  for (const c of iotpChildren(manifest)) {
    const r = MANIFEST_ORDER.indexOf(c.name);
    if (r === -1) return { ok: false, desc: `unexpected '${c.name}' in Manifest` };
    if (r < rank) return { ok: false, desc: `'${c.name}' out of order in Manifest` };
    rank = r;
    switch (c.name) {
      case 'Algorithm': {
        const id = ref(c, 'ID');
        const name = ref(c, 'name');
        if (!id || !name) return { ok: false, desc: 'Algorithm without ID or name' };
        const parameters = iotpChildren(c)
          .filter((p) => p.name === 'Parameter')
          .map((p) => ({ type: attr(p, 'type') ?? '', value: textOf(p).trim() }));
        algorithms.push({ id, type: ref(c, 'type'), name, parameters });
        break;
      }
      case 'Digest': {
        const [locator, value, ...rest] = iotpChildren(c);
        const href = locator?.name === 'Locator' ? attr(locator, 'href') : undefined;
        const digestAlgorithmRef = ref(c, 'DigestAlgorithmRef');
        if (href === undefined || value?.name !== 'Value' || rest.length > 0 || !digestAlgorithmRef) {
          return { ok: false, desc: 'Digest is not DigestAlgorithmRef + Locator + Value' };
        }
        digests.push({
          digestAlgorithmRef,
          href,
          target: resolveLocator(href, base),
          value: readValue(value).value,
        });
        break;
      }
      case 'Attribute':
        attributes.push({
          type: attr(c, 'type') ?? '',
          critical: ref(c, 'critical'),
          value: textOf(c).trim(),
        });
        break;
      case 'OriginatorInfo':
        originators++;
        originatorRef = ref(c, 'OriginatorRef');
        break;
      case 'RecipientInfo': {
        const signatureAlgorithmRef = ref(c, 'SignatureAlgorithmRef');
        if (!signatureAlgorithmRef) return { ok: false, desc: 'RecipientInfo without SignatureAlgorithmRef' };
        recipients.push({
          signatureAlgorithmRef,
          signatureValueRef: ref(c, 'SignatureValueRef'),
          signatureCertRef: ref(c, 'SignatureCertRef'),
          recipientRefs: tokens(attr(c, 'RecipientRefs')),
          keyIdentifiers: iotpChildren(c)
            .filter((k) => k.name === 'KeyIdentifier')
            .map((k) => attr(k, 'value') ?? ''),
        });
        break;
      }
    }
  }
  if (algorithms.length === 0 || digests.length === 0 || originators !== 1 || recipients.length === 0) {
    return { ok: false, desc: 'Manifest needs Algorithm+, Digest+, one OriginatorInfo, RecipientInfo+' };
  }
  const signature: IotpSignature = {
    id: ref(el, 'ID'),
    element: el,
    manifest,
    locatorHRefBase: base,
    algorithms,
    digests,
    attributes,
    originatorRef,
    recipients,
    values,
  };
  return { ok: true, signature };
}

function readValue(v: XmlElement): SignatureValue {
  return {
    id: ref(v, 'ID'),
    encoding: ref(v, 'encoding') ?? 'base64',
    value: textOf(v).replace(/[ \t\r\n]+/g, ''),
  };
}

const iotpChildren = (el: XmlElement): XmlElement[] =>
  el.children.filter((c): c is XmlElement => isElement(c) && c.name.indexOf(':') === -1);

const attr = (el: XmlElement, name: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(el.attrs, name) ? el.attrs[name] : undefined;

/** NMTOKEN-like values (IDs, references, enumerations) are compared trimmed. */
const ref = (el: XmlElement, name: string): string | undefined => attr(el, name)?.trim();

export const tokens = (v: string | undefined): string[] =>
  (v ?? '').split(/[ \t\r\n]+/).filter((t) => t !== '');

export function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) if (!isElement(c)) s += c.text;
  return s;
}
