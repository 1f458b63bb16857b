import { domHash, serializeIotpXml } from '@ph/iotp';
import { demoCredentials, buildHsInit } from '../../schemes/hash-secret';
import { PROFILE_C1 } from '../__fixtures__/profile-6-1';
import { C1_NA, GATEWAY, parseXml, REFERENCE_WALLET } from '../__fixtures__/read-fixture';
import { buildPaymentRequest } from '../iotp/consumer-messages';
import { DemoMerchant } from './demo-merchant';

const fixedOffer = (merchant: DemoMerchant) =>
  merchant.makeOffer({
    customerId: 'alice',
    amount: '12.50',
    currency: 'EUR',
    iotpTransId: '20240501101530.e2780c0935b324b6@demo-merchant.example',
    transTimeStamp: new Date('2024-05-01T10:15:30.350Z'),
    orderId: 'ORD-9454f92b',
  });

describe(DemoMerchant.name, () => {
  const merchant = new DemoMerchant({ gatewayUrl: GATEWAY });

  describe('When it makes the offer of profile §6.1 with the fixed inputs', () => {
    const offer = fixedOffer(merchant);

    it('signs it with the Offer Response Signature of profile §5.5', () => {
      const value = offer.signature.children.find((c) => 'name' in c && c.name === 'Value');
      expect(value).toEqual({
        name: 'Value',
        attrs: { ID: 'M1.26', encoding: 'base64' },
        children: [{ text: '4otZIfC2jNeqKiBzLF4j7q2gZAnal+LD6fT2C3MzE/I=' }],
      });
      expect(offer.components.ids.payment).toBe('M1.20');
      expect(offer.transTimeStamp).toBe('2024-05-01T10:15:30.350Z');
    });

    it('lets the wallet rebuild message C1 exactly (same DOM-HASH as the worked example)', () => {
      const c1 = buildPaymentRequest({
        msgNumber: 1,
        respIotpMsg: 'M1',
        timeStamp: new Date('2024-05-01T10:15:30.700Z'),
        softwareId: REFERENCE_WALLET,
        offer,
        consumerPaymentId: 'CP21906fba3660',
        packagedContent: {
          name: 'HS-Init',
          content: 'MIME:application/json',
          transform: 'BASE64',
          value: buildHsInit(demoCredentials('alice'), () => Buffer.from(C1_NA, 'hex')).text,
        },
      });
      expect(c1.msgId).toBe('C1');
      expect(c1.brandSelectionId).toBe('C1.4');
      const sent = parseXml(serializeIotpXml(c1.root));
      expect(domHash(sent).toString('hex')).toBe(domHash(parseXml(PROFILE_C1)).toString('hex'));
    });
  });

  describe('When it makes fresh offers', () => {
    it('gives each a new IotpTransId of the form <yyyymmddhhmmss>.<16 hex>@demo-merchant.example', () => {
      const m = new DemoMerchant({ gatewayUrl: GATEWAY, now: () => new Date('2024-05-01T10:15:30.350Z') });
      const a = m.makeOffer({ customerId: 'bob', amount: '1', currency: 'EUR' });
      const b = m.makeOffer({ customerId: 'bob', amount: '1', currency: 'EUR' });
      expect(a.iotpTransId).toMatch(/^20240501101530\.[0-9a-f]{16}@demo-merchant\.example$/);
      expect(a.iotpTransId).not.toBe(b.iotpTransId);
    });

    it('writes SignedPayReceipt="False" when asked and the brand chosen', () => {
      const o = merchant.makeOffer({
        customerId: 'bob',
        amount: '3.00',
        currency: 'EUR',
        signedPayReceipt: false,
        brand: 'VISA',
      });
      expect(o.components.payment.attrs['SignedPayReceipt']).toBe('False');
      expect(o.brand).toMatchObject({ brandId: 'VISA', protocolId: 'SETv1.0' });
    });

    it('refuses amounts that are not IOTP amounts', () => {
      expect(() => merchant.makeOffer({ customerId: 'bob', amount: '1e3', currency: 'EUR' })).toThrow();
      expect(() => merchant.makeOffer({ customerId: 'bob', amount: '-1', currency: 'EUR' })).toThrow();
    });
  });
});
