import { decodePaymentApiRequest, decodePaymentApiResponse } from './decode';
import { encodePaymentApiRequest, encodePaymentApiResponse } from './encode';
import type { IotpPaymentApiRequest, IotpPaymentApiResponse } from './envelope';

export class UndecodableEnvelopeError extends Error {
  constructor(what: string, desc: string) {
    super(`undecodable ${what}: ${desc}`);
    this.name = 'UndecodableEnvelopeError';
  }
}

/**
 * The RFC 3867 XML envelope as the record value on the transport (architecture §6), so a bridge in
 * any language can read the topics. Shaped like @ph/messaging's PaymentApiCodec (structurally: this
 * library does not depend on the transport).
 */
export const paymentApiWireCodec = {
  encodeRequest: (request: IotpPaymentApiRequest): string => encodePaymentApiRequest(request),
  decodeRequest(payload: Buffer): IotpPaymentApiRequest {
    const result = decodePaymentApiRequest(payload.toString('utf8'));
    if (!result.ok) throw new UndecodableEnvelopeError('IotpPaymentApiRequest', result.error.desc);
    return result.value;
  },
  encodeReply: (reply: IotpPaymentApiResponse): string => encodePaymentApiResponse(reply),
  decodeReply(payload: Buffer): IotpPaymentApiResponse {
    const result = decodePaymentApiResponse(payload.toString('utf8'));
    if (!result.ok) throw new UndecodableEnvelopeError('IotpPaymentApiResponse', result.error.desc);
    return result.value;
  },
};
