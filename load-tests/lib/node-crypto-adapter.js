// node:crypto in the shape the shared load-test modules expect (iotp-hash-secret.js, iotp-set-like.js).
// This directory imports nothing, so the node:crypto module itself is passed in:
//   import * as nodeCrypto from 'node:crypto';
//   const crypto = nodeCryptoAdapter(nodeCrypto);
// Used by scripts/load.mjs and by the jest tests of the modules (the k6 scripts have their own adapter
// over k6/crypto and WebCrypto in load-tests/k6/).

/** @param {any} nc the node:crypto module */
export function nodeCryptoAdapter(nc) {
  const u8 = (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const publicKeys = new Map();
  const publicKey = (jwk) => {
    const id = `${jwk.x}.${jwk.y}`;
    let k = publicKeys.get(id);
    if (!k) {
      k = nc.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
      if (publicKeys.size > 1000) publicKeys.clear();
      publicKeys.set(id, k);
    }
    return k;
  };
  const exportJwk = (key) => {
    const j = key.export({ format: 'jwk' });
    return { kty: 'EC', crv: 'P-256', x: j.x, y: j.y };
  };
  return {
    sha256: (data) => u8(nc.createHash('sha256').update(data).digest()),
    sha1: (data) => u8(nc.createHash('sha1').update(data).digest()),
    hmacSha256: (key, data) => u8(nc.createHmac('sha256', key).update(data).digest()),
    randomBytes: (n) => u8(nc.randomBytes(n)),
    ecGenerate: () => {
      const pair = nc.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return { privateKey: pair.privateKey, publicJwk: exportJwk(pair.publicKey) };
    },
    ecImportSigningKey: (jwk) => nc.createPrivateKey({ key: jwk, format: 'jwk' }),
    ecdsaSign: (privateKey, data) =>
      u8(nc.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
    ecdsaVerify: (jwk, data, signature) =>
      nc.verify('sha256', data, { key: publicKey(jwk), dsaEncoding: 'ieee-p1363' }, signature),
    ecdh: (privateKey, jwk) => u8(nc.diffieHellman({ privateKey, publicKey: publicKey(jwk) })),
    aesGcmEncrypt: (key, iv, plaintext, aad) => {
      const cipher = nc.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const head = cipher.update(plaintext);
      const tail = cipher.final();
      const tag = cipher.getAuthTag();
      const out = new Uint8Array(head.length + tail.length + tag.length);
      out.set(head, 0);
      out.set(tail, head.length);
      out.set(tag, head.length + tail.length);
      return out;
    },
  };
}
