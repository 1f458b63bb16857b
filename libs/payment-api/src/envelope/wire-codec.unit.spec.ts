import { paymentApiWireCodec, UndecodableEnvelopeError } from './wire-codec';

describe('paymentApiWireCodec', () => {
  it('round-trips a request and a response through the XML envelope', () => {
    const request = { request: { call: 'InquireProcessState', PayId: 'PH0000000000AB' } } as never;
    const wire = paymentApiWireCodec.encodeRequest(request);
    expect(wire).toContain('<IotpPaymentApiRequest');
    expect(paymentApiWireCodec.decodeRequest(Buffer.from(wire))).toEqual(request);
  });

  it('refuses a payload that is not the envelope, so the transport can dead-letter it', () => {
    expect(() => paymentApiWireCodec.decodeRequest(Buffer.from('{"call":"x"}'))).toThrow(
      UndecodableEnvelopeError,
    );
    expect(() => paymentApiWireCodec.decodeReply(Buffer.from('<x/>'))).toThrow(UndecodableEnvelopeError);
  });
});
