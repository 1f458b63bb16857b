import { DemoMerchant, ping, signedPing } from '../../apps/wallet/src/lib';
import { startHarness, type Harness } from './support/standalone-harness';

/** Ping (profile §4.4) and signed Ping (§2.7): answered, never stored, signed back for a verified signer. */
describe('Ping Requests', () => {
  let ph: Harness;
  beforeAll(async () => {
    ph = await startHarness();
  });
  afterAll(async () => {
    await ph?.stop();
  });

  it('answers an anonymous ping Ok, unsigned, without SigVerifyStatusCode', async () => {
    const r = await ping(ph.gatewayUrl);
    expect(r.pingStatusCode).toBe('Ok');
    expect(r.answer.kind === 'ping-response' && r.answer.block.sigVerifyStatusCode).toBeFalsy();
    expect(r.answer.kind === 'ping-response' && r.answer.message.signatures).toBeFalsy();
  });

  it("verifies a merchant's signed ping (Ok) and signs the response for it with the key that verified", async () => {
    const r = await signedPing(new DemoMerchant({ gatewayUrl: ph.gatewayUrl }));
    expect(r.sigVerifyStatusCode).toBe('Ok');
    expect(r.responseSignatureVerified).toBe(true);
    // Our Org first, then the request's two Orgs copied.
    expect(r.answer.kind === 'ping-response' && r.answer.block.orgs.map((o) => o.orgId)).toEqual([
      'pay.bank.example',
      'demo-merchant.example',
      'pay.bank.example',
    ]);
  });

  it('answers Fail to a signature that does not verify, and then signs nothing', async () => {
    const r = await signedPing(new DemoMerchant({ gatewayUrl: ph.gatewayUrl }), { tamper: true });
    expect(r.sigVerifyStatusCode).toBe('Fail');
    expect(r.responseSignatureVerified).toBe(false);
    expect(r.answer.kind === 'ping-response' && r.answer.message.signatures).toBeFalsy();
  });

  it('answers Fail, never Ok, to a key the registry does not hold for the signing merchant', async () => {
    const stranger = new DemoMerchant({
      gatewayUrl: ph.gatewayUrl,
      keyId: 'stranger.example/hmac-1',
      keyHex: 'ab'.repeat(32),
    });
    const r = await signedPing(stranger);
    expect(r.sigVerifyStatusCode).toBe('Fail');
    expect(r.responseSignatureVerified).toBe(false);
  });
});
