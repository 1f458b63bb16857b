/**
 * The purse cards and merchant card the clearing centre knows (DEV ONLY, profile §3.5): its hot list
 * and card expiry. Balances are not here: a purse's balance lives on the card (the wallet simulator).
 */
export interface DemoPurse {
  readonly purseId: string;
  readonly status: 'active' | 'blocked';
  readonly expiresOn: string;
}

export const DEMO_PURSES: readonly DemoPurse[] = [
  { purseId: 'EP-0001', status: 'active', expiresOn: '2030-12-31' },
  { purseId: 'EP-0002', status: 'blocked', expiresOn: '2030-12-31' },
  { purseId: 'EP-0003', status: 'active', expiresOn: '2020-12-31' },
  { purseId: 'EP-0004', status: 'active', expiresOn: '2030-12-31' },
  // EP-0005 … EP-0036: active purses for load (a purse pays one purchase at a time).
  ...Array.from({ length: 32 }, (_, i) => ({
    purseId: `EP-${String(i + 5).padStart(4, '0')}`,
    status: 'active' as const,
    expiresOn: '2030-12-31',
  })),
];

export const DEMO_MERCHANT_CARDS = [
  { cardId: 'MC-0001', merchantId: 'demo-merchant.example', currency: 'EUR' },
] as const;
