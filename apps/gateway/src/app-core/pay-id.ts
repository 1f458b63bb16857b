import { createHmac } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * PaymentHandlerPayId = 'PH' + 12 Crockford base32 characters (profile §3.2), derived from the
 * message that starts the attempt. Deterministic on purpose: a Payment Request retransmitted after a
 * crash reissues StartPaymentPaymentHandler with the same id, which the worker answers from the
 * payment's stream instead of starting a second payment (payment-api §11, "Start calls may be reissued").
 * The key keeps ids unpredictable to outsiders.
 */
export function derivePayId(key: Buffer, iotpTransId: string, msgId: string, digest: string): string {
  const mac = createHmac('sha256', key).update(`${iotpTransId}\n${msgId}\n${digest}`).digest();
  let bits = 0n;
  for (let i = 0; i < 8; i++) bits = (bits << 8n) | BigInt(mac[i]);
  let out = '';
  for (let i = 0; i < 12; i++) out += CROCKFORD[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  return `PH${out}`;
}
