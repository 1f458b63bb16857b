/** The fixed XML namespace of every Payment API envelope (payment-api §2). */
export const PAYMENT_API_NAMESPACE = 'http://www.iotp.org/2000/08/PaymentAPI';
