import { createHash } from 'node:crypto';

/** Per-merchant keys K_MIO shared with the Issuer Operator (schemes.md §4.2). */
export interface IssuerMicroConfig {
  /** K_MIO of a merchant (its OrgId lower-cased); undefined = not enrolled for micro-payments. */
  merchantKey(merchantOrgId: string): Buffer | undefined;
}

/** DEV ONLY: K_MIO = SHA-256("IOTP profile 1.0 issuer K_MIO of <merchant> (DEV ONLY)"). */
export function demoKmio(merchantId: string): Buffer {
  return createHash('sha256').update(`IOTP profile 1.0 issuer K_MIO of ${merchantId} (DEV ONLY)`).digest();
}

export const DEMO_MICRO_MERCHANT = 'demo-merchant.example';

export function demoIssuerMicroConfig(): IssuerMicroConfig {
  return { merchantKey: (m) => (m === DEMO_MICRO_MERCHANT ? demoKmio(m) : undefined) };
}
