/** TradingRole/@TradingRole (iotp-messages §5.8.1); IANA controlled. */
export const TRADING_ROLES = [
  'Consumer',
  'Merchant',
  'PaymentHandler',
  'DeliveryHandler',
  'DelivTo',
  'CustCare',
] as const;
export type KnownTradingRole = (typeof TRADING_ROLES)[number];

/** BrandList/@PayDirection (DTD enumeration). */
export const PAY_DIRECTIONS = ['Debit', 'Credit'] as const;
export type PayDirection = (typeof PAY_DIRECTIONS)[number];

/** InquiryType/@Type (iotp-messages §5.10). */
export const INQUIRY_TYPES = ['Offer', 'Payment', 'Delivery'] as const;
export type InquiryTypeValue = (typeof INQUIRY_TYPES)[number];
