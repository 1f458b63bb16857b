/** A brand the merchant offers, with its one protocol (profile §3.1). */
export interface OfferBrandChoice {
  readonly brandId: string;
  readonly brandName: string;
  readonly brandLogoNetLocn: string;
  readonly protocolBrandId: string;
  readonly protocolId: string;
  readonly protocolName: string;
}

const logo = (name: string) => `https://demo-merchant.example/logos/${name}.png`;
const SET = 'Secure Electronic Transaction Version 1.0 (SET-like simulation)';

/** The default brands of profile §3.1 table, by BrandId. */
export const KNOWN_BRANDS: Readonly<Record<string, OfferBrandChoice>> = {
  'x-DemoHashPay': {
    brandId: 'x-DemoHashPay',
    brandName: 'Demo HashPay',
    brandLogoNetLocn: logo('DemoHashPay'),
    protocolBrandId: 'DemoHashPay',
    protocolId: 'x-HashSecret-1.0',
    protocolName: 'Hash/secret customer-merchant-bank protocol 1.0',
  },
  VISA: {
    brandId: 'VISA',
    brandName: 'Visa (SET-like simulation)',
    brandLogoNetLocn: logo('VISA'),
    protocolBrandId: 'VISA',
    protocolId: 'SETv1.0',
    protocolName: SET,
  },
  MasterCard: {
    brandId: 'MasterCard',
    brandName: 'MasterCard (SET-like simulation)',
    brandLogoNetLocn: logo('MasterCard'),
    protocolBrandId: 'MasterCard',
    protocolId: 'SETv1.0',
    protocolName: SET,
  },
  GeldKarte: {
    brandId: 'GeldKarte',
    brandName: 'GeldKarte-like e-purse',
    brandLogoNetLocn: logo('GeldKarte'),
    protocolBrandId: 'GeldKarte',
    protocolId: 'x-EPurse-1.0',
    protocolName: 'GeldKarte-like e-purse protocol 1.0',
  },
  'x-SmsConfirm': {
    brandId: 'x-SmsConfirm',
    brandName: 'SMS confirmation',
    brandLogoNetLocn: logo('SmsConfirm'),
    protocolBrandId: 'SmsConfirm',
    protocolId: 'x-SmsConfirm-1.0',
    protocolName: 'SMS offer-accept confirmation 1.0',
  },
  'x-IssuerMicro': {
    brandId: 'x-IssuerMicro',
    brandName: 'Issuer micro-payment',
    brandLogoNetLocn: logo('IssuerMicro'),
    protocolBrandId: 'IssuerMicro',
    protocolId: 'x-IssuerMicro-1.0',
    protocolName: 'Issuer-operated micro-payment protocol 1.0',
  },
};

export const DEFAULT_BRAND = KNOWN_BRANDS['x-DemoHashPay'];

/**
 * A known BrandId, or any other id offered with the hash/secret protocol — so tests can offer a brand
 * the PH does not support (BrandNotSupp) without building the offer by hand.
 */
export function offerBrand(brand: string | OfferBrandChoice | undefined): OfferBrandChoice {
  if (brand === undefined) return DEFAULT_BRAND;
  if (typeof brand !== 'string') return brand;
  return (
    KNOWN_BRANDS[brand] ?? { ...DEFAULT_BRAND, brandId: brand, brandName: brand, protocolBrandId: brand }
  );
}
