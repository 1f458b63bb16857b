import type { MerchantEntry, PhConfig } from './ph-config';

/** Looks merchants up by OrgId, compared case-insensitively (profile §2.2). */
export class MerchantRegistry {
  private readonly byOrgId: ReadonlyMap<string, MerchantEntry>;

  constructor(config: PhConfig) {
    this.byOrgId = new Map(config.merchants.map((m) => [m.orgId.toLowerCase(), m]));
  }

  find(orgId: string): MerchantEntry | undefined {
    return this.byOrgId.get(orgId.toLowerCase());
  }

  hmacKey(merchant: MerchantEntry, keyId: string): Buffer | undefined {
    const key = merchant.keys.find((k) => k.keyId === keyId);
    return key ? Buffer.from(key.secretHex, 'hex') : undefined;
  }
}
