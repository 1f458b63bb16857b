import { inspect } from 'node:util';
import { DEMO_HASH_SECRET_MERCHANT, demoHashSecretConfig } from './demo-hash-secret.config';
import { HashSecretConfig } from './hash-secret.config';

const secrets = [DEMO_HASH_SECRET_MERCHANT.kmbHex, ...Object.values(DEMO_HASH_SECRET_MERCHANT.customers)];

describe(HashSecretConfig.name, () => {
  it('finds a merchant case-insensitively and its customers case-sensitively', () => {
    const merchant = demoHashSecretConfig().merchant('Demo-Merchant.Example')!;
    expect(merchant.bankId).toBe('demo-bank.example');
    expect(merchant.customerKey('alice')!.toString('hex')).toBe(DEMO_HASH_SECRET_MERCHANT.customers.alice);
    expect(merchant.customerKey('Alice')).toBeUndefined();
  });

  it('never prints a key through JSON, inspect or string interpolation', () => {
    const config = demoHashSecretConfig();
    const printed = [
      JSON.stringify(config),
      inspect(config, { depth: 9, showHidden: true }),
      `${inspect(config.merchant('demo-merchant.example'))}`,
    ];
    for (const text of printed) for (const secret of secrets) expect(text).not.toContain(secret);
    expect(JSON.stringify(config)).toContain('alice');
  });

  it('names the bad key without printing it', () => {
    const bad = { ...DEMO_HASH_SECRET_MERCHANT, kmbHex: 'zz' + DEMO_HASH_SECRET_MERCHANT.kmbHex.slice(2) };
    expect(() => new HashSecretConfig([bad])).toThrow(/K_MB must be 64 hex digits/);
    try {
      new HashSecretConfig([bad]);
    } catch (error) {
      expect((error as Error).message).not.toContain(bad.kmbHex);
    }
  });
});
