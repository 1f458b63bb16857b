import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domHash } from '../dom-hash/dom-hash';
import { parseIotpXml } from '../xml/parse';
import { isElement, type XmlElement } from '../xml/xml-node';
import { signaturesAddressedTo } from './addressed-to';
import { buildSignature } from './build-signature';
import { p256PublicKeyFromPoint, p256PublicPoint } from './ecdsa-p256';
import type { SignatureKeyLookup } from './keys';
import { parseSignature } from './signature';
import { verifyIotpSignature } from './verify-signature';
import { verifyOfferResponseSignature } from './verify-offer-response';

const TRANS = '20240501101530.e2780c0935b324b6@demo-merchant.example';
const MERCHANT_KEY = Buffer.from('f10ac7a575421f85be5e40a8f4dc3f4a1527251ccc13aa4a776c841589fbae26', 'hex');
const KEY_ID = 'demo-merchant.example/hmac-1';
const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const C1 = fixture('c1-payment-request.xml');
const C2 = fixture('c2-payment-exchange.xml');
const P2 = fixture('p2-payment-response.xml');

function parse(xml: string): XmlElement {
  const o = parseIotpXml(Buffer.from(xml));
  if (!o.ok) throw new Error(o.error.desc);
  return o.root;
}

function indexById(...roots: XmlElement[]): Map<string, XmlElement> {
  const map = new Map<string, XmlElement>();
  const walk = (el: XmlElement): void => {
    if (el.attrs.ID !== undefined && !map.has(el.attrs.ID)) map.set(el.attrs.ID, el);
    el.children.filter(isElement).forEach(walk);
  };
  roots.forEach(walk);
  return map;
}

const b64 = (el: XmlElement | undefined): string => domHash(el as XmlElement).toString('base64');
const manifestOf = (sig: XmlElement): XmlElement => sig.children.filter(isElement)[0];
const hmacKeys: SignatureKeyLookup = (id) =>
  id === KEY_ID ? { alg: 'hmac-sha256', secret: MERCHANT_KEY } : undefined;
const REQUIRED = ['M1.2', 'M1.5', 'M1.20', 'M1.11', 'M1.15'];

function offerCheck(
  xml: string,
  overrides: Partial<Parameters<typeof verifyOfferResponseSignature>[0]> = {},
) {
  const root = parse(xml);
  const ids = indexById(root);
  return verifyOfferResponseSignature({
    signature: ids.get('M1.22') as XmlElement,
    iotpTransId: TRANS,
    elementsById: ids,
    requiredTargetIds: REQUIRED,
    merchantOrgId: 'M1.11',
    phOrgId: 'M1.15',
    lookupKey: hmacKeys,
    ...overrides,
  });
}

/** Applies `edit` to C1 and re-signs the Manifest with the merchant key, so only the edit is tested. */
function resignedC1(edit: (xml: string) => string): string {
  const edited = edit(C1);
  const mh = domHash(manifestOf(indexById(parse(edited)).get('M1.22') as XmlElement));
  const value = createHmac('sha256', MERCHANT_KEY).update(mh).digest('base64');
  return edited.replace('4otZIfC2jNeqKiBzLF4j7q2gZAnal+LD6fT2C3MzE/I=', value);
}

describe('Offer Response Signature of message C1 (profile §5.5)', () => {
  const ids = indexById(parse(C1));
  const signature = ids.get('M1.22') as XmlElement;

  it('reproduces every Digest value', () => {
    const expected: Record<string, string> = {
      'M1.2': 'AvshSjd9RYnwPxGi1pq1E58troSGFDhaaoanjSvJur4=',
      'M1.5': 'zIdZkCALaJnmnUSzOmBNjee3LNDgM53ys58Gu1fSgUU=',
      'M1.20': 'p4FtRSaZ5cGfFEvUqj0d4XBY4SgLw6GBrD0In4PsylM=',
      'M1.11': 'HniIRJLGFdxXSBWP7qseGP+jgdT0TF6KQrHywQDFcp0=',
      'M1.15': 'crnIUWRG7g1vStW1jmkrfC5YH2zP8ji4Od6VWdc06Q8=',
      'M1.13': 'QEk/zveTsskmLmnP0e9zEuwNJ4lfq4ZFvQpD7TAnSX0=',
      'M1.18': 'fYCoThpRBQncko88FJ645+KRwnWeuCn7TKW544YR4lo=',
    };
    for (const [id, value] of Object.entries(expected)) expect([id, b64(ids.get(id))]).toEqual([id, value]);
  });

  it('reproduces DOM-HASH(Manifest) and the HMAC signature value', () => {
    const mh = domHash(manifestOf(signature));
    expect(mh.toString('hex')).toBe('6c0d678603096f52f8f560a04155f58f874619941ebf97986ed7e31617e4c88e');
    expect(createHmac('sha256', MERCHANT_KEY).update(mh).digest('base64')).toBe(
      '4otZIfC2jNeqKiBzLF4j7q2gZAnal+LD6fT2C3MzE/I=',
    );
  });

  it('reads the Signature into a typed object', () => {
    const o = parseSignature(signature);
    if (!o.ok) throw new Error(o.desc);
    const s = o.signature;
    expect(s.id).toBe('M1.22');
    expect(s.algorithms.map((a) => [a.id, a.type, a.name])).toEqual([
      ['M1.23', 'digest', 'urn:fips:sha256'],
      ['M1.24', 'digest', 'urn:ibm:dom-hash'],
      ['M1.25', 'signature', 'urn:ibm:hmac'],
    ]);
    expect(s.algorithms[2].parameters).toEqual([
      { type: 'AlgorithmRef', value: 'M1.24' },
      { type: 'HashAlgorithmRef', value: 'M1.23' },
    ]);
    expect(s.digests.map((d) => d.target)).toEqual(
      ['M1.2', 'M1.5', 'M1.20', 'M1.11', 'M1.15', 'M1.13', 'M1.18'].map((elementId) => ({
        iotpTransId: TRANS,
        elementId,
      })),
    );
    expect(s.attributes).toEqual([{ type: 'IOTPSignatureType', critical: 'true', value: 'OfferResponse' }]);
    expect(s.originatorRef).toBe('M1.11');
    expect(s.recipients).toEqual([
      {
        signatureAlgorithmRef: 'M1.25',
        signatureValueRef: 'M1.26',
        signatureCertRef: undefined,
        recipientRefs: ['M1.15'],
        keyIdentifiers: [KEY_ID],
      },
    ]);
    expect(s.values).toEqual([
      { id: 'M1.26', encoding: 'base64', value: '4otZIfC2jNeqKiBzLF4j7q2gZAnal+LD6fT2C3MzE/I=' },
    ]);
  });

  it('finds the Signatures addressed to the PH Org and none for the Consumer', () => {
    const block = ids.get('C1.2') as XmlElement;
    expect(signaturesAddressedTo(block, 'M1.15')).toEqual([signature]);
    expect(signaturesAddressedTo(block, 'M1.13')).toEqual([]);
  });

  describe('When the PH verifies it (rules 1–5 of profile §2.5)', () => {
    it('accepts the worked example', () => {
      expect(offerCheck(C1)).toEqual({ ok: true });
    });

    it('accepts the RFC 2802 algorithm names and type spelling of §2.4.1', () => {
      const variant = resignedC1((x) =>
        x
          .replace('urn:fips:sha256', 'urn:nist-gov:sha256')
          .replace('urn:ibm:dom-hash', 'urn:ibm-com:dom-hash')
          .replace('urn:ibm:hmac', 'urn:ietf-org:hmac')
          .replace('type="IOTPSignatureType"', 'type="IOTP Signature Type"'),
      );
      expect(offerCheck(variant)).toEqual({ ok: true });
    });

    it.each([
      [1, 'the type is not OfferResponse', (x: string) => x.replace('>OfferResponse<', '>PaymentResponse<')],
      [
        1,
        'the type attribute is not critical',
        (x: string) => x.replace('critical="true">Offer', 'critical="false">Offer'),
      ],
      [
        1,
        'there is an unknown critical Attribute',
        (x: string) =>
          x.replace(
            '<OriginatorInfo',
            '<Attribute type="x-new" critical="true">y</Attribute><OriginatorInfo',
          ),
      ],
      [
        2,
        'the originator is not the Merchant Org',
        (x: string) => x.replace('OriginatorRef="M1.11"', 'OriginatorRef="M1.13"'),
      ],
      [3, 'the signature algorithm is RSA', (x: string) => x.replace('urn:ibm:hmac', 'urn:rsa:rsa')],
      [3, 'the digest chain uses SHA-1', (x: string) => x.replace('urn:fips:sha256', 'urn:fips:sha1')],
      [
        3,
        'the HMAC is truncated',
        (x: string) =>
          x.replace(
            '<Parameter type="HashAlgorithmRef">',
            '<Parameter type="KeyLength">128</Parameter><Parameter type="HashAlgorithmRef">',
          ),
      ],
      [
        3,
        "the key is not this merchant's",
        (x: string) => x.replace(`value="${KEY_ID}"`, 'value="other-merchant.example/hmac-1"'),
      ],
      [
        3,
        'the SignatureValueRef names no Value',
        (x: string) => x.replace('SignatureValueRef="M1.26"', 'SignatureValueRef="M1.99"'),
      ],
      [4, 'a required digest is missing', (x: string) => x.replace(`#M1.20"`, `#M1.19"`)],
      [
        4,
        'a digest uses SHA-256 directly instead of DOM-HASH',
        (x: string) =>
          x.replace('<Digest DigestAlgorithmRef="M1.24">', '<Digest DigestAlgorithmRef="M1.23">'),
      ],
    ])('refuses with rule %i when %s', (rule, _label, edit) => {
      expect(offerCheck(resignedC1(edit))).toMatchObject({ ok: false, rule });
    });

    it('refuses with rule 4 when a signed component was changed', () => {
      expect(offerCheck(C1.replace('Amount="12.50"', 'Amount="1.25"'))).toMatchObject({ ok: false, rule: 4 });
    });

    it('refuses with rule 4 when a required target is not digested', () => {
      expect(offerCheck(C1, { requiredTargetIds: [...REQUIRED, 'C1.4'] })).toMatchObject({
        ok: false,
        rule: 4,
      });
    });

    it('skips digests of elements it does not hold', () => {
      const ids = indexById(parse(C1));
      ids.delete('M1.18');
      expect(offerCheck(C1, { elementsById: ids })).toEqual({ ok: true });
    });

    it('refuses with rule 5 when the value was made with another key or altered', () => {
      expect(
        offerCheck(C1, { lookupKey: () => ({ alg: 'hmac-sha256', secret: Buffer.alloc(32, 1) }) }),
      ).toMatchObject({ ok: false, rule: 5 });
      expect(
        offerCheck(C1.replace('4otZIfC2jNeqKiBzLF4j7q2gZAnal', '4otZIfC2jNeqKiBzLF4j7q2gZAnaL')),
      ).toMatchObject({ ok: false, rule: 5 });
    });

    it('refuses with rule 0 what is not a Signature of the RFC shape', () => {
      expect(offerCheck(C1.replace('<Manifest>', '<Manifest><Foo/>'))).toMatchObject({ ok: false, rule: 0 });
    });
  });
});

describe('Payment Response signature of message P2 (profile §5.6)', () => {
  const p2 = indexById(parse(P2));
  const all = indexById(parse(P2), parse(C1), parse(C2));
  const expected: [string, string][] = [
    ['P2.1', 'FSvyB298jp38SnRP7PBSY1NBc3SM/bmDUb8HlP2mQd8='],
    ['M1.2', 'AvshSjd9RYnwPxGi1pq1E58troSGFDhaaoanjSvJur4='],
    ['M1.22', 'OcBZDDjJWhFyjYRWq/+DGmr0YsU7gIAiAD+s2yMABQs='],
    ['P2.5', '2WIE4FZSpCNGTW6XbrU+pxO9pMdA20u0VEWJ2/lnF4I='],
    ['P2.6', 'UrCIFoV2pGWGNYTfqflcgUqIXlXzsz7NZ9tCArmEHA4='],
    ['P2.7', 'x9n8P2Z5lY0Pi4g82FunwVxfZB6qPDpTnGaaafYZ3LI='],
    ['P2.8', 'rzWpUEkFZlNOPmPPUlPUEOxjsQ422onEePK8wSJx6KI='],
    ['C1.4', 'HVK5jaP08rUgHyfA4WARibjFO0FPJORuKnnMsWbTY/Q='],
    ['C2.3', 'gVuKSGQyuxMstdVOMWW7MMuZLg4w8uQEalpg57OvoMY='],
  ];

  it('reproduces every Digest value from C1, C2 and P2', () => {
    expect(expected.map(([id]) => [id, b64(all.get(id))])).toEqual(expected);
  });

  it('reproduces DOM-HASH(Manifest) and the signature value', () => {
    const mh = domHash(manifestOf(p2.get('P2.3') as XmlElement));
    expect(mh.toString('hex')).toBe('d0fcc0abe01bcaa0d389f6fc6fe686d9b99d275bf07c3a370b2fb7409865037a');
    expect(createHmac('sha256', MERCHANT_KEY).update(mh).digest('base64')).toBe(
      'PFrpiYoFYStxeF8Y3jbFnZ33rJD11i/Qv5+RmbctF9U=',
    );
  });

  it('verifies as the Merchant would (type PaymentResponse, signer = PH Org)', () => {
    const check = verifyIotpSignature({
      signature: p2.get('P2.3') as XmlElement,
      iotpTransId: TRANS,
      elementsById: all,
      requiredTargetIds: ['M1.2', 'M1.22'],
      signatureType: 'PaymentResponse',
      originatorOrgId: 'M1.15',
      recipientOrgId: 'M1.11',
      lookupKey: hmacKeys,
    });
    expect(check).toEqual({ ok: true });
  });

  it('is rebuilt by buildSignature with the exact Value and an identical element digest', () => {
    let next = 9;
    const built = buildSignature({
      signatureId: 'P2.3',
      nextId: () => `P2.${next++}`,
      iotpTransId: TRANS,
      digests: expected.map(([id]) => ({ id, digest: domHash(all.get(id) as XmlElement) })),
      signatureType: 'PaymentResponse',
      originatorRef: 'M1.15',
      recipientRefs: ['M1.11'],
      keyId: KEY_ID,
      key: { alg: 'hmac-sha256', secret: MERCHANT_KEY },
    });
    const original = p2.get('P2.3') as XmlElement;
    expect(built.children.filter(isElement)[1]).toEqual({
      name: 'Value',
      attrs: { ID: 'P2.12', encoding: 'base64' },
      children: [{ text: 'PFrpiYoFYStxeF8Y3jbFnZ33rJD11i/Qv5+RmbctF9U=' }],
    });
    expect(domHash(built)).toEqual(domHash(original));
    expect(built).toEqual(original); // same shape, order and attributes as the parsed example
  });
});

describe('buildSignature', () => {
  const ids = indexById(parse(C1));
  const targets = ['M1.2', 'M1.5', 'M1.20', 'M1.11', 'M1.15', 'M1.13', 'M1.18'].map((id) => ({
    id,
    digest: domHash(ids.get(id) as XmlElement),
  }));

  it('reproduces the Merchant signature of C1 allocating M1.22–M1.26 in a row', () => {
    let next = 22;
    const built = buildSignature({
      nextId: () => `M1.${next++}`,
      iotpTransId: TRANS,
      digests: targets,
      signatureType: 'OfferResponse',
      originatorRef: 'M1.11',
      recipientRefs: ['M1.15'],
      keyId: KEY_ID,
      key: { alg: 'hmac-sha256', secret: MERCHANT_KEY },
    });
    expect(built).toEqual(ids.get('M1.22'));
  });

  it('builds an ECDSA P-256 signature the verifier accepts', () => {
    const d = Buffer.from('3b0df57b401065ed12736e09b537b03af982992f232d98a2395d03b42821ceab', 'hex');
    let next = 22;
    const signature = buildSignature({
      nextId: () => `M1.${next++}`,
      iotpTransId: TRANS,
      digests: targets,
      signatureType: 'OfferResponse',
      originatorRef: 'M1.11',
      recipientRefs: ['M1.15'],
      keyId: 'pay.bank.example/ecdsa-1',
      key: { alg: 'ecdsa-p256', privateKey: d },
    });
    const publicKey = p256PublicKeyFromPoint(p256PublicPoint(d));
    const check = verifyOfferResponseSignature({
      signature,
      iotpTransId: TRANS,
      elementsById: ids,
      requiredTargetIds: REQUIRED,
      merchantOrgId: 'M1.11',
      phOrgId: 'M1.15',
      lookupKey: (id) => (id === 'pay.bank.example/ecdsa-1' ? { alg: 'ecdsa-p256', publicKey } : undefined),
    });
    expect(check).toEqual({ ok: true });
    expect(manifestOf(signature).children.filter(isElement)[2].attrs.name).toBe('urn:ansi-org:ecdsa');
  });
});
