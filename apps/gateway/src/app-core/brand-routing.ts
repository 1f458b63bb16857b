/**
 * Brands and protocols the Payment Handler accepts and the bridge that serves each (profile §3.1).
 * Only bridges this deployment runs are routable; a brand of any other bridge is `BrandNotSupp`.
 */
export interface BrandRoute {
  readonly brandId: string;
  readonly protocolId: string;
  readonly protocolBrandId: string;
  readonly bridgeId: string;
}

export const PROFILE_BRANDS: readonly BrandRoute[] = [
  {
    brandId: 'x-DemoHashPay',
    protocolId: 'x-HashSecret-1.0',
    protocolBrandId: 'DemoHashPay',
    bridgeId: 'hash-secret',
  },
  { brandId: 'VISA', protocolId: 'SETv1.0', protocolBrandId: 'VISA', bridgeId: 'set-like' },
  { brandId: 'MasterCard', protocolId: 'SETv1.0', protocolBrandId: 'MasterCard', bridgeId: 'set-like' },
  { brandId: 'GeldKarte', protocolId: 'x-EPurse-1.0', protocolBrandId: 'GeldKarte', bridgeId: 'e-purse' },
  {
    brandId: 'x-SmsConfirm',
    protocolId: 'x-SmsConfirm-1.0',
    protocolBrandId: 'SmsConfirm',
    bridgeId: 'sms-confirm',
  },
  {
    brandId: 'x-IssuerMicro',
    protocolId: 'x-IssuerMicro-1.0',
    protocolBrandId: 'IssuerMicro',
    bridgeId: 'issuer-micro',
  },
];

export class BrandRouting {
  private readonly routes: readonly BrandRoute[];

  constructor(enabledBridges: readonly string[], routes: readonly BrandRoute[] = PROFILE_BRANDS) {
    this.routes = routes.filter((r) => enabledBridges.includes(r.bridgeId));
  }

  /** Exact string equality on all three ids (profile §3.1); the ProtocolBrand may be absent. */
  find(brandId: string, protocolId: string, protocolBrandId: string | undefined): BrandRoute | undefined {
    return this.routes.find(
      (r) =>
        r.brandId === brandId &&
        r.protocolId === protocolId &&
        (protocolBrandId === undefined || r.protocolBrandId === protocolBrandId),
    );
  }
}
