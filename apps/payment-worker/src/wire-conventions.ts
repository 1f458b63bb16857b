import type { PackagedContent } from '@ph/payment-api';

/*
 * What the Payment API (RFC 3867) has no slot for, and how it travels between the gateway (IOTP
 * Application Core) and this worker. Both sides keep these constants; apps never import each other,
 * so the gateway adapter repeats them (apps/gateway/src/payment-api/transport-payment-api-client.ts)
 * and its unit test runs against this worker to keep the two in step.
 *
 * - The command id (inbound IOTP MsgId key) is the transport's correlationId (RequestMeta), never
 *   part of the XML.
 * - The IOTP TransId and the IOTP Payment ID (PaymentRef) of a StartPaymentPaymentHandler travel as
 *   one reserved TradingRoleDataPackagedContent named PH_CONTEXT_NAME (JSON). Its Name starts with
 *   `Payment:` as §7.7 asks; the worker takes it out before anything reaches a bridge.
 * - PaymentNote contents (e.g. HS-Balance) of a finished payment: `paymentNotes(state)` is appended
 *   to the PaySchemePackagedContent of every ContStatus=End answer, each renamed NOTE_PREFIX + its
 *   own Name. The answer stays a pure function of the stream (notes are recorded with the final
 *   event), so a retransmission still gets the identical answer. The gateway adapter splits them
 *   off again into `notes`; a polyglot AppCore reading the topic can recognise them by the prefix.
 */

export const PH_CONTEXT_NAME = 'Payment:x-ph-context';
export const NOTE_PREFIX = 'x-ph-note:';

export interface IotpContext {
  readonly iotpTransId: string;
  readonly paymentRef: string;
}

export function readIotpContext(items: readonly PackagedContent[] | undefined): IotpContext | undefined {
  const item = items?.find((pc) => pc.name === PH_CONTEXT_NAME);
  if (!item) return undefined;
  try {
    const text =
      item.transform === 'BASE64' ? Buffer.from(item.value, 'base64').toString('utf8') : item.value;
    const parsed = JSON.parse(text) as Partial<IotpContext>;
    if (typeof parsed.iotpTransId !== 'string' || typeof parsed.paymentRef !== 'string') return undefined;
    return { iotpTransId: parsed.iotpTransId, paymentRef: parsed.paymentRef };
  } catch {
    return undefined;
  }
}

export const asNote = (note: PackagedContent): PackagedContent => ({
  ...note,
  name: `${NOTE_PREFIX}${note.name ?? ''}`,
});
