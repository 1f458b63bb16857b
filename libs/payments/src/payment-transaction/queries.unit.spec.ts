import { decodePaymentApiResponse, encodePaymentApiResponse } from '@ph/payment-api';
import { cont, cps, eventsOf, given, outcomes, pc, PAY_ID, start } from '../testing/decider-spec';
import { initialState } from './state';
import {
  checkPaymentReceipt,
  expandPaymentReceipt,
  inquirePaymentStatus,
  inquirePendingPayment,
  inquireProcessState,
  paymentNotes,
} from './queries';
import { rejectionResponse, replyFor } from './reply';

const completed = () => given(eventsOf(start(), cont(outcomes.completed()))).state;
const suspended = () => given(eventsOf(start(), cps('Suspended'))).state;

describe('PaymentTransaction read-only calls', () => {
  it('InquireProcessState of a completed payment gives state, receipt items by name and notes', () => {
    const s = completed();
    expect(inquireProcessState(s)).toEqual({
      response: {
        call: 'InquireProcessState',
        ProcessState: 'CompletedOk',
        PercentComplete: '100',
        StatusDesc: 'Payment completed',
        PayReceiptNameRefs: ['HS-Result'],
        PackagedContent: [pc('HS-Result')],
      },
    });
    expect(paymentNotes(s)).toEqual([pc('HS-Balance')]);
  });

  it('InquireProcessState of a failed payment carries the completion code', () => {
    const s = given(eventsOf(start(), cont(outcomes.failed('InsuffFunds')))).state;
    expect(inquireProcessState(s).response).toMatchObject({
      ProcessState: 'Failed',
      CompletionCode: 'InsuffFunds',
    });
  });

  it('an unknown payment is AttValIllegal on PayId', () => {
    expect(inquireProcessState(initialState).ErrorResponse).toMatchObject({
      ErrorCode: 'AttValIllegal',
      ErrorLocation: [{ ElementType: 'InquireProcessState', AttName: 'PayId' }],
    });
  });

  it('InquirePaymentStatus reports Suspended as InProgress', () => {
    expect(inquirePaymentStatus(suspended()).response).toEqual({
      call: 'InquirePaymentStatus',
      PaymentHandlerPayId: PAY_ID,
      ProcessState: 'InProgress',
      StatusDesc: 'Suspended by the AppCore',
    });
    expect(inquireProcessState(suspended()).response).toMatchObject({ ProcessState: 'Suspended' });
  });

  it('CheckPaymentReceipt accepts exactly our receipt and refuses others with BusError', () => {
    expect(checkPaymentReceipt(completed(), [pc('HS-Result')])).toEqual({
      response: { call: 'CheckPaymentReceipt' },
    });
    expect(checkPaymentReceipt(completed(), [pc('HS-Result', 'dGFtcGVyZWQ=')]).ErrorResponse).toMatchObject({
      ErrorCode: 'BusError',
    });
    expect(checkPaymentReceipt(suspended(), []).ErrorResponse).toMatchObject({ ErrorCode: 'BusError' });
  });

  it('ExpandPaymentReceipt gives the payment facts of a valid receipt', () => {
    expect(expandPaymentReceipt(completed(), [pc('HS-Result')]).response).toMatchObject({
      call: 'ExpandPaymentReceipt',
      BrandId: 'x-DemoHashPay',
      Amount: '12.50',
      CurrCode: 'EUR',
      ProtocolId: 'x-HashSecret-1.0',
    });
  });

  it('InquirePendingPayment lists InProgress and Suspended payments only', () => {
    const inProgress = given(
      eventsOf({ ...start(), context: { ...start().context, payId: 'PH2' } } as never),
    ).state;
    expect(inquirePendingPayment([completed(), suspended(), inProgress, initialState])).toEqual({
      response: { call: 'InquirePendingPayment', PaymentId: [{ PayId: PAY_ID }, { PayId: 'PH2' }] },
    });
    expect(inquirePendingPayment([completed()])).toEqual({ response: { call: 'InquirePendingPayment' } });
  });

  it('replies and rejections are valid Payment API envelopes', () => {
    const s = completed();
    for (const env of [
      replyFor(s, 'c-cont')!,
      inquireProcessState(s),
      rejectionResponse(
        { errorCode: 'SystemBusy', severity: 'TransientError', desc: 'busy', minRetrySecs: 2 },
        'ContinueProcess',
      ),
    ]) {
      expect(decodePaymentApiResponse(encodePaymentApiResponse(env))).toEqual({ ok: true, value: env });
    }
  });
});
