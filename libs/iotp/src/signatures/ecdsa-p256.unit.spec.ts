import { createHash, verify } from 'node:crypto';
import { ecdsaP256Sign, p256PublicKeyFromPoint, p256PublicPoint } from './ecdsa-p256';

const h = (s: string): Buffer => Buffer.from(s, 'hex');

describe('ecdsaP256Sign (RFC 6979 deterministic nonces)', () => {
  it('reproduces RFC 6979 A.2.5 (P-256, SHA-256, "sample")', () => {
    const d = h('C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721');
    const sig = ecdsaP256Sign(d, Buffer.from('sample'));
    expect(sig.toString('hex').toUpperCase()).toBe(
      'EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716' +
        'F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8',
    );
    expect(
      verify(
        'sha256',
        Buffer.from('sample'),
        { key: p256PublicKeyFromPoint(p256PublicPoint(d)), dsaEncoding: 'ieee-p1363' },
        sig,
      ),
    ).toBe(true);
  });

  it('reproduces profile §5.7 over the receipt Manifest digest of §5.6', () => {
    const d = h('3b0df57b401065ed12736e09b537b03af982992f232d98a2395d03b42821ceab');
    const mh = h('d0fcc0abe01bcaa0d389f6fc6fe686d9b99d275bf07c3a370b2fb7409865037a');
    const q = p256PublicPoint(d);
    expect(q.toString('hex')).toBe(
      '047de97c5405e1bb6047029d0ac9cdfd7ee4d5b7318b922cd3c5d90a6d9effc0ff50113720e1a65a8f0603b5c88f94dd102632a8e5048a47dfa4e50636c035bd2c',
    );
    const sig = ecdsaP256Sign(d, mh);
    expect(sig.toString('hex')).toBe(
      '4d5a4bc1a13eba4e74a303608abdef991f8b19b39562eb78d157fdefd12b3950' +
        '6fdd041ef5211cbace5fc9df8fca2e30000a4019cce04a692de0825682b0c5ae',
    );
    expect(verify('sha256', mh, { key: p256PublicKeyFromPoint(q), dsaEncoding: 'ieee-p1363' }, sig)).toBe(
      true,
    );
  });

  it('signs many messages verifiably and deterministically', () => {
    const d = createHash('sha256').update('test key').digest();
    const key = p256PublicKeyFromPoint(p256PublicPoint(d));
    for (let i = 0; i < 10; i++) {
      const m = Buffer.from(`message ${i}`);
      const sig = ecdsaP256Sign(d, m);
      expect(ecdsaP256Sign(d, m)).toEqual(sig);
      expect(verify('sha256', m, { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
    }
  });

  it('refuses an out-of-range private scalar', () => {
    expect(() => ecdsaP256Sign(Buffer.alloc(32), Buffer.from('x'))).toThrow();
  });
});
