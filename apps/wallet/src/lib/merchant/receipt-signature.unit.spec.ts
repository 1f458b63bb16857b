import { readIotpMessage, type InboundMessage } from '@ph/iotp';
import { PROFILE_C1, PROFILE_C2, PROFILE_P2 } from '../__fixtures__/profile-6-1';
import { GATEWAY, parseXml } from '../__fixtures__/read-fixture';
import { DemoMerchant } from './demo-merchant';
import { verifyReceiptSignature } from './receipt-signature';

const merchant = new DemoMerchant({ gatewayUrl: GATEWAY });

const read = (xml: string): InboundMessage => {
  const r = readIotpMessage(parseXml(xml));
  if (!r.ok) throw new Error(r.error.desc);
  return r.message;
};
const verify = (p2: string, c1 = PROFILE_C1, c2 = PROFILE_C2) =>
  merchant.verifyReceiptSignature({ response: read(p2), sent: [parseXml(c1), parseXml(c2)] });

/** Changes one character (one byte: all ASCII) of `xml` at the first occurrence of `at`. */
const oneByte = (xml: string, at: string, replacement: string): string => {
  const i = xml.indexOf(at);
  if (i < 0 || at.length !== replacement.length) throw new Error(`bad edit ${at}`);
  return xml.slice(0, i) + replacement + xml.slice(i + at.length);
};

describe(verifyReceiptSignature.name, () => {
  it('accepts P2 of profile §6.1 against the C1 and C2 the wallet sent', () => {
    expect(verify(PROFILE_P2)).toEqual({ ok: true });
  });

  it.each([
    ['the Status', 'StatusDesc="Payment completed"', 'StatusDesc="Payment completes"'],
    ['the balance note', 'eyJ0eXBlIjoiSFMtQmFsYW5jZSIs', 'eyJ0eXBlIjoiSFMtQmFsYW5jZSIt'],
    ['the PayReceipt', 'PayReceiptNameRefs="HS-Pay HS-Result"', 'PayReceiptNameRefs="HS-Pay HS-Resulu"'],
    ['the TransRefBlk', 'RespIotpMsg="C2"', 'RespIotpMsg="C3"'],
  ])('refuses P2 with one byte changed in %s (digest)', (_what, at, replacement) => {
    expect(verify(oneByte(PROFILE_P2, at, replacement))).toMatchObject({ ok: false, rule: 4 });
  });

  it('refuses P2 with one byte changed in the signature value', () => {
    const p2 = oneByte(PROFILE_P2, 'PFrpiYoFYStxeF8Y3jbF', 'PFrpiYoFYStxeF8Y3jbG');
    expect(verify(p2)).toMatchObject({ ok: false, rule: 5 });
  });

  it('refuses it when the HS-Pay it digests is not the one the wallet sent', () => {
    const c2 = oneByte(
      PROFILE_C2,
      'ConsumerPaymentId="CP21906fba3660"',
      'ConsumerPaymentId="CP21906fba3661"',
    );
    expect(verify(PROFILE_P2, PROFILE_C1, c2)).toMatchObject({ ok: false, rule: 4 });
  });

  it('refuses another key, and an answer without signature', () => {
    const other = new DemoMerchant({ gatewayUrl: GATEWAY, keyHex: '11'.repeat(32) });
    expect(
      other.verifyReceiptSignature({
        response: read(PROFILE_P2),
        sent: [parseXml(PROFILE_C1), parseXml(PROFILE_C2)],
      }),
    ).toMatchObject({ ok: false, rule: 5 });
    const unsigned = PROFILE_P2.replace(/<IotpSignatures[\s\S]*<\/IotpSignatures>\n/, '');
    expect(verify(unsigned)).toMatchObject({ ok: false, rule: 0 });
  });
});
