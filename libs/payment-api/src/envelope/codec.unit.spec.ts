import { CALL_TYPES } from '../codes/roles';
import { errorAt, errorResponse, transientErrorResponse, warningResponse } from '../errors/error-response';
import { SAMPLE_REQUESTS, SAMPLE_RESPONSES } from '../testing/sample-calls';
import { decodePaymentApiRequest, decodePaymentApiResponse } from './decode';
import type { PaymentApiDecodeError } from './decode-error';
import { encodePaymentApiRequest, encodePaymentApiResponse } from './encode';
import type { IotpPaymentApiRequest, IotpPaymentApiResponse } from './envelope';

const NS = 'http://www.iotp.org/2000/08/PaymentAPI';

function decodedRequest(xml: string): IotpPaymentApiRequest {
  const r = decodePaymentApiRequest(xml);
  if (!r.ok) throw new Error(`decode failed: ${JSON.stringify(r.error)}`);
  return r.value;
}
function decodedResponse(xml: string): IotpPaymentApiResponse {
  const r = decodePaymentApiResponse(xml);
  if (!r.ok) throw new Error(`decode failed: ${JSON.stringify(r.error)}`);
  return r.value;
}
function requestError(xml: string): PaymentApiDecodeError {
  const r = decodePaymentApiRequest(xml);
  if (r.ok) throw new Error('decoded although malformed');
  return r.error;
}
const wrapRequest = (body: string, rootAttrs = `xmlns="${NS}"`) =>
  `<IotpPaymentApiRequest ${rootAttrs}>${body}</IotpPaymentApiRequest>`;

describe('Payment API envelope codec', () => {
  describe('round trip', () => {
    it.each(CALL_TYPES)('%s request', (call) => {
      const env: IotpPaymentApiRequest = {
        xmlLang: 'en',
        ContentSoftwareID: 'PH; bridge; 1.0',
        request: SAMPLE_REQUESTS[call],
      };
      const xml = encodePaymentApiRequest(env);
      expect(decodedRequest(xml)).toEqual(env);
      // and the text is stable: encode(decode(encode(x))) === encode(x)
      expect(encodePaymentApiRequest(decodedRequest(xml))).toBe(xml);
    });

    it.each(CALL_TYPES)('%s response', (call) => {
      const env: IotpPaymentApiResponse = { response: SAMPLE_RESPONSES[call] };
      const xml = encodePaymentApiResponse(env);
      expect(decodedResponse(xml)).toEqual(env);
      expect(encodePaymentApiResponse(decodedResponse(xml))).toBe(xml);
    });

    it('an ErrorResponse alone', () => {
      const env: IotpPaymentApiResponse = {
        xmlLang: 'en',
        ErrorResponse: {
          ...errorResponse(
            'AttValIllegal',
            'Attribute value illegal. No payment with this identifier.',
            errorAt('ContinueProcess', { attName: 'PayId' }),
          ),
          SwVendorErrorRef: 'cp-lookup-01',
          PaySchemePackagedContent: [{ name: 'ERR', content: 'PCDATA', transform: 'NONE', value: 'detail' }],
        },
      };
      const xml = encodePaymentApiResponse(env);
      expect(xml).toContain('<ErrorResponse ErrorCode="AttValIllegal" ErrorDesc=');
      expect(xml).toContain('<ErrorLocation ElementType="ContinueProcess" AttName="PayId"/>');
      expect(decodedResponse(xml)).toEqual(env);
    });

    it('a Warning together with a result', () => {
      const env: IotpPaymentApiResponse = {
        ErrorResponse: warningResponse(
          'AttNotSupp',
          'ignored',
          errorAt('InquireProcessState', { attName: 'WalletID' }),
        ),
        response: SAMPLE_RESPONSES.InquireProcessState,
      };
      expect(decodedResponse(encodePaymentApiResponse(env))).toEqual(env);
    });

    it('a TransientError with MinRetrySecs', () => {
      const err = transientErrorResponse(
        'SystemBusy',
        'payment gateway is overloaded',
        5,
        errorAt('ContinueProcess'),
      );
      expect(err).toMatchObject({ Severity: 'TransientError', MinRetrySecs: '5' });
      expect(decodedResponse(encodePaymentApiResponse({ ErrorResponse: err }))).toEqual({
        ErrorResponse: err,
      });
    });

    it('keeps special characters exact in attributes and packaged content', () => {
      const value = 'a<b>&c"d\'e\r\n\tf ]]> g &amp; é 😀';
      const env: IotpPaymentApiRequest = {
        request: {
          call: 'ContinueProcess',
          PayId: 'P "1" & <2>\t\n',
          PaySchemePackagedContent: [
            { name: 'PS', content: 'MIME:text/plain; a="b"', transform: 'NONE', value },
          ],
        },
      };
      expect(decodedRequest(encodePaymentApiRequest(env))).toEqual(env);
    });
  });

  describe('decoding input from others', () => {
    it('reads the spec example of payment-api §2.7 with defaults left unset', () => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<IotpPaymentApiRequest xmlns="${NS}" xml:lang="en" ContentSoftwareID="Example Bank; PH Bridge; 1.0; build 42">
  <StartPaymentPaymentHandler BrandId="ExamplePurse" ConsumerPayId="C7Q2M4X9K1B3ZP"
      CurrCodeType="ISO4217-A" CurrCode="EUR" Amount="12.30" PayDirection="Debit"
      ProtocolId="EPurseV1" OkFrom="2024-05-01T10:00:00.000Z+0" OkTo="2024-05-01T10:30:00.000Z+0"
      PaymentHandlerPayId="PH3K8D0W2R7T5Q" WalletID="till-01">
    <TradingRoleDataPackagedContent Name="Payment:EPURSE-OD" Transform="BASE64">QUJD</TradingRoleDataPackagedContent>
    <PaySchemePackagedContent Name="PS1" Transform="BASE64"><![CDATA[RE]]>VG</PaySchemePackagedContent>
  </StartPaymentPaymentHandler>
</IotpPaymentApiRequest>`;
      const env = decodedRequest(xml);
      expect(env.xmlLang).toBe('en');
      expect(env.request).toMatchObject({
        call: 'StartPaymentPaymentHandler',
        Amount: '12.30',
        PaymentHandlerPayId: 'PH3K8D0W2R7T5Q',
        TradingRoleDataPackagedContent: [
          { name: 'Payment:EPURSE-OD', content: 'PCDATA', transform: 'BASE64', value: 'QUJD' },
        ],
        PaySchemePackagedContent: [{ name: 'PS1', content: 'PCDATA', transform: 'BASE64', value: 'REVG' }],
      });
    });

    it('accepts the wrapper spelling CheckPaymentPossiblity and emits CheckPaymentPossibility', () => {
      const env = decodedRequest(
        wrapRequest(
          '<CheckPaymentPossiblity BrandId="VISA" PayDirection="Debit" CurrCode="EUR" Amount="1" ProtocolId="SETv1.0" ConsumerPayId="C1"/>',
        ),
      );
      expect(env.request.call).toBe('CheckPaymentPossibility');
      expect(encodePaymentApiRequest(env)).toContain('<CheckPaymentPossibility ');
      const resp = decodePaymentApiResponse(
        `<IotpPaymentApiResponse xmlns="${NS}"><CheckPaymentPossiblityResponse/></IotpPaymentApiResponse>`,
      );
      expect(resp).toEqual({ ok: true, value: { response: { call: 'CheckPaymentPossibility' } } });
    });

    it('accepts the other casing of WalletID / Passphrase and InquirePendingPayment’s WalletId / PassPhrase', () => {
      expect(
        decodedRequest(wrapRequest('<InquireProcessState PayId="P1" WalletId="t" PassPhrase="p"/>')).request,
      ).toEqual({
        call: 'InquireProcessState',
        PayId: 'P1',
        WalletID: 't',
        Passphrase: 'p',
      });
      expect(decodedRequest(wrapRequest('<InquirePendingPayment WalletID="t"/>')).request).toEqual({
        call: 'InquirePendingPayment',
        WalletId: 't',
      });
      expect(
        encodePaymentApiRequest({
          request: { call: 'InquirePendingPayment', WalletId: 't', PassPhrase: 'p' },
        }),
      ).toContain('<InquirePendingPayment WalletId="t" PassPhrase="p"/>');
    });

    it('reads PaymCancelled as PaymtCancelled', () => {
      const env = decodedRequest(
        wrapRequest('<ChangeProcessState PayId="P1" ProcessState="Failed" CompletionCode="PaymCancelled"/>'),
      );
      expect(env.request).toMatchObject({ CompletionCode: 'PaymtCancelled' });
    });

    it('decodes character references once (&amp;#65; stays &#65;)', () => {
      const env = decodedRequest(
        wrapRequest(
          '<ContinueProcess PayId="A&#66;&#x43;"><PaySchemePackagedContent>&amp;#65;&#65;</PaySchemePackagedContent></ContinueProcess>',
        ),
      );
      expect(env.request).toMatchObject({ PayId: 'ABC', PaySchemePackagedContent: [{ value: '&#65;A' }] });
    });

    it('skips elements and attributes of other namespaces (extensions)', () => {
      const env = decodedRequest(
        wrapRequest(
          '<InquireProcessState PayId="P1" x:hint="1"><x:Ext xmlns:x="urn:x"/></InquireProcessState>',
          `xmlns="${NS}" xmlns:x="urn:x"`,
        ),
      );
      expect(env.request).toEqual({ call: 'InquireProcessState', PayId: 'P1' });
    });
  });

  describe('malformed envelopes', () => {
    const cases: [string, string, string, string?][] = [
      ['not well-formed', wrapRequest('<InquireProcessState PayId="P1">'), 'XmlNotWellFrmd'],
      ['empty input', '', 'XmlNotWellFrmd'],
      [
        'a DOCTYPE (entity expansion)',
        `<!DOCTYPE a [<!ENTITY x "y">]>${wrapRequest('<InquireProcessState PayId="&x;"/>')}`,
        'XmlNotValid',
      ],
      ['an undeclared entity', wrapRequest('<InquireProcessState PayId="&nbsp;"/>'), 'XmlNotWellFrmd'],
      [
        'an invalid character reference',
        wrapRequest('<InquireProcessState PayId="&#0;"/>'),
        'XmlNotWellFrmd',
      ],
      [
        'a wrong namespace',
        wrapRequest('<InquireProcessState PayId="P1"/>', 'xmlns="urn:other"'),
        'XmlNotValid',
        'xmlns',
      ],
      ['no namespace', wrapRequest('<InquireProcessState PayId="P1"/>', ''), 'XmlNotValid', 'xmlns'],
      ['a response root', `<IotpPaymentApiResponse xmlns="${NS}"/>`, 'XmlNotValid'],
      ['no call', wrapRequest(''), 'ElMissing'],
      [
        'two calls',
        wrapRequest('<InquireProcessState PayId="P1"/><InquireProcessState PayId="P2"/>'),
        'ElMissing',
      ],
      ['an unknown call', wrapRequest('<InquirePaymentLog/>'), 'ElUnexpected'],
      ['a missing required attribute', wrapRequest('<InquireProcessState/>'), 'AttMissing', 'PayId'],
      [
        'an unexpected attribute',
        wrapRequest('<InquireProcessState PayId="P1" Foo="1"/>'),
        'AttUnexpected',
        'Foo',
      ],
      [
        'an illegal enumeration value',
        wrapRequest('<ChangeProcessState PayId="P" ProcessState="Done"/>'),
        'AttNotValid',
        'ProcessState',
      ],
      [
        'a float-like amount',
        wrapRequest(
          '<FindAcceptedPaymentBrand PayDirection="Debit" CurrCode="EUR" Amount="1e3" MerchantPayId="M"/>',
        ),
        'AttNotValid',
        'Amount',
      ],
      [
        'a completion code over 14 characters',
        wrapRequest(
          '<ChangeProcessState PayId="P" ProcessState="Failed" CompletionCode="ThisIsFarTooLong"/>',
        ),
        'AttNotValid',
        'CompletionCode',
      ],
      ['ContinueProcess without scheme data', wrapRequest('<ContinueProcess PayId="P1"/>'), 'ElMissing'],
      [
        'children out of sequence',
        wrapRequest(
          '<StartPaymentPaymentHandler BrandId="b" CurrCode="EUR" Amount="1" PayDirection="Debit" ProtocolId="p" OkFrom="a" OkTo="b" PaymentHandlerPayId="P"><PaySchemePackagedContent/><BrandPackagedContent/></StartPaymentPaymentHandler>',
        ),
        'ElUnexpected',
      ],
      [
        'a child that does not belong',
        wrapRequest('<InquireProcessState PayId="P1"><PaySchemePackagedContent/></InquireProcessState>'),
        'ElUnexpected',
      ],
      [
        'an unknown child',
        wrapRequest('<InquireProcessState PayId="P1"><Foo/></InquireProcessState>'),
        'XmlNotValid',
      ],
      [
        'text in element-only content',
        wrapRequest('<InquireProcessState PayId="P1">hello</InquireProcessState>'),
        'ElContIllegal',
      ],
      [
        'an element inside packaged content',
        wrapRequest(
          '<ContinueProcess PayId="P"><PaySchemePackagedContent><b/></PaySchemePackagedContent></ContinueProcess>',
        ),
        'ElContIllegal',
      ],
      [
        'an illegal Transform',
        wrapRequest(
          '<ContinueProcess PayId="P"><PaySchemePackagedContent Transform="GZIP">x</PaySchemePackagedContent></ContinueProcess>',
        ),
        'AttNotValid',
        'Transform',
      ],
    ];
    const rows = cases.map(([name, xml, code, attName]) => ({ name, xml, code, attName }));
    it.each(rows)('rejects $name', ({ xml, code, attName }) => {
      const error = requestError(xml);
      expect(error.errorCode).toBe(code);
      if (attName) expect(error.location.AttName).toBe(attName);
      expect(error.location.ElementType).toBeTruthy();
    });

    it('rejects an ErrorResponse without ErrorLocation and an ErrorCode over 14 characters', () => {
      const noLoc = decodePaymentApiResponse(
        `<IotpPaymentApiResponse xmlns="${NS}"><ErrorResponse ErrorCode="BusError" ErrorDesc="d" Severity="HardError"/></IotpPaymentApiResponse>`,
      );
      expect(noLoc).toMatchObject({ ok: false, error: { errorCode: 'ElMissing' } });
      const longCode = decodePaymentApiResponse(
        `<IotpPaymentApiResponse xmlns="${NS}"><ErrorResponse ErrorCode="AVeryLongErrorCode" ErrorDesc="d" Severity="HardError"><ErrorLocation ElementType="X"/></ErrorResponse></IotpPaymentApiResponse>`,
      );
      expect(longCode).toMatchObject({
        ok: false,
        error: { errorCode: 'AttNotValid', location: { AttName: 'ErrorCode' } },
      });
    });

    it('rejects a response element after the result and a request inside a response', () => {
      const twice = decodePaymentApiResponse(
        `<IotpPaymentApiResponse xmlns="${NS}"><RemovePaymentLogResponse/><RemovePaymentLogResponse/></IotpPaymentApiResponse>`,
      );
      expect(twice).toMatchObject({ ok: false, error: { errorCode: 'ElUnexpected' } });
      const req = decodePaymentApiResponse(
        `<IotpPaymentApiResponse xmlns="${NS}"><RemovePaymentLog PayId="P"/></IotpPaymentApiResponse>`,
      );
      expect(req).toMatchObject({ ok: false, error: { errorCode: 'ElUnexpected' } });
    });
  });
});
