import { checkPaymentRequest, isPositiveAmount } from './check-payment-request';
import { parseExample } from './__fixtures__/parse-example';
import { PROFILE_C1, SPEC_C1 } from './__fixtures__/spec-examples';
import { readIotpMessage } from './read-iotp-message';

const OUR_ORG = 'pay.bank.example';
const check = (xml: string, ourOrgId = OUR_ORG) => {
  const r = readIotpMessage(parseExample(xml));
  if (!r.ok) throw new Error(`read failed: ${r.error.code} ${r.error.desc}`);
  return checkPaymentRequest(r.message, ourOrgId);
};
const failure = (xml: string, ourOrgId = OUR_ORG) => {
  const r = check(xml, ourOrgId);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};
const edit = (xml: string, from: string | RegExp, to: string): string => {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`edit did not apply: ${from}`);
  return out;
};
const base = { iotpMsgRef: 'C1', blkRef: 'C1.3' };

describe('checkPaymentRequest', () => {
  describe('When the Payment Request of profile §6.1 arrives', () => {
    it('returns the view the business checks need', () => {
      const r = check(PROFILE_C1);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const v = r.view;
      expect(v).toMatchObject({
        paymentId: 'M1.20',
        okFrom: '2024-05-01T10:10:30.350Z',
        okTo: '2024-05-01T11:15:30.350Z',
        signedPayReceipt: true,
        brandId: 'x-DemoHashPay',
        protocolId: 'x-HashSecret-1.0',
        protocolBrandId: 'DemoHashPay',
        amount: '12.50',
        currCode: 'EUR',
        currCodeType: 'ISO4217-A',
        payDirection: 'Debit',
        merchantOrgId: 'demo-merchant.example',
        phOrgRef: 'M1.15',
      });
      expect(v.phTradingRole).toMatchObject({ id: 'M1.16', iotpMsgIdPrefix: 'P' });
      expect(v.brand.id).toBe('M1.6');
      expect(v.protocolAmount.id).toBe('M1.8');
      expect(v.currencyAmount.id).toBe('M1.9');
      expect(v.payProtocol.id).toBe('M1.10');
      expect(v.consumerOrgs.map((o) => o.id)).toEqual(['M1.13']);
      expect(v.paySchemeData?.consumerPaymentId).toBe('CP21906fba3660');
      expect(v.brandSelectionElement.attrs['ID']).toBe('C1.4');
      expect(v.paymentElement.name).toBe('Payment');
      expect(v.brandListElement.attrs['ID']).toBe('M1.5');
      expect(v.tradingRoleDataForUs).toEqual([]);
    });

    it('compares our OrgId case-insensitively', () => {
      expect(check(PROFILE_C1, 'PAY.Bank.Example').ok).toBe(true);
    });

    it('accepts the two-brand SET example of iotp-messages §12.1', () => {
      const r = check(SPEC_C1);
      expect(r.ok && [r.view.brandId, r.view.amount, r.view.protocolBrandId]).toEqual([
        'VISA',
        '245.35',
        'VISA',
      ]);
    });
  });

  describe('When check 4 (structure) fails', () => {
    it.each(['Status', 'BrandSelection', 'Payment'])('answers ElMissing when %s is missing', (name) => {
      const re = new RegExp(`<${name} [^>]*/>`);
      const xml =
        name === 'Status' ? edit(PROFILE_C1, re, '') : edit(PROFILE_C1, new RegExp(`<${name} [^>]*/>`), '');
      expect(failure(xml)).toMatchObject({
        code: 'ElMissing',
        severity: 'HardError',
        location: { elementType: 'PayReqBlk', ...base },
        packagedContent: name,
      });
    });

    it('answers ElMissing when the BrandList is missing', () => {
      expect(failure(edit(PROFILE_C1, /<BrandList [\s\S]*<\/BrandList>/, ''))).toMatchObject({
        code: 'ElMissing',
        packagedContent: 'BrandList',
      });
    });

    it('answers XmlNotValid for a second Payment', () => {
      const xml = edit(
        PROFILE_C1,
        '<PaySchemeData',
        '<Payment ID="C1.9" OkFrom="a" OkTo="b" BrandListRef="M1.5" SignedPayReceipt="False"/><PaySchemeData',
      );
      expect(failure(xml)).toMatchObject({
        code: 'XmlNotValid',
        location: { elementType: 'Payment', ...base, compRef: 'C1.9' },
      });
    });

    it('answers XmlNotValid when the components are out of order', () => {
      const xml = edit(PROFILE_C1, /(<BrandSelection [^>]*\/>)\s*(<Payment [^>]*\/>)/, '$2$1');
      expect(failure(xml)).toMatchObject({
        code: 'XmlNotValid',
        location: { elementType: 'BrandSelection' },
      });
    });

    it('answers ElInconsistent when Payment/@BrandListRef names another BrandList', () => {
      const xml = edit(
        PROFILE_C1,
        /BrandListRef="M1.5" SignedPayReceipt/,
        'BrandListRef="M1.99" SignedPayReceipt',
      );
      expect(failure(xml)).toMatchObject({
        code: 'ElInconsistent',
        location: { elementType: 'Payment', ...base, compRef: 'M1.20', attName: 'BrandListRef' },
        packagedContent: 'M1.99',
      });
    });

    it.each([
      ['BrandRef', 'BrandRef="M1.6"', 'BrandRef="M1.7"', 'M1.7'],
      ['ProtocolAmountRef', 'ProtocolAmountRef="M1.8"', 'ProtocolAmountRef="M1.6"', 'M1.6'],
      ['CurrencyAmountRef', 'CurrencyAmountRef="M1.9"', 'CurrencyAmountRef="M1.10"', 'M1.10'],
    ])('answers ElInconsistent when BrandSelection/@%s does not resolve', (att, from, to, value) => {
      expect(failure(edit(PROFILE_C1, from, to))).toMatchObject({
        code: 'ElInconsistent',
        location: { elementType: 'BrandSelection', ...base, compRef: 'C1.4', attName: att },
        packagedContent: value,
      });
    });

    it('answers ElInconsistent when the Brand does not offer the selected ProtocolAmount', () => {
      const xml = edit(
        edit(PROFILE_C1, 'ProtocolAmountRefs="M1.8"', 'ProtocolAmountRefs="M1.7"'),
        '<ProtocolAmount ID="M1.8" PayProtocolRef="M1.10" CurrencyAmountRefs="M1.9"/>',
        '<ProtocolAmount ID="M1.7" PayProtocolRef="M1.10" CurrencyAmountRefs="M1.9"/><ProtocolAmount ID="M1.8" PayProtocolRef="M1.10" CurrencyAmountRefs="M1.9"/>',
      );
      expect(failure(xml)).toMatchObject({
        code: 'ElInconsistent',
        location: { attName: 'ProtocolAmountRef' },
      });
    });

    it('answers ElInconsistent when ProtocolAmount/@PayProtocolRef does not resolve', () => {
      const xml = edit(PROFILE_C1, 'PayProtocolRef="M1.10"', 'PayProtocolRef="M1.9"');
      expect(failure(xml)).toMatchObject({
        code: 'ElInconsistent',
        location: {
          elementType: 'ProtocolAmount',
          ...base,
          compRef: 'M1.5',
          elementRef: 'M1.8',
          attName: 'PayProtocolRef',
        },
      });
    });
  });

  describe('When check 5 (are we the PH?) fails', () => {
    const expected = {
      code: 'ElInconsistent',
      severity: 'HardError',
      location: {
        elementType: 'PayProtocol',
        ...base,
        compRef: 'M1.5',
        elementRef: 'M1.10',
        attName: 'ActionOrgRef',
      },
    };
    it('answers ElInconsistent for another OrgId', () => {
      expect(failure(PROFILE_C1, 'other-bank.example')).toMatchObject(expected);
    });
    it('answers ElInconsistent when ActionOrgRef names the Merchant', () => {
      expect(
        failure(edit(PROFILE_C1, 'ActionOrgRef="M1.15"', 'ActionOrgRef="M1.11"'), 'demo-merchant.example'),
      ).toMatchObject({
        ...expected,
        packagedContent: 'M1.11',
      });
    });
    it('answers ElInconsistent when the Org has no PaymentHandler role', () => {
      expect(
        failure(edit(PROFILE_C1, 'TradingRole="PaymentHandler"', 'TradingRole="DeliveryHandler"')),
      ).toMatchObject(expected);
    });
  });

  describe('When check 6 (one Merchant) fails', () => {
    it('answers ElMissing on Org without a Merchant', () => {
      expect(failure(edit(PROFILE_C1, 'TradingRole="Merchant"', 'TradingRole="CustCare"'))).toMatchObject({
        code: 'ElMissing',
        location: { elementType: 'Org', ...base },
        packagedContent: 'Org',
      });
    });
    it('answers ElInconsistent on the second Merchant Org', () => {
      const xml = edit(
        PROFILE_C1,
        'TradingRole ID="M1.14" TradingRole="Consumer"',
        'TradingRole ID="M1.14" TradingRole="Merchant"',
      );
      expect(failure(xml)).toMatchObject({
        code: 'ElInconsistent',
        location: { elementType: 'Org', ...base, compRef: 'M1.13' },
      });
    });
  });

  describe('When check 7 (Status) fails', () => {
    it('answers ElInconsistent on Status/@ProcessState', () => {
      const xml = edit(
        PROFILE_C1,
        'ProcessState="CompletedOk"\n            ProcessReference',
        'ProcessState="InProgress"\n            ProcessReference',
      );
      expect(failure(xml)).toMatchObject({
        code: 'ElInconsistent',
        location: { elementType: 'Status', ...base, compRef: 'M1.18', attName: 'ProcessState' },
        packagedContent: 'InProgress',
      });
    });
  });

  describe('When check 8 (Amount) fails', () => {
    it.each(['0', '0.00', '-1', '1e3', '12.', '.5', '12,50', '1 2'])(
      'answers AttValIllegal for Amount="%s"',
      (amount) => {
        expect(failure(edit(PROFILE_C1, 'Amount="12.50"', `Amount="${amount}"`))).toMatchObject({
          code: 'AttValIllegal',
          severity: 'HardError',
          location: {
            elementType: 'CurrencyAmount',
            ...base,
            compRef: 'M1.5',
            elementRef: 'M1.9',
            attName: 'Amount',
          },
          packagedContent: amount.trim(),
        });
      },
    );

    it('decides on the digits, not on floats', () => {
      expect(isPositiveAmount('0.001')).toBe(true);
      expect(isPositiveAmount('0.0000000000000000000000001')).toBe(true);
      expect(isPositiveAmount('000.000')).toBe(false);
      expect(isPositiveAmount('99999999999999999999999.99')).toBe(true);
    });
  });
});
