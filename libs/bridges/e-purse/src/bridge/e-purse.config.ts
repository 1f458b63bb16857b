/** Which merchant card (SAM slot) collects the purse payments of which IOTP Merchant (profile §3.5). */
export interface EPurseConfig {
  /** Merchant card id of a Merchant's OrgId (lower-cased), or undefined when it has none. */
  merchantCard(merchantOrgId: string): string | undefined;
  /** How long a debit request (its nM) stays valid for the purse's record (schemes.md §1.5). */
  readonly nonceLifetimeMs: number;
}

export const DEMO_EPURSE_MERCHANT = 'demo-merchant.example';
export const DEMO_MERCHANT_CARD = 'MC-0001';
/** 15 minutes: long enough for a customer at a card reader, short enough to bound an open nM. */
export const DEFAULT_NONCE_LIFETIME_MS = 15 * 60_000;

/** DEV ONLY: profile §3.5's merchant card MC-0001 for demo-merchant.example. */
export function demoEPurseConfig(
  overrides: Partial<Pick<EPurseConfig, 'nonceLifetimeMs'>> = {},
): EPurseConfig {
  const cards = new Map([[DEMO_EPURSE_MERCHANT, DEMO_MERCHANT_CARD]]);
  return {
    merchantCard: (org) => cards.get(org.toLowerCase()),
    nonceLifetimeMs: overrides.nonceLifetimeMs ?? DEFAULT_NONCE_LIFETIME_MS,
  };
}
