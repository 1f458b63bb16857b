/** The one place that builds a payment's stream name (architecture §4). */
export const PAYMENT_STREAM_PREFIX = 'payment-';
export const paymentStream = (paymentHandlerPayId: string): string =>
  `${PAYMENT_STREAM_PREFIX}${paymentHandlerPayId}`;
