import { parseExample } from './__fixtures__/parse-example';
import * as ex from './__fixtures__/spec-examples';
import type { InboundMessage } from './inbound-message';
import { readIotpMessage } from './read-iotp-message';
import type { IotpWireError } from './wire-error';

const read = (xml: string) => readIotpMessage(parseExample(xml));
const ok = (xml: string): InboundMessage => {
  const r = read(xml);
  if (!r.ok) throw new Error(`unexpected ${r.error.code}: ${r.error.desc}`);
  return r.message;
};
const err = (xml: string): IotpWireError => {
  const r = read(xml);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};
const edit = (xml: string, from: string | RegExp, to: string): string => {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`edit did not apply: ${from}`);
  return out;
};

describe('readIotpMessage', () => {
  describe('When given the worked example messages', () => {
    it.each(Object.entries(ex))('reads %s', (_name, xml) => {
      expect(read(xml).ok).toBe(true);
    });

    it('types the Payment Request C1 of profile §6.1', () => {
      const m = ok(ex.PROFILE_C1);
      expect(m.transRef.id).toBe('C1.1');
      expect(m.transRef.transId).toMatchObject({
        id: 'M1.2',
        version: '1.0',
        iotpTransId: '20240501101530.e2780c0935b324b6@demo-merchant.example',
        iotpTransType: 'BaselinePurchase',
        transTimeStamp: '2024-05-01T10:15:30.350Z',
      });
      expect(m.transRef.msgId).toMatchObject({
        id: 'C1',
        respIotpMsg: 'M1',
        lang: 'en',
        senderTradingRoleRef: 'M1.14',
        timeStamp: '2024-05-01T10:15:30.700Z',
      });
      expect(m.signatures?.id).toBe('C1.2');
      expect(m.signatures?.signatures.map((s) => s.attrs['ID'])).toEqual(['M1.22']);
      expect(m.block.type).toBe('PayReqBlk');
      if (m.block.type !== 'PayReqBlk') return;
      expect(m.block.id).toBe('C1.3');
      expect(m.block.statuses[0]).toMatchObject({
        id: 'M1.18',
        statusType: 'Offer',
        processState: 'CompletedOk',
      });
      expect(m.block.brandLists[0].currencyAmounts[0]).toMatchObject({ amount: '12.50', currCode: 'EUR' });
      expect(m.block.brandLists[0].brands[0].protocolBrands[0]).toMatchObject({
        protocolId: 'x-HashSecret-1.0',
        protocolBrandId: 'DemoHashPay',
      });
      expect(m.block.payments[0]).toMatchObject({ id: 'M1.20', signedPayReceipt: true, startAfterRefs: [] });
      expect(m.block.paySchemeData[0].packagedContents[0]).toMatchObject({
        name: 'HS-Init',
        content: 'MIME:application/json',
        transform: 'BASE64',
      });
      expect(m.block.orgs.map((o) => o.orgId)).toEqual([
        'demo-merchant.example',
        'Consumer:alice/demo-merchant.example',
        'pay.bank.example',
      ]);
      expect(m.block.orgs[0].postalAddress?.legalLocation).toBe(true);
      expect(m.index.get('M1.20')?.name).toBe('Payment');
      expect(m.index.get('M1.26')?.name).toBe('Value');
      expect(m.index.get('C1.3')).toBe(m.block.element);
    });

    it('applies the DTD defaults in the typed model only', () => {
      const xml = edit(
        edit(ex.PROFILE_C1, ' CurrCodeType="ISO4217-A"', ''),
        '<PackagedContent Name="HS-Init" Content="MIME:application/json" Transform="BASE64">',
        '<PackagedContent>',
      );
      const m = ok(xml);
      if (m.block.type !== 'PayReqBlk') throw new Error();
      const ca = m.block.brandLists[0].currencyAmounts[0];
      expect(ca.currCodeType).toBe('ISO4217-A');
      expect(ca.element.attrs['CurrCodeType']).toBeUndefined();
      expect(m.block.paySchemeData[0].packagedContents[0]).toMatchObject({
        content: 'PCDATA',
        transform: 'NONE',
      });
    });

    it('types Payment Exchange, Cancel, Inquiry, Error and Ping blocks', () => {
      const c2 = ok(ex.PROFILE_C2).block;
      expect(c2.type === 'PayExchBlk' && c2.paySchemeData.paymentHandlerPayId).toBe('PHW2RHZ07D0Z6M');
      const cancel = ok(ex.PROFILE_C2_CANCEL).block;
      expect(cancel.type === 'CancelBlk' && cancel.status.completionCode).toBe('ConsCancelled');
      const i1 = ok(ex.PROFILE_I1).block;
      expect(i1.type === 'InquiryReqBlk' && i1.inquiryType).toMatchObject({
        type: 'Payment',
        elRef: 'M1.20',
      });
      const e = ok(ex.SPEC_TRANSIENT_ERROR).block;
      expect(e.type === 'ErrorBlk' && e.errorComps[0]).toMatchObject({
        errorCode: 'MsgBeingProc',
        severity: 'TransientError',
        minRetrySecs: '5',
        locations: [{ elementType: 'IotpMessage', iotpMsgRef: 'C2' }],
      });
      const ping = ok(ex.SPEC_PING_RESPONSE).block;
      expect(ping.type === 'PingRespBlk' && ping.orgs[0].orgId).toBe('pay.bank.example');
    });

    it('reads an anonymous Ping Request and one naming organisations', () => {
      const anon = ok(
        edit(ex.PROFILE_I1, /<InquiryReqBlk[\s\S]*<\/InquiryReqBlk>/, '<PingReqBlk ID="I1.3"/>'),
      );
      expect(anon.block).toMatchObject({ type: 'PingReqBlk', orgs: [] });
      const orgs = ok(
        edit(
          ex.PROFILE_I1,
          /<InquiryReqBlk[\s\S]*<\/InquiryReqBlk>/,
          '<PingReqBlk ID="I1.3"><Org ID="I1.4" xml:lang="en" OrgId="shop.example"><TradingRole ID="I1.5" TradingRole="Merchant" IotpMsgIdPrefix="M"/></Org></PingReqBlk>',
        ),
      );
      expect(orgs.block.type === 'PingReqBlk' && orgs.block.orgs[0].element.attrs['OrgId']).toBe(
        'shop.example',
      );
    });

    it('reads PaymCancelled (RFC 3867 spelling) as PaymtCancelled', () => {
      const m = ok(edit(ex.SPEC_CANCEL, 'PaymtCancelled', 'PaymCancelled'));
      expect(m.block.type === 'CancelBlk' && m.block.status.completionCode).toBe('PaymtCancelled');
    });
  });

  describe('When the envelope is wrong (profile §2.3 check 1)', () => {
    it('answers ElMissing when there is no TransRefBlk', () => {
      const e = err('<IotpMessage><PingReqBlk ID="I1.3"/></IotpMessage>');
      expect(e).toMatchObject({
        code: 'ElMissing',
        severity: 'HardError',
        location: { elementType: 'IotpMessage' },
        packagedContent: 'TransRefBlk',
      });
    });

    it('answers XmlNotValid when TransRefBlk is not first', () => {
      const xml = edit(
        ex.PROFILE_I1,
        /(<TransRefBlk[\s\S]*<\/TransRefBlk>)\s*(<InquiryReqBlk[\s\S]*<\/InquiryReqBlk>)/,
        '$2$1',
      );
      expect(err(xml)).toMatchObject({
        code: 'XmlNotValid',
        severity: 'HardError',
        location: { elementType: 'InquiryReqBlk', blkRef: 'I1.3', iotpMsgRef: 'I1' },
      });
    });

    it('answers AttMissing on TransId/@IotpTransId, and gives no TransId to copy', () => {
      const r = read(edit(ex.PROFILE_C2, /IotpTransId="[^"]*"/, ''));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toEqual({
        code: 'AttMissing',
        severity: 'HardError',
        desc: 'Attribute missing. TransId/@IotpTransId is required.',
        location: {
          elementType: 'TransId',
          iotpMsgRef: 'C2',
          blkRef: 'C2.1',
          compRef: 'M1.2',
          attName: 'IotpTransId',
        },
        packagedContent: 'IotpTransId',
      });
      expect(r.hint).toEqual({ transId: undefined, msgId: 'C2', inquiryOrPing: false });
    });

    it('answers AttMissing on MsgId/@ID', () => {
      const e = err(edit(ex.PROFILE_C2, 'MsgId ID="C2"', 'MsgId'));
      expect(e).toMatchObject({
        code: 'AttMissing',
        location: { elementType: 'MsgId', blkRef: 'C2.1', attName: 'ID' },
        packagedContent: 'ID',
      });
      expect(e.location.iotpMsgRef).toBeUndefined();
    });

    it('answers ElMissing when TransRefBlk lacks MsgId', () => {
      const e = err(edit(ex.PROFILE_C2, /<MsgId[^>]*\/>/, ''));
      expect(e).toMatchObject({
        code: 'ElMissing',
        location: { elementType: 'TransRefBlk', blkRef: 'C2.1' },
        packagedContent: 'MsgId',
      });
    });

    it('accepts an absent Version and refuses any other than 1.0 with AttValIllegal', () => {
      expect(read(edit(ex.PROFILE_C2, ' Version="1.0"', '')).ok).toBe(true);
      const e = err(edit(ex.PROFILE_C2, 'Version="1.0"', 'Version="2.0"'));
      expect(e).toMatchObject({
        code: 'AttValIllegal',
        severity: 'HardError',
        location: {
          elementType: 'TransId',
          iotpMsgRef: 'C2',
          blkRef: 'C2.1',
          compRef: 'M1.2',
          attName: 'Version',
        },
        packagedContent: '2.0',
      });
    });

    it('keeps the envelope hint for the error answer of an inquiry', () => {
      const r = read(edit(ex.PROFILE_I1, 'Version="1.0"', 'Version="9"'));
      expect(!r.ok && r.hint.inquiryOrPing).toBe(true);
      expect(!r.ok && r.hint.transId?.attrs['ID']).toBe('I1.2');
    });

    it('answers XmlNotValid when the ErrorBlk follows a trading block', () => {
      const errBlk =
        '<ErrorBlk ID="C2.9"><ErrorComp ID="C2.10" xml:lang="en" ErrorCode="AttMissing" ErrorDesc="x" Severity="Warning"><ErrorLocation ElementType="Org"/></ErrorComp></ErrorBlk>';
      const e = err(edit(ex.PROFILE_C2, '</PayExchBlk>', `</PayExchBlk>${errBlk}`));
      expect(e).toMatchObject({ code: 'XmlNotValid', location: { elementType: 'ErrorBlk', blkRef: 'C2.9' } });
    });

    it('keeps a Warning ErrorBlk that rides along before the trading block', () => {
      const errBlk =
        '<ErrorBlk ID="C2.9"><ErrorComp ID="C2.10" xml:lang="en" ErrorCode="AttMissing" ErrorDesc="x" Severity="Warning"><ErrorLocation ElementType="Org"/></ErrorComp></ErrorBlk>';
      const m = ok(edit(ex.PROFILE_C2, '<PayExchBlk', `${errBlk}<PayExchBlk`));
      expect(m.block.type).toBe('PayExchBlk');
      expect(m.errorBlk?.errorComps[0].severity).toBe('Warning');
    });

    it('answers XmlNotValid for IotpSignatures after the ErrorBlk', () => {
      const xml = edit(
        ex.PROFILE_C1,
        '<IotpSignatures ID="C1.2">',
        '<ErrorBlk ID="C1.9"><ErrorComp ID="C1.10" xml:lang="en" ErrorCode="AttMissing" ErrorDesc="x" Severity="Warning"><ErrorLocation ElementType="Org"/></ErrorComp></ErrorBlk><IotpSignatures ID="C1.2">',
      );
      expect(err(xml)).toMatchObject({
        code: 'XmlNotValid',
        location: { elementType: 'IotpSignatures', blkRef: 'C1.2' },
      });
    });

    it('answers ElUnexpected on the second trading block', () => {
      const e = err(edit(ex.PROFILE_I1, '</InquiryReqBlk>', '</InquiryReqBlk><PingReqBlk ID="I1.5"/>'));
      expect(e).toMatchObject({
        code: 'ElUnexpected',
        severity: 'HardError',
        location: { elementType: 'PingReqBlk', blkRef: 'I1.5', iotpMsgRef: 'I1' },
      });
    });

    it('answers ElMissing when there is no trading block and no ErrorBlk', () => {
      const e = err(edit(ex.PROFILE_I1, /<InquiryReqBlk[\s\S]*<\/InquiryReqBlk>/, ''));
      expect(e).toMatchObject({
        code: 'ElMissing',
        location: { elementType: 'IotpMessage', iotpMsgRef: 'I1' },
      });
    });

    it('reads a message holding only an ErrorBlk as an Error message', () => {
      expect(ok(ex.SPEC_HARD_ERROR).block.type).toBe('ErrorBlk');
    });

    it('answers XmlNotValid when an ID is used twice', () => {
      const e = err(edit(ex.PROFILE_C1, 'BrandSelection ID="C1.4"', 'BrandSelection ID="M1.20"'));
      expect(e).toMatchObject({
        code: 'XmlNotValid',
        location: { elementType: 'Payment', blkRef: 'C1.3', compRef: 'M1.20', attName: 'ID' },
        packagedContent: 'M1.20',
      });
    });

    it('answers XmlNotValid for an unknown element without a prefix', () => {
      const e = err(edit(ex.PROFILE_C2, '</PaySchemeData>', '</PaySchemeData><Bonus ID="C2.7"/>'));
      expect(e).toMatchObject({
        code: 'XmlNotValid',
        location: { elementType: 'Bonus', blkRef: 'C2.2', compRef: 'C2.7' },
        packagedContent: 'Bonus',
      });
    });

    it('answers ElNotSupp for a critical extension element, and ignores a non-critical one', () => {
      const ext = (crit: string) =>
        edit(
          ex.PROFILE_C2,
          '<PayExchBlk',
          `<x:Loyalty xmlns:x="urn:example:loyalty" ID="C2.8"${crit}/><PayExchBlk`,
        );
      expect(err(ext(''))).toMatchObject({
        code: 'ElNotSupp',
        severity: 'HardError',
        location: { elementType: 'x:Loyalty', blkRef: 'C2.8' },
      });
      expect(err(ext(' IOTP:Critical="True"')).code).toBe('ElNotSupp');
      expect(ok(ext(' IOTP:Critical="False"')).block.type).toBe('PayExchBlk');
    });

    it('answers XmlNotValid for an unknown ProcessState', () => {
      const e = err(edit(ex.PROFILE_C2_CANCEL, 'ProcessState="Failed"', 'ProcessState="Broken"'));
      expect(e).toMatchObject({
        code: 'XmlNotValid',
        location: { elementType: 'Status', blkRef: 'C2.2', compRef: 'C2.3', attName: 'ProcessState' },
        packagedContent: 'Broken',
      });
    });
  });

  describe('When a Payment Exchange lacks a spec-required id', () => {
    it('answers AttMissing exactly as iotp-messages §12.4', () => {
      const e = err(edit(ex.PROFILE_C2, /\s*PaymentHandlerPayId="PHW2RHZ07D0Z6M"/, ''));
      expect(e).toMatchObject({
        code: 'AttMissing',
        severity: 'HardError',
        location: {
          elementType: 'PaySchemeData',
          iotpMsgRef: 'C2',
          blkRef: 'C2.2',
          compRef: 'C2.3',
          attName: 'PaymentHandlerPayId',
        },
        packagedContent: 'PaymentHandlerPayId',
      });
    });

    it('answers XmlNotValid for two PaySchemeData', () => {
      const xml = edit(
        ex.PROFILE_C2,
        '</PayExchBlk>',
        '<PaySchemeData ID="C2.4" PaymentRef="M1.20" PaymentHandlerPayId="x"><PackagedContent>x</PackagedContent></PaySchemeData></PayExchBlk>',
      );
      expect(err(xml)).toMatchObject({
        code: 'XmlNotValid',
        location: { elementType: 'PaySchemeData', blkRef: 'C2.2' },
      });
    });
  });
});
