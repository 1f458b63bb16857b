import { developmentPhConfig, receiptKeyProblem, usesDevelopmentKeys, type PhConfig } from './ph-config';

const dev = developmentPhConfig('http://127.0.0.1:8080/iotp', 'test');
const ownKeys: PhConfig = {
  paymentHandler: { ...dev.paymentHandler, ecdsaReceiptKey: { keyId: 'ph/ecdsa-2', dHex: 'ab'.repeat(32) } },
  merchants: dev.merchants.map((m) => ({ ...m, keys: [{ ...m.keys[0], secretHex: 'cd'.repeat(32) }] })),
};

describe('the PH configuration', () => {
  it("counts the profile's ECDSA receipt key as a development key, like the merchants' HMAC keys", () => {
    expect(usesDevelopmentKeys(dev)).toBe(true);
    expect(usesDevelopmentKeys(ownKeys)).toBe(false);
    expect(usesDevelopmentKeys({ ...ownKeys, paymentHandler: dev.paymentHandler })).toBe(true);
  });

  it('refuses merchants that ask for ECDSA receipts when the PH has no ECDSA key, and a malformed key', () => {
    const { ecdsaReceiptKey: _none, ...noKey } = ownKeys.paymentHandler;
    const ecdsaMerchants = ownKeys.merchants.map((m) => ({ ...m, receiptSignature: 'ecdsa-p256' as const }));
    expect(receiptKeyProblem({ paymentHandler: noKey, merchants: ecdsaMerchants })).toMatch(
      /demo-merchant ask for ECDSA receipts/,
    );
    expect(receiptKeyProblem({ paymentHandler: noKey, merchants: ownKeys.merchants })).toBeUndefined();
    expect(
      receiptKeyProblem({
        paymentHandler: { ...noKey, ecdsaReceiptKey: { keyId: 'k', dHex: 'xyz' } },
        merchants: ecdsaMerchants,
      }),
    ).toMatch(/64 hex digits/);
    expect(receiptKeyProblem({ ...ownKeys, merchants: ecdsaMerchants })).toBeUndefined();
  });
});
