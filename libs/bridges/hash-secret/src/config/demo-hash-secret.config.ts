import { HashSecretConfig, type HashSecretMerchantSettings } from './hash-secret.config';

/**
 * Development defaults of profile §2.2 / §3.3.9: PUBLIC TEST KEYS, DEV ONLY (a production start with
 * them must fail; that check belongs to the platform config).
 */
export const DEMO_HASH_SECRET_MERCHANT: HashSecretMerchantSettings = {
  orgId: 'demo-merchant.example',
  bankId: 'demo-bank.example',
  kmbHex: '28666dff072bcdcda6736013b80f19de79e93668c1e9d4e551c062156f8adaee',
  customers: {
    alice: 'a7ca55c73416a5945ae4381f938544dfc73784975bbe758a2786719492e0e8de',
    bob: 'd5e6c88e52a527db30f6d93355bd1c3497495573cdec150d7d1aa86e331d678f',
    carol: '02020c3fc43b0df88d64e1c3411cb385c248a730fcbb1be5d8c1e02f22814f6e',
  },
};

export function demoHashSecretConfig(): HashSecretConfig {
  return new HashSecretConfig([DEMO_HASH_SECRET_MERCHANT]);
}
