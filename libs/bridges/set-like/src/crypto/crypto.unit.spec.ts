import { generateKeyPairSync } from 'node:crypto';
import { acctHash, issueCredential, thumbprint, verifyCredential } from './credentials';
import { DEV_CA, DEV_CA_PUBLIC, devGatewayKexKey } from './dev-keys';
import { devKeyPair, digestOf, signObject, verifyObject } from './es256';
import { canonicalJson } from './jcs';
import { jweDecrypt, jweEncrypt } from './jwe';

describe('SET-like crypto', () => {
  it('writes RFC 8785 canonical JSON (sorted keys, no whitespace)', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[true,null,"x"]},"b":1}',
    );
    expect(canonicalJson({ z: undefined, a: '1' })).toBe('{"a":"1"}');
    expect(() => canonicalJson({ a: 1.5 })).toThrow('safe integers');
  });

  it('derives the same DEV key pair from a label every time', () => {
    expect(devKeyPair('ca').publicJwk).toEqual(DEV_CA_PUBLIC);
    expect(devKeyPair('other').publicJwk).not.toEqual(DEV_CA_PUBLIC);
  });

  it('signs over JCS without Sig (key order irrelevant) and detects any change', () => {
    const key = devKeyPair('t');
    const signed = signObject({ b: '2', a: '1' }, key.privateKey, 'kid');
    expect(signed.Sig).toMatchObject({ alg: 'ES256', kid: 'kid' });
    expect(Buffer.from(signed.Sig.value, 'base64url')).toHaveLength(64);
    expect(verifyObject({ a: '1', Sig: signed.Sig, b: '2' }, key.publicJwk)).toBe(true);
    expect(verifyObject({ ...signed, a: '9' }, key.publicJwk)).toBe(false);
    expect(verifyObject(signed, devKeyPair('u').publicJwk)).toBe(false);
  });

  it('issues and verifies CA credentials; rejects tampered, foreign-CA or expired ones', () => {
    const holder = devKeyPair('holder');
    const fields = {
      CredType: 'cardholder' as const,
      CredID: 'c1',
      Subject: 's',
      BrandID: 'VISA',
      PubKey: holder.publicJwk,
      NotBefore: '2020-01-01T00:00:00Z',
      NotAfter: '2030-01-01T00:00:00Z',
      AcctHash: acctHash('4111111111111111', '2030-12', 'secret'),
    };
    const cred = issueCredential(fields, DEV_CA.privateKey);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(verifyCredential(cred, DEV_CA_PUBLIC, now)).toEqual(cred);
    expect(verifyCredential({ ...cred, BrandID: 'MasterCard' }, DEV_CA_PUBLIC, now)).toBeUndefined();
    expect(
      verifyCredential(issueCredential(fields, devKeyPair('x').privateKey), DEV_CA_PUBLIC, now),
    ).toBeUndefined();
    expect(verifyCredential(cred, DEV_CA_PUBLIC, new Date('2031-01-01T00:00:00Z'))).toBeUndefined();
    expect(thumbprint(cred)).toBe(digestOf(cred));
    expect(cred.AcctHash).not.toContain('4111');
  });

  it('JWE ECDH-ES/A256GCM round-trips, binds xid in the protected header and fails with another key', () => {
    const kex = devGatewayKexKey();
    const jwe = jweEncrypt(
      Buffer.from('{"PAN":"4111111111111111"}'),
      kex.credential.PubKey,
      kex.kid,
      'XID123',
    );
    expect(jwe.split('.')).toHaveLength(5);
    expect(jwe).not.toContain('4111');
    const { header, plaintext } = jweDecrypt(jwe, kex.privateKey);
    expect(header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', xid: 'XID123' });
    expect(plaintext.toString()).toBe('{"PAN":"4111111111111111"}');
    const [h, , iv, ct, tag] = jwe.split('.');
    const forgedHeader = Buffer.from(JSON.stringify({ ...header, xid: 'OTHER' })).toString('base64url');
    expect(() => jweDecrypt(`${forgedHeader}..${iv}.${ct}.${tag}`, kex.privateKey)).toThrow(
      'does not decrypt',
    );
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(() => jweDecrypt(`${h}..${iv}.${ct}.${tag}`, other)).toThrow('does not decrypt');
    expect(() => jweDecrypt('a.b.c', kex.privateKey)).toThrow('compact');
  });
});
