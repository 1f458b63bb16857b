import type { CoreServices } from './core-services';
import type { Decision, Inbound } from './decision';
import type { Addressing } from './outbound-message';
import type { ContinueOutcome, PaymentApiClient, StateOutcome } from './payment-api-client';
import { afterBusError } from './resume-suspended';
import type { PaymentAttemptStarted } from '../transaction/iotp-transaction.events';

const started = { payId: 'PH0000000001', bridgeId: 'set-like' } as PaymentAttemptStarted;
const inb = {
  iotpTransId: 'T1',
  inMsgId: 'C2',
  msg: { transRef: { msgId: { id: 'C2' } } },
} as unknown as Inbound;
const receipt = [{ name: 'PRes', content: 'PCDATA', transform: 'BASE64' as const, value: 'e30=' }];
const state = (processState: 'Suspended' | 'CompletedOk'): StateOutcome => ({
  ok: true,
  info: { processState, payReceiptNameRefs: ['PRes'], receiptItems: receipt },
});

/** The Payment API as the worker answers it; records the calls. */
function api(inquiries: StateOutcome[], resumed: ContinueOutcome) {
  const calls: string[] = [];
  const client: Partial<PaymentApiClient> = {
    inquireProcessState: () => {
      calls.push('inquire');
      return Promise.resolve(inquiries.shift()!);
    },
    resumePaymentPaymentHandler: (_bridge, input) => {
      calls.push(`resume ${input.commandId} ${input.schemeIn.length} items`);
      return Promise.resolve(resumed);
    },
  };
  return { calls, services: { paymentApi: client } as unknown as CoreServices };
}

describe('after a BusError from Start/ContinueProcess', () => {
  const answered: ContinueOutcome[] = [];
  const answer = (o: ContinueOutcome) => {
    answered.push(o);
    return Promise.resolve({ kind: 'ignored' } as unknown as Decision);
  };
  beforeEach(() => (answered.length = 0));
  const schemeIn = [{ name: 'PReq', content: 'PCDATA', transform: 'BASE64' as const, value: 'e30=' }];

  it("resumes a suspended payment with the Consumer's scheme data and answers with the resumption", async () => {
    const end: ContinueOutcome = { ok: true, contStatus: 'End', schemeOut: receipt, notes: [] };
    const { calls, services } = api([state('Suspended')], end);
    await afterBusError(services, inb, started, {} as Addressing, [], schemeIn, answer);
    expect(calls).toEqual(['inquire', expect.stringMatching(/^resume \S+\.resume 1 items$/)]);
    expect(answered).toEqual([end]);
  });

  it('a payment decided between the inquiry and the resumption (the janitor) is answered with its receipt, not cancelled', async () => {
    const busy: ContinueOutcome = {
      ok: false,
      error: { errorCode: 'BusError', errorDesc: 'Payment is not suspended.', severity: 'HardError' },
    };
    const { calls, services } = api([state('Suspended'), state('CompletedOk')], busy);
    await afterBusError(services, inb, started, {} as Addressing, [], schemeIn, answer);
    expect(calls).toEqual(['inquire', expect.stringMatching(/^resume \S+\.resume 1 items$/), 'inquire']);
    expect(answered).toEqual([{ ok: true, contStatus: 'End', schemeOut: receipt, notes: [] }]);
  });

  it('a payment completed while the Consumer was away is answered with its receipt at once', async () => {
    const { calls, services } = api([state('CompletedOk')], {
      ok: true,
      contStatus: 'End',
      schemeOut: [],
      notes: [],
    });
    await afterBusError(services, inb, started, {} as Addressing, [], schemeIn, answer);
    expect(calls).toEqual(['inquire']);
    expect(answered[0]).toMatchObject({ contStatus: 'End', schemeOut: receipt });
  });
});
