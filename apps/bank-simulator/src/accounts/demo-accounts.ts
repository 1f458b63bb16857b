import type { Pool } from 'pg';
import { bankSchema } from '../db/bank-schema';

/** Profile §3.3.9 (DEV ONLY): the bank holds only K_CB and the balance; minor units (cents). */
export const DEMO_BANK_ID = 'demo-bank.example';

export const DEMO_ACCOUNTS = [
  {
    customerId: 'alice',
    kcbHex: '045d9e73bd0e364b719f9f454f57146929d38c7596d05f8ee43600c3872786e9',
    balanceMinor: '100000000',
  },
  {
    customerId: 'bob',
    kcbHex: '5a681602d6242aeac0bc02a2977121ba9c2bf6ee37cb5df754055077066d4526',
    balanceMinor: '10000',
  },
  {
    customerId: 'carol',
    kcbHex: '91ec823a9d6962fb9a3c74805db2d75baa87cd2cf8dac2175c54ceb52e2ffc41',
    balanceMinor: '0',
  },
] as const;

/** K_MB of profile §2.2 (DEV ONLY). */
export const DEMO_MERCHANTS = [
  {
    merchantId: 'demo-merchant.example',
    kmbHex: '28666dff072bcdcda6736013b80f19de79e93668c1e9d4e551c062156f8adaee',
  },
] as const;

/** Insert what is missing; an existing account keeps its balance (runs on every start). */
export async function seedDemoAccounts(pool: Pool, schema: string): Promise<void> {
  const s = bankSchema(schema);
  for (const a of DEMO_ACCOUNTS) {
    await pool.query(
      `INSERT INTO ${s}.accounts (customer_id, bank_id, currency, balance_minor, kcb_hex)
       VALUES ($1, $2, 'EUR', $3, $4) ON CONFLICT (customer_id) DO NOTHING`,
      [a.customerId, DEMO_BANK_ID, a.balanceMinor, a.kcbHex],
    );
  }
  for (const m of DEMO_MERCHANTS) {
    await pool.query(
      `INSERT INTO ${s}.merchants (merchant_id, kmb_hex) VALUES ($1, $2) ON CONFLICT (merchant_id) DO NOTHING`,
      [m.merchantId, m.kmbHex],
    );
  }
}
