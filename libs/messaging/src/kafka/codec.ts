/**
 * How requests and replies become Kafka record values. The gateway and the payment worker pass the
 * RFC 3867 XML envelope codec of @ph/payment-api, so a bridge in any language can read the topics;
 * tests use {@link jsonCodec}. A decode failure on the worker side sends the record to the dead-letter
 * topic; on the requester side it fails the request.
 */
export interface PaymentApiCodec<TReq, TRes> {
  encodeRequest(request: TReq): string | Buffer;
  decodeRequest(payload: Buffer): TReq;
  encodeReply(reply: TRes): string | Buffer;
  decodeReply(payload: Buffer): TRes;
}

/** JSON on the wire: for tests and tools, not for the Payment API (which is XML). */
export function jsonCodec<TReq, TRes>(): PaymentApiCodec<TReq, TRes> {
  return {
    encodeRequest: (request) => JSON.stringify(request),
    decodeRequest: (payload) => JSON.parse(payload.toString('utf8')) as TReq,
    encodeReply: (reply) => JSON.stringify(reply),
    decodeReply: (payload) => JSON.parse(payload.toString('utf8')) as TRes,
  };
}
