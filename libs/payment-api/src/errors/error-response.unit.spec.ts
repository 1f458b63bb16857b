import { forwardedErrorCode } from '../codes/error-code';
import { CALL_TYPES, PAYMENT_HANDLER_CALLS, roleImplements } from '../codes/roles';
import { errorAt, errorResponse, notPaymentHandlerCall } from './error-response';

describe('Payment API errors', () => {
  it('the PH column of RFC 3867 Table 1', () => {
    expect(PAYMENT_HANDLER_CALLS).toEqual([
      'StartPaymentPaymentHandler',
      'ResumePaymentPaymentHandler',
      'ContinueProcess',
      'InquireProcessState',
      'ChangeProcessState',
      'CheckPaymentReceipt',
      'ExpandPaymentReceipt',
      'RemovePaymentLog',
      'InquirePendingPayment',
      'ManagePaymentSoftware',
      'InquirePaymentStatus',
    ]);
    expect(CALL_TYPES).toHaveLength(24);
    expect(roleImplements('PaymentHandler', 'StartPaymentConsumer')).toBe(false);
  });

  it('a call outside the PH role is answered ReqNotSupp, HardError, located at the call', () => {
    expect(notPaymentHandlerCall('StartPaymentConsumer')).toMatchObject({
      ErrorCode: 'ReqNotSupp',
      Severity: 'HardError',
      ErrorLocation: [{ ElementType: 'StartPaymentConsumer' }],
    });
  });

  it('transient-only codes come with MinRetrySecs; codes over 14 chars are refused', () => {
    expect(errorResponse('SystemBusy', 'busy', errorAt('ContinueProcess'))).toMatchObject({
      Severity: 'TransientError',
      MinRetrySecs: '1',
    });
    expect(() => errorResponse('ThisCodeIsTooLong' as never, 'x', errorAt('X'))).toThrow(RangeError);
  });

  it.each([
    ['BusError', {}, null],
    ['ElNotValid', {}, 'XmlNotValid'],
    ['AttNotValid', {}, 'XmlNotValid'],
    ['ElContIllegal', {}, 'ElNotSupp'],
    ['ElContIllegal', { locationIsPackagedContent: true }, 'ElContIllegal'],
    ['AttMissing', { attributeRequired: true }, 'XmlNotValid'],
    ['AttMissing', { attName: 'WalletID' }, 'UnknownError'],
    ['AttValIllegal', { attName: 'Passphrase' }, 'TransportError'],
    ['AttValIllegal', { attName: 'PaymentInstrumentId' }, 'UnknownError'],
    ['AttValIllegal', { attName: 'PropertyTypeList' }, null],
    ['AttValIllegal', { attName: 'Amount' }, 'AttValIllegal'],
    ['ReqNotSupp', {}, 'UnknownError'],
    ['EncapProtErr', {}, 'EncapProtErr'],
  ] as const)('forwarding %s %j → %s', (code, ctx, expected) => {
    expect(forwardedErrorCode(code, ctx)).toBe(expected);
  });
});
