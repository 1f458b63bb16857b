/**
 * The purse cards and merchant card the clearing centre knows (DEV ONLY, profile §3.5): its hot list
 * and card expiry. Balances are not here: a purse's balance lives on the card (the wallet simulator).
 */
export const DEMO_PURSES = [
  { purseId: 'EP-0001', status: 'active', expiresOn: '2030-12-31' },
  { purseId: 'EP-0002', status: 'blocked', expiresOn: '2030-12-31' },
  { purseId: 'EP-0003', status: 'active', expiresOn: '2020-12-31' },
  { purseId: 'EP-0004', status: 'active', expiresOn: '2030-12-31' },
] as const;

export const DEMO_MERCHANT_CARDS = [
  { cardId: 'MC-0001', merchantId: 'demo-merchant.example', currency: 'EUR' },
] as const;
