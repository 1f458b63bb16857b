import type { OrgSpec } from '@ph/iotp';

/** The development merchant of profile §2.2 — public test key, DEV ONLY. */
export const DEMO_MERCHANT_ORG_ID = 'demo-merchant.example';
export const DEMO_MERCHANT_KEY_ID = 'demo-merchant.example/hmac-1';
export const DEMO_MERCHANT_KEY_HEX = 'f10ac7a575421f85be5e40a8f4dc3f4a1527251ccc13aa4a776c841589fbae26';
export const PH_ORG_ID = 'pay.bank.example';

export const demoMerchantOrg: OrgSpec = {
  orgId: DEMO_MERCHANT_ORG_ID,
  legalName: 'Demo Merchant Ltd (DEV ONLY)',
  shortDesc: 'Demo Merchant',
  tradingRoles: [
    {
      tradingRole: 'Merchant',
      iotpMsgIdPrefix: 'M',
      cancelNetLocn: 'https://demo-merchant.example/iotp/cancelled',
      errorNetLocn: 'https://demo-merchant.example/iotp/error',
      errorLogNetLocn: 'https://demo-merchant.example/iotp/errorlog',
    },
  ],
  postalAddress: {
    addressLine1: '1 Test Street',
    cityOrTown: 'Berlin',
    postalCode: '10115',
    country: 'DE',
    legalLocation: true,
  },
};

/** The PH's Org as merchants copy it into their offer (profile §2.1), net locations under its URL. */
export const paymentHandlerOrg = (publicUrl: string): OrgSpec => ({
  orgId: PH_ORG_ID,
  legalName: 'Example Bank AG',
  shortDesc: 'Example Bank',
  tradingRoles: [
    {
      tradingRole: 'PaymentHandler',
      iotpMsgIdPrefix: 'P',
      cancelNetLocn: `${publicUrl}/cancelled`,
      errorNetLocn: `${publicUrl}/error`,
      errorLogNetLocn: `${publicUrl}/errorlog`,
    },
  ],
  postalAddress: {
    addressLine1: 'Bankplatz 5',
    cityOrTown: 'Frankfurt am Main',
    postalCode: '60311',
    country: 'DE',
    legalLocation: true,
  },
});

/** The customer as the merchant knows her (profile §6.1: `Consumer:alice/demo-merchant.example`). */
export const consumerOrg = (customerId: string): OrgSpec => ({
  orgId: `Consumer:${customerId}/${DEMO_MERCHANT_ORG_ID}`,
  tradingRoles: [{ tradingRole: 'Consumer', iotpMsgIdPrefix: 'C' }],
});
