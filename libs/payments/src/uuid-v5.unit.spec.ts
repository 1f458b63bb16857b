import { DNS_NAMESPACE, PAYMENT_EVENT_NAMESPACE, uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the known RFC 4122 vector (Python uuid.uuid5(NAMESPACE_DNS, "www.example.com"))', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives the payment event namespace from the PH domain', () => {
    expect(uuidV5('payments.pay.bank.example', DNS_NAMESPACE)).toBe(PAYMENT_EVENT_NAMESPACE);
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(RangeError);
  });
});
