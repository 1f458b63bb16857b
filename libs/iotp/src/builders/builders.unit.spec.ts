import { readIotpMessage } from '../blocks/read-iotp-message';
import { canon, find, parseExample } from '../blocks/__fixtures__/parse-example';
import * as ex from '../blocks/__fixtures__/spec-examples';
import { parseIotpXml } from '../xml/parse';
import { serializeIotpXml } from '../xml/serialize';
import type { XmlElement } from '../xml/xml-node';
import { buildCancelBlk } from './cancel-blk';
import { buildErrorBlk, buildErrorBlkFromWireError } from './error-blk';
import { IdAllocator } from './id-allocator';
import { buildInquiryReqBlk, buildInquiryRespBlk } from './inquiry';
import { buildIotpMessage } from './iotp-message';
import { buildMerchantOffer, defaultOfferIds } from './merchant-offer';
import { buildOrgWithIds, type OrgSpec } from './org';
import { buildPackagedContent, jsonPackagedContent } from './packaged-content';
import { buildPayExchBlk, buildPaySchemeData } from './pay-exch-blk';
import { buildIotpSignatures, buildPayReqBlk } from './pay-req-blk';
import { buildPayReceipt, buildPayRespBlk, buildPaymentNote } from './pay-resp-blk';
import { buildPingRespBlk } from './ping';
import { buildBrandSelection } from './brand-list';
import { buildStatus } from './status';
import { buildTransRefBlk } from './trans-ref-blk';

/** Serialise with the real serializer, parse back with the real parser. */
const roundTrip = (root: XmlElement): XmlElement => {
  const r = parseIotpXml(serializeIotpXml(root), 'application/iotp');
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.desc}`);
  return r.root;
};
const expectSameTree = (built: XmlElement, exampleXml: string) =>
  expect(canon(roundTrip(built))).toEqual(canon(parseExample(exampleXml)));

const PH_SOFTWARE = 'Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1';
const WALLET_SOFTWARE = 'IOTP profile reference; acceptance wallet (Python); 1.0; build 1';
const t = (iso: string) => new Date(iso);

const phOrg = (base: string): OrgSpec => ({
  orgId: 'pay.bank.example',
  legalName: 'Example Bank AG',
  shortDesc: 'Example Bank',
  tradingRoles: [
    {
      tradingRole: 'PaymentHandler',
      iotpMsgIdPrefix: 'P',
      cancelNetLocn: `${base}/cancelled`,
      errorNetLocn: `${base}/error`,
      errorLogNetLocn: `${base}/errorlog`,
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

describe('builders', () => {
  describe('When the PH answers the Payment Request of profile §6.1', () => {
    it('rebuilds message P1 exactly', () => {
      const c1 = parseExample(ex.PROFILE_C1);
      const ids = new IdAllocator('P', 1);
      const transRefBlk = buildTransRefBlk({
        id: ids.next(),
        transId: find(c1, 'TransId'),
        msgId: {
          id: ids.msgId,
          respIotpMsg: 'C1',
          senderTradingRoleRef: 'M1.16',
          softwareId: PH_SOFTWARE,
          timeStamp: t('2024-05-01T10:15:30.700Z'),
        },
      });
      const blkId = ids.next();
      const challenge =
        '{"type":"HS-Challenge","v":1,"C":"alice","M":"demo-merchant.example","B":"demo-bank.example","t":"20240501T101530Z-3f38f007","y":"PHW2RHZ07D0Z6M","u":"12.5","cur":"EUR","aM":"0dc978175d0c277c7038a4163faad510f550db08138831597eb067a1f76c1574"}';
      const p1 = buildIotpMessage({
        transRefBlk,
        blocks: [
          buildPayExchBlk({
            id: blkId,
            paySchemeData: buildPaySchemeData({
              id: ids.next(),
              paymentRef: 'M1.20',
              consumerPaymentId: 'CP21906fba3660',
              paymentHandlerPayId: 'PHW2RHZ07D0Z6M',
              packagedContents: [jsonPackagedContent('HS-Challenge', challenge)],
            }),
          }),
        ],
      });
      expectSameTree(p1, ex.PROFILE_P1);
    });

    it('rebuilds the PayRespBlk of message P2', () => {
      const ids = new IdAllocator('P', 2);
      ['P2.1', 'P2.2', 'P2.3'].forEach(() => ids.next()); // TransRefBlk, IotpSignatures, Signature
      const blkId = ids.next();
      const expected = find(parseExample(ex.PROFILE_P2), 'PayRespBlk');
      const psd = find(expected, 'PaySchemeData');
      const note = find(expected, 'PaymentNote');
      const built = buildPayRespBlk({
        id: blkId,
        status: buildStatus({
          id: ids.next(),
          statusType: 'Payment',
          elRef: 'M1.20',
          processState: 'CompletedOk',
          processReference: 'PHW2RHZ07D0Z6M',
          statusDesc: 'Payment completed',
        }),
        payReceipt: buildPayReceipt({
          id: ids.next(),
          paymentRef: 'M1.20',
          payReceiptNameRefs: ['HS-Pay', 'HS-Result'],
        }),
        paySchemeData: buildPaySchemeData({
          id: ids.next(),
          paymentRef: 'M1.20',
          consumerPaymentId: 'CP21906fba3660',
          paymentHandlerPayId: 'PHW2RHZ07D0Z6M',
          packagedContents: [
            {
              name: 'HS-Result',
              content: 'MIME:application/json',
              transform: 'BASE64',
              value: textOf(find(psd, 'PackagedContent')),
            },
          ],
        }),
        paymentNote: buildPaymentNote({
          id: ids.next(),
          packagedContents: [
            {
              name: 'HS-Balance',
              content: 'MIME:application/json',
              transform: 'BASE64',
              value: textOf(find(note, 'PackagedContent')),
            },
          ],
        }),
      });
      expect(canon(built)).toEqual(canon(expected));
    });
  });

  describe('When the PH sends an Error message', () => {
    it('rebuilds the Error example of profile §1.5', () => {
      const inbound = parseExample(ex.PROFILE_ERROR_EXAMPLE); // its TransId stands for the Ping's
      const ids = new IdAllocator('Q', 1);
      const msg = buildIotpMessage({
        transRefBlk: buildTransRefBlk({
          id: ids.next(),
          transId: find(inbound, 'TransId'),
          msgId: {
            id: ids.msgId,
            respIotpMsg: 'I1',
            softwareId: PH_SOFTWARE,
            timeStamp: t('2024-05-01T10:40:00.350Z'),
          },
        }),
        errorBlk: buildErrorBlk({
          id: ids.next(),
          errorComp: {
            id: ids.next(),
            errorCode: 'XmlNotValid',
            errorDesc: "namespace 'urn:example:not-iotp' is not iotp:ietf.org/iotp-v1.0",
            location: { elementType: 'IotpMessage', iotpMsgRef: 'I1' },
          },
        }),
      });
      expectSameTree(msg, ex.PROFILE_ERROR_EXAMPLE);
    });

    it('turns the reader error of a C2 without PaymentHandlerPayId into the ErrorComp of iotp-messages §12.4', () => {
      const r = readIotpMessage(parseExample(ex.PROFILE_C2.replace(/\s*PaymentHandlerPayId="[^"]*"/, '')));
      if (r.ok) throw new Error('expected an error');
      const built = buildErrorBlkFromWireError(
        r.error,
        { blkId: 'P2.2', compId: 'P2.3' },
        { swVendorErrorRef: 'codec.payexch.0007' },
      );
      const expected = find(parseExample(ex.SPEC_HARD_ERROR), 'ErrorBlk');
      const [comp] = built.children as XmlElement[];
      const [expComp] = expected.children as XmlElement[];
      expect(comp.attrs).toMatchObject({
        ...expComp.attrs,
        ErrorDesc: 'Attribute missing. PaySchemeData/@PaymentHandlerPayId is required here.',
      });
      expect(Object.keys(comp.attrs)).toEqual(Object.keys(expComp.attrs));
      expect(canon(comp).slice(2)).toEqual(canon(expComp).slice(2)); // ErrorLocation + PackagedContent
    });

    it('rebuilds the Transient Error of iotp-messages §12.5 with MinRetrySecs', () => {
      const built = buildErrorBlk({
        id: 'P2.2',
        errorComp: {
          id: 'P2.3',
          errorCode: 'MsgBeingProc',
          errorDesc: 'Message being processed; resend it after the indicated time',
          minRetrySecs: 5,
          location: { elementType: 'IotpMessage', iotpMsgRef: 'C2' },
        },
      });
      expect(canon(built)).toEqual(canon(find(parseExample(ex.SPEC_TRANSIENT_ERROR), 'ErrorBlk')));
    });

    it('refuses a TransientError without MinRetrySecs and MsgBeingProc as a HardError', () => {
      const location = { elementType: 'IotpMessage' };
      expect(() =>
        buildErrorBlk({
          id: 'P2.2',
          errorComp: { id: 'P2.3', errorCode: 'SystemBusy', errorDesc: 'x', location },
        }),
      ).toThrow(/MinRetrySecs/);
      expect(() =>
        buildErrorBlk({
          id: 'P2.2',
          errorComp: {
            id: 'P2.3',
            errorCode: 'MsgBeingProc',
            errorDesc: 'x',
            severity: 'HardError',
            location,
          },
        }),
      ).toThrow(/TransientError/);
    });

    it('writes MinRetrySecs only with a TransientError', () => {
      const b = buildErrorBlk({
        id: 'P2.2',
        errorComp: {
          id: 'P2.3',
          errorCode: 'UnknownError',
          errorDesc: 'x',
          minRetrySecs: 5,
          location: { elementType: 'IotpMessage' },
        },
      });
      expect((b.children[0] as XmlElement).attrs['MinRetrySecs']).toBeUndefined();
      expect((b.children[0] as XmlElement).attrs['Severity']).toBe('HardError');
    });
  });

  describe('When the PH answers an inquiry, a cancel or a ping', () => {
    it('rebuilds the Inquiry Response Q1 of profile §6.3 with the copied Status', () => {
      const i1 = parseExample(ex.PROFILE_I1);
      const p2Status = find(find(parseExample(ex.PROFILE_P2), 'PayRespBlk'), 'Status');
      const ids = new IdAllocator('Q', 1);
      const q1 = buildIotpMessage({
        transRefBlk: buildTransRefBlk({
          id: ids.next(),
          transId: find(i1, 'TransId'),
          msgId: {
            id: ids.msgId,
            respIotpMsg: 'I1',
            softwareId: PH_SOFTWARE,
            timeStamp: t('2024-05-01T10:15:31.750Z'),
          },
        }),
        blocks: [
          buildInquiryRespBlk({
            id: ids.next(),
            lastReceivedIotpMsgRef: 'C2',
            lastSentIotpMsgRef: 'P2',
            status: p2Status,
          }),
        ],
      });
      expectSameTree(q1, ex.PROFILE_Q1);
    });

    it('writes Null for missing last-message references', () => {
      const b = buildInquiryRespBlk({
        id: 'Q1.2',
        status: buildStatus({
          id: 'Q1.3',
          statusType: 'Payment',
          elRef: 'M1.20',
          processState: 'InProgress',
        }),
      });
      expect(b.attrs).toEqual({ ID: 'Q1.2', LastReceivedIotpMsgRef: 'Null', LastSentIotpMsgRef: 'Null' });
    });

    it('rebuilds the Cancel of iotp-messages §12.6', () => {
      const c1 = parseExample(ex.SPEC_C1);
      const ids = new IdAllocator('P', 2);
      const msg = buildIotpMessage({
        transRefBlk: buildTransRefBlk({
          id: ids.next(),
          transId: find(c1, 'TransId'),
          msgId: {
            id: ids.msgId,
            respIotpMsg: 'C2',
            senderTradingRoleRef: 'M1.16',
            softwareId: 'Example Bank AG; IOTP Payment Handler; 1.0.0; build 2024.05.01',
          },
        }),
        blocks: [
          buildCancelBlk({
            id: ids.next(),
            status: buildStatus({
              id: ids.next(),
              statusType: 'Payment',
              elRef: 'M1.20',
              processState: 'Failed',
              completionCode: 'PaymtCancelled',
              processReference: 'PH00000042',
              statusDesc: 'The payment was declined by the Payment Handler',
            }),
          }),
        ],
      });
      expectSameTree(msg, ex.SPEC_CANCEL);
    });

    it('rebuilds the Ping Response of iotp-messages §12.9 with our Org from config', () => {
      const inbound = parseExample(ex.SPEC_PING_RESPONSE); // stands in for the Ping Request's TransId
      const ids = new IdAllocator('Q', 1);
      const transRefBlk = buildTransRefBlk({
        id: ids.next(),
        transId: find(inbound, 'TransId'),
        msgId: {
          id: ids.msgId,
          respIotpMsg: 'I1',
          softwareId: 'Example Bank AG; IOTP Payment Handler; 1.0.0; build 2024.05.01',
          timeStamp: t('2024-05-01T12:00:00.020Z'),
        },
      });
      const blkId = ids.next();
      const msg = buildIotpMessage({
        transRefBlk,
        blocks: [
          buildPingRespBlk({
            id: blkId,
            pingStatusCode: 'Ok',
            pingStatusDesc: 'All systems normal',
            ourOrg: buildOrgWithIds(phOrg('https://pay.bank.example/iotp'), () => ids.next()),
          }),
        ],
      });
      expectSameTree(msg, ex.SPEC_PING_RESPONSE);
    });

    it('copies the request Orgs after ours and adds SigVerifyStatusCode when asked', () => {
      const theirs = buildOrgWithIds(
        { orgId: 'shop.example', tradingRoles: [{ tradingRole: 'Merchant', iotpMsgIdPrefix: 'M' }] },
        (() => {
          let k = 3;
          return () => `I1.${k++}`;
        })(),
      );
      const ours = buildOrgWithIds(
        phOrg('https://pay.bank.example/iotp'),
        (() => {
          let k = 3;
          return () => `Q1.${k++}`;
        })(),
      );
      const b = buildPingRespBlk({
        id: 'Q1.2',
        pingStatusCode: 'Busy',
        sigVerifyStatusCode: 'NotSupported',
        ourOrg: ours,
        requestOrgs: [theirs],
      });
      expect(Object.keys(b.attrs)).toEqual(['ID', 'PingStatusCode', 'SigVerifyStatusCode']);
      expect(b.children).toEqual([ours, theirs]);
    });
  });

  describe('When the wallet builds the Payment Request of profile §6.1', () => {
    it('rebuilds message C1 from the merchant offer and the consumer components', () => {
      const expected = parseExample(ex.PROFILE_C1);
      const offer = buildMerchantOffer({
        ids: defaultOfferIds(new IdAllocator('M', 1), 1),
        iotpTransId: '20240501101530.e2780c0935b324b6@demo-merchant.example',
        iotpTransType: 'BaselinePurchase',
        transTimeStamp: t('2024-05-01T10:15:30.350Z'),
        shortDesc: 'Order ORD-9454f92b',
        brands: [
          {
            brandId: 'x-DemoHashPay',
            brandName: 'Demo HashPay',
            brandLogoNetLocn: 'https://demo-merchant.example/logos/DemoHashPay.png',
            protocolBrandId: 'DemoHashPay',
          },
        ],
        protocol: {
          protocolId: 'x-HashSecret-1.0',
          protocolName: 'Hash/secret customer-merchant-bank protocol 1.0',
          payReqNetLocn: 'http://127.0.0.1:8080/iotp',
        },
        amount: '12.50',
        currCode: 'EUR',
        okFrom: t('2024-05-01T10:10:30.350Z'),
        okTo: t('2024-05-01T11:15:30.350Z'),
        signedPayReceipt: true,
        orderIdentifier: 'ORD-9454f92b',
        merchant: {
          orgId: 'demo-merchant.example',
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
        },
        consumer: {
          orgId: 'Consumer:alice/demo-merchant.example',
          tradingRoles: [{ tradingRole: 'Consumer', iotpMsgIdPrefix: 'C' }],
        },
        paymentHandler: phOrg('http://127.0.0.1:8080/iotp'),
      });
      expect(offer.ids.payment).toBe('M1.20');

      const ids = new IdAllocator('C', 1);
      const transRefBlk = buildTransRefBlk({
        id: ids.next(),
        transId: offer.transId,
        msgId: {
          id: ids.msgId,
          respIotpMsg: 'M1',
          senderTradingRoleRef: offer.ids.consumerRole,
          softwareId: WALLET_SOFTWARE,
          timeStamp: t('2024-05-01T10:15:30.700Z'),
        },
      });
      const signatures = buildIotpSignatures({ id: ids.next(), signatures: [find(expected, 'Signature')] });
      const blkId = ids.next();
      const hsInit =
        '{"type":"HS-Init","v":1,"C":"alice","nA":"31945f5b5b0e59f0f072d05f5ea26e0a31262639304f010aa903c7b7bf1c76f1"}';
      const c1 = buildIotpMessage({
        transRefBlk,
        signatures,
        blocks: [
          buildPayReqBlk({
            id: blkId,
            statuses: [offer.offerStatus],
            brandList: offer.brandList,
            brandSelection: buildBrandSelection({
              id: ids.next(),
              brandListRef: offer.ids.brandList,
              brandRef: offer.ids.brands[0],
              protocolAmountRef: offer.ids.protocolAmount,
              currencyAmountRef: offer.ids.currencyAmount,
            }),
            payment: offer.payment,
            paySchemeData: buildPaySchemeData({
              id: ids.next(),
              paymentRef: offer.ids.payment,
              consumerPaymentId: 'CP21906fba3660',
              packagedContents: [jsonPackagedContent('HS-Init', hsInit)],
            }),
            orgs: [offer.merchantOrg, offer.consumerOrg, offer.paymentHandlerOrg],
          }),
        ],
      });
      expectSameTree(c1, ex.PROFILE_C1);
    });

    it('builds a Consumer Payment Exchange, Cancel and Inquiry Request that the reader accepts', () => {
      const c1 = parseExample(ex.PROFILE_C1);
      const transId = find(c1, 'TransId');
      const c2 = buildIotpMessage({
        transRefBlk: buildTransRefBlk({
          id: 'C2.1',
          transId,
          msgId: { id: 'C2', respIotpMsg: 'P1', softwareId: WALLET_SOFTWARE },
        }),
        blocks: [
          buildPayExchBlk({
            id: 'C2.2',
            paySchemeData: buildPaySchemeData({
              id: 'C2.3',
              paymentRef: 'M1.20',
              consumerPaymentId: 'CP1',
              paymentHandlerPayId: 'PH1',
              packagedContents: [jsonPackagedContent('HS-Pay', '{}')],
            }),
          }),
        ],
      });
      expect(readIotpMessage(roundTrip(c2)).ok).toBe(true);
      const cancel = buildIotpMessage({
        transRefBlk: buildTransRefBlk({
          id: 'C2.1',
          transId,
          msgId: { id: 'C2', respIotpMsg: 'P1', softwareId: WALLET_SOFTWARE },
        }),
        blocks: [
          buildCancelBlk({
            id: 'C2.2',
            status: buildStatus({
              id: 'C2.3',
              statusType: 'Payment',
              elRef: 'M1.20',
              processState: 'Failed',
              completionCode: 'ConsCancelled',
            }),
          }),
        ],
      });
      expect(readIotpMessage(roundTrip(cancel)).ok).toBe(true);
      const inquiry = buildIotpMessage({
        transRefBlk: buildTransRefBlk({
          id: 'I1.1',
          transId,
          msgId: { id: 'I1', softwareId: WALLET_SOFTWARE },
        }),
        blocks: [
          buildInquiryReqBlk({
            id: 'I1.3',
            inquiryType: { id: 'I1.4', type: 'Payment', elRef: 'M1.20', processReference: 'PH1' },
          }),
        ],
      });
      const r = readIotpMessage(roundTrip(inquiry));
      expect(r.ok && r.message.block.type).toBe('InquiryReqBlk');
    });
  });

  describe('Guards', () => {
    it('refuses a Failed Status without a completion code', () => {
      expect(() => buildStatus({ id: 'P2.5', statusType: 'Payment', processState: 'Failed' })).toThrow();
    });
    it('refuses a CompletedOk Payment Response without a receipt', () => {
      const status = buildStatus({
        id: 'P2.5',
        statusType: 'Payment',
        elRef: 'M1.20',
        processState: 'CompletedOk',
      });
      expect(() => buildPayRespBlk({ id: 'P2.4', status })).toThrow(/PayReceipt/);
    });
    it('writes PackagedContent attributes only when given', () => {
      expect(buildPackagedContent({ value: 'PaymentHandlerPayId' })).toEqual({
        name: 'PackagedContent',
        attrs: {},
        children: [{ text: 'PaymentHandlerPayId' }],
      });
    });
  });
});

const textOf = (e: XmlElement): string => e.children.map((c) => ('text' in c ? c.text : '')).join('');
