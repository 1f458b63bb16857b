import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPayment } from '../../apps/wallet/src/lib';
import { developmentPhConfig } from '../../apps/gateway/src/config/ph-config';
import { startHarness, type Harness } from './support/standalone-harness';

/**
 * Profile §2.6: a merchant whose registry entry says `receiptSignature: ecdsa-p256` gets receipts
 * signed with the PH's own ECDSA P-256 key (KeyIdentifier pay.bank.example/ecdsa-1, §2.4.4), which the
 * merchant verifies with the PH's public key; the others keep the HMAC of their shared key.
 */
describe('ECDSA receipt signatures', () => {
  let ph: Harness;
  beforeAll(async () => {
    const base = developmentPhConfig('http://127.0.0.1:8080/iotp', 'unused');
    const config = {
      ...base,
      merchants: base.merchants.map((m) => ({ ...m, receiptSignature: 'ecdsa-p256' })),
    };
    const file = join(mkdtempSync(join(tmpdir(), 'ph-config-')), 'ph.json');
    writeFileSync(file, JSON.stringify(config));
    ph = await startHarness({ env: { PH_CONFIG_FILE: file } });
  });
  afterAll(async () => {
    await ph?.stop();
  });

  it("signs the Payment Response with the PH's ECDSA key; the merchant verifies it with the PH's public key", async () => {
    const r = await runPayment({
      gatewayUrl: ph.gatewayUrl,
      customer: 'alice',
      amount: '1.10',
      currency: 'EUR',
    });
    expect(r.processState).toBe('CompletedOk');
    expect(r.receiptSignatureVerified).toBe(true);
    const answer = r.answer.kind === 'response' ? r.answer : undefined;
    const signature = answer?.message.signatures?.element;
    expect(signature).toBeDefined();
    const xml = JSON.stringify(signature);
    expect(xml).toContain('pay.bank.example/ecdsa-1');
    expect(xml).not.toContain('demo-merchant.example/hmac-1');
  });
});
