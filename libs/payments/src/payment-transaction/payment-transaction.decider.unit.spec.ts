import { replyFor, responseForReply } from './reply';
import { reportedState } from './transitions';
import { cont, cps, eventsOf, given, outcomes, PAY_ID, resume, start } from '../testing/decider-spec';
import type { PaymentEvent } from './events';
import type { Decision } from './decide';
import type { RecordedReply } from './state';

const types = (d: Decision) => ('events' in d ? d.events.map((e) => e.type) : d.rejection.errorCode);

const inProgress = () => eventsOf(start());
const suspended = () => eventsOf(start(), cps('Suspended'));
const completed = () => eventsOf(start(), cont(outcomes.completed()));
const failed = () => eventsOf(start(), cont(outcomes.failed()));
const processError = () => eventsOf(start(), cps('ProcessError'));
const FINALS: [string, () => PaymentEvent[], string][] = [
  ['CompletedOk', completed, 'CompletedOk'],
  ['Failed', failed, 'Failed'],
  ['ProcessError', processError, 'ProcessError'],
];

describe('PaymentTransaction', () => {
  describe('When no payment exists', () => {
    it('P1/P2/P3 StartPayment with Continue records the start, the inbound digests and the outbound data', () => {
      const d = given().when(start());
      expect(types(d)).toEqual(['PaymentStarted', 'SchemeMessageReceived', 'SchemeMessageSent']);
      expect(d.after.processState).toBe('InProgress');
      expect(replyFor(d.after, 'c-start')).toEqual({
        response: {
          call: 'StartPaymentPaymentHandler',
          ContStatus: 'Continue',
          PaySchemePackagedContent: [expect.objectContaining({ name: 'HS-Challenge' })],
        },
      });
    });

    it('P4 StartPayment ending at once: the bridge decides the final state', () => {
      const d = given().when(start(outcomes.completed()));
      expect(types(d)).toEqual([
        'PaymentStarted',
        'SchemeMessageReceived',
        'SchemeMessageSent',
        'PaymentCompleted',
      ]);
      expect(d.after.processState).toBe('CompletedOk');
      expect(replyFor(d.after, 'c-start')?.response).toMatchObject({ ContStatus: 'End' });
      expect(given().when(start(outcomes.processError())).after.processState).toBe('ProcessError');
    });

    it('P5 StartPayment refused by the bridge: Failed with its code, logged, answered with BusError', () => {
      const d = given().when(start(outcomes.refuse()));
      expect(types(d)).toEqual(['PaymentStarted', 'SchemeMessageReceived', 'PaymentFailed']);
      expect(d.after).toMatchObject({ processState: 'Failed', completionCode: 'PaymtCancelled' });
      expect(replyFor(d.after, 'c-start')?.ErrorResponse).toMatchObject({
        ErrorCode: 'BusError',
        ErrorLocation: [{ ElementType: 'StartPaymentPaymentHandler', AttName: 'PayId', ElementRef: PAY_ID }],
      });
    });

    it('P5 StartPayment with wrong input or a busy back end changes nothing', () => {
      expect(given().when(start(outcomes.reject()))).toMatchObject({
        rejection: { errorCode: 'EncapProtErr', severity: 'HardError', elementRef: 'PS1' },
      });
      expect(given().when(start(outcomes.transient()))).toMatchObject({
        rejection: { errorCode: 'SystemBusy', severity: 'TransientError', minRetrySecs: 3 },
      });
    });

    it.each([
      ['ContinuePayment', cont(outcomes.continue())],
      ['ResumePayment', resume()],
      ['ChangeProcessState', cps('Failed', { completionCode: 'ConsCancelled' })],
      ['RemovePaymentLog', { type: 'RemovePaymentLog' as const, commandId: 'c-rm' }],
    ])('P10 %s answers AttValIllegal on PayId', (_name, cmd) => {
      expect(given().when(cmd)).toMatchObject({
        rejection: { errorCode: 'AttValIllegal', attName: 'PayId' },
      });
    });
  });

  describe('When in progress', () => {
    it('P6 ContinueProcess → Continue stays InProgress and keeps the bridge state', () => {
      const d = given(inProgress()).when(cont(outcomes.continue('HS-Next')));
      expect(types(d)).toEqual(['SchemeMessageReceived', 'SchemeMessageSent']);
      expect(d.after).toMatchObject({
        processState: 'InProgress',
        bridgeState: { step: 'HS-Next' },
        messageCount: 4,
      });
    });

    it('P7 ContinueProcess → End completes with receipt and notes', () => {
      const d = given(inProgress()).when(cont(outcomes.completed()));
      expect(types(d)).toEqual(['SchemeMessageReceived', 'SchemeMessageSent', 'PaymentCompleted']);
      expect(d.after).toMatchObject({ processState: 'CompletedOk', receiptNameRefs: ['HS-Result'] });
      expect(replyFor(d.after, 'c-cont')).toEqual({
        response: {
          call: 'ContinueProcess',
          ContStatus: 'End',
          PaySchemePackagedContent: [expect.objectContaining({ name: 'HS-Result' })],
        },
      });
    });

    it('P7 ContinueProcess → End with a business failure records Failed + completion code', () => {
      const d = given(inProgress()).when(cont(outcomes.failed('AuthError')));
      expect(d.after).toMatchObject({ processState: 'Failed', completionCode: 'AuthError' });
      expect('events' in d && d.events.at(-1)).toMatchObject({ type: 'PaymentFailed', how: 'scheme' });
    });

    it('P8 scheme data from a HardError Error Block: the bridge answers End, payment ProcessError', () => {
      const d = given(inProgress()).when(cont(outcomes.processError()));
      expect(types(d)).toEqual(['SchemeMessageReceived', 'ProcessErrorRaised']);
      expect(replyFor(d.after, 'c-cont')?.response).toEqual({ call: 'ContinueProcess', ContStatus: 'End' });
    });

    it('P11 ChangeProcessState(Suspended) suspends', () => {
      const d = given(inProgress()).when(cps('Suspended', { statusDesc: 'consumer silent' }));
      expect(types(d)).toEqual(['PaymentSuspended']);
      expect(d.after.processState).toBe('Suspended');
      expect(replyFor(d.after, 'c-cps-Suspended')?.response).toMatchObject({ ProcessState: 'Suspended' });
    });

    it('P11 SuspendPayment (janitor) suspends', () => {
      const d = given(inProgress()).when({ type: 'SuspendPayment', commandId: 'j1', reason: 'time-out' });
      expect(d.after).toMatchObject({ processState: 'Suspended', statusDesc: 'time-out' });
    });

    it('P14 ResumePayment on a payment that is not suspended → BusError', () => {
      expect(given(inProgress()).when(resume())).toMatchObject({
        rejection: { errorCode: 'BusError', attName: 'PayId', elementRef: PAY_ID },
      });
    });

    it('P15 ChangeProcessState(Failed) needs a completion code and records it (PaymCancelled read as PaymtCancelled)', () => {
      expect(given(inProgress()).when(cps('Failed'))).toMatchObject({
        rejection: { errorCode: 'AttMissing', attName: 'CompletionCode' },
      });
      const d = given(inProgress()).when(cps('Failed', { completionCode: 'PaymCancelled' }));
      expect(d.after).toMatchObject({ processState: 'Failed', completionCode: 'PaymtCancelled' });
      expect('events' in d && d.events[0]).toMatchObject({
        type: 'PaymentFailed',
        how: 'changeProcessState',
      });
    });

    it('P16 ChangeProcessState(ProcessError) aborts', () => {
      const d = given(inProgress()).when(cps('ProcessError'));
      expect(types(d)).toEqual(['ProcessErrorRaised']);
      expect(d.after.processState).toBe('ProcessError');
    });

    it('P17 ChangeProcessState(CompletedOk) before the scheme completed is declined with the real state', () => {
      const d = given(inProgress()).when(cps('CompletedOk'));
      expect(types(d)).toEqual(['ProcessStateChangeDeclined']);
      expect(replyFor(d.after, 'c-cps-CompletedOk')?.response).toMatchObject({ ProcessState: 'InProgress' });
    });

    it('P20 RemovePaymentLog on a pending payment → BusError', () => {
      expect(given(inProgress()).when({ type: 'RemovePaymentLog', commandId: 'rm' })).toMatchObject({
        rejection: { errorCode: 'BusError' },
      });
    });

    it('a bridge answering Continue without scheme data is refused as a technical error', () => {
      const d = given(inProgress()).when(cont({ kind: 'continue', schemeOut: [], state: {} }));
      expect(d).toMatchObject({ rejection: { errorCode: 'UnknownError' } });
    });
  });

  describe('When suspended', () => {
    it('P9 ContinueProcess → BusError, nothing changes', () => {
      const d = given(suspended()).when(cont(outcomes.continue()));
      expect(d).toMatchObject({
        rejection: { errorCode: 'BusError', desc: expect.stringContaining('not pending') },
      });
      expect(d.after.processState).toBe('Suspended');
    });

    it('P12 ResumePayment → Continue: InProgress with fresh scheme data', () => {
      const d = given(suspended()).when(resume(outcomes.continue('HS-Fresh')));
      expect(types(d)).toEqual(['PaymentResumed', 'SchemeMessageSent']);
      expect(d.after.processState).toBe('InProgress');
      expect(replyFor(d.after, 'c-resume')?.response).toMatchObject({
        call: 'ResumePaymentPaymentHandler',
        ContStatus: 'Continue',
        PaySchemePackagedContent: [{ name: 'HS-Fresh' }],
      });
    });

    it('P13 ResumePayment → End: the bridge decides the final state', () => {
      const d = given(suspended()).when(resume(outcomes.failed('TimedOutNoRcvr')));
      expect(d.after).toMatchObject({ processState: 'Failed', completionCode: 'TimedOutNoRcvr' });
    });

    it('P13 ResumePayment rejected by the bridge leaves it suspended', () => {
      expect(given(suspended()).when(resume(outcomes.transient())).after.processState).toBe('Suspended');
    });

    it('P15/P16 ChangeProcessState closes a suspended payment', () => {
      expect(
        given(suspended()).when(cps('Failed', { completionCode: 'TimedOutRcvr' })).after.processState,
      ).toBe('Failed');
      expect(given(suspended()).when(cps('ProcessError')).after.processState).toBe('ProcessError');
    });

    it('leaving suspension by ChangeProcessState is declined (use Resume), as is CompletedOk', () => {
      for (const target of ['InProgress', 'CompletedOk', 'Suspended'] as const) {
        const d = given(suspended()).when(cps(target, {}, `c-new-${target}`));
        expect(types(d)).toEqual(['ProcessStateChangeDeclined']);
        expect(d.after.processState).toBe('Suspended');
      }
    });

    it('is reported to the counter party as InProgress', () => {
      expect(reportedState(given(suspended()).state.processState)).toBe('InProgress');
      expect(reportedState('Failed')).toBe('Failed');
    });
  });

  describe('When the existing payment software does not answer in time (bridge suspension)', () => {
    const suspendedByBridge = () => eventsOf(start(), cont(outcomes.suspend()));

    it('records the suspension with the bridge state and answers the call SystemBusy with the retry time', () => {
      const d = given(inProgress()).when(cont(outcomes.suspend()));
      expect(types(d)).toEqual(['SchemeMessageReceived', 'PaymentSuspended']);
      expect(d.after).toMatchObject({ processState: 'Suspended', bridgeState: { XID: 'x1' } });
      expect(replyFor(d.after, 'c-cont')?.ErrorResponse).toMatchObject({
        ErrorCode: 'SystemBusy',
        Severity: 'TransientError',
        MinRetrySecs: '4',
      });
      expect(reportedState(d.after.processState)).toBe('InProgress');
    });

    it('a reissued ContinueProcess or Start is not replayed but refused (P9): only a Resume leaves it', () => {
      expect(given(suspendedByBridge()).when(cont(outcomes.completed()))).toMatchObject({
        rejection: { errorCode: 'BusError', desc: expect.stringContaining('suspended') },
      });
      const startSuspended = eventsOf(start(outcomes.suspend()));
      expect(given(startSuspended).when(start())).toMatchObject({ rejection: { errorCode: 'BusError' } });
    });

    it('a reissued Resume asks the bridge again while suspended, with fresh event ids, and then completes', () => {
      const first = given(suspendedByBridge()).when(resume(outcomes.suspend()));
      expect(types(first)).toEqual(['PaymentResumed', 'PaymentSuspended']);
      expect('events' in first && first.attempt).toBeFalsy();
      const history = [...suspendedByBridge(), ...('events' in first ? first.events : [])];
      const again = given(history).when(resume(outcomes.completed()));
      expect(again).toMatchObject({ attempt: 1 });
      expect(again.after.processState).toBe('CompletedOk');
      expect(replyFor(again.after, 'c-resume')?.response).toMatchObject({ ContStatus: 'End' });
      // Once decided, the same Resume is a replay of that decision, never a second call to the bridge.
      const done = [...history, ...('events' in again ? again.events : [])];
      expect(given(done).when(resume(outcomes.failed()))).toMatchObject({ events: [] });
    });

    it('a Continue that had suspended, reissued after the payment was decided, is refused (P9), not replayed busy', () => {
      const decided = eventsOf(start(), cont(outcomes.suspend()), resume(outcomes.completed()));
      expect(given(decided).when(cont(outcomes.continue()))).toMatchObject({
        rejection: { errorCode: 'BusError', desc: expect.stringContaining('not pending') },
      });
    });
  });

  describe.each(FINALS)('When final (%s)', (_name, history, finalState) => {
    it('P9 ContinueProcess → BusError', () => {
      expect(given(history()).when(cont(outcomes.continue(), 'c-late'))).toMatchObject({
        rejection: { errorCode: 'BusError' },
      });
    });

    it('P18 ChangeProcessState(anything) → unchanged state, no events, no error', () => {
      for (const target of ['Suspended', 'CompletedOk', 'Failed', 'ProcessError', 'InProgress'] as const) {
        const d = given(history()).when(cps(target, { completionCode: 'ConsCancelled' }));
        expect(d).toMatchObject({ events: [], replay: { processState: finalState } });
        expect('replay' in d && d.replay && responseForReply(PAY_ID, d.replay)).toEqual({
          response: expect.objectContaining({ call: 'ChangeProcessState', ProcessState: finalState }),
        });
      }
    });

    it('P19 ResumePayment → BusError', () => {
      expect(given(history()).when(resume())).toMatchObject({ rejection: { errorCode: 'BusError' } });
    });

    it('P20 RemovePaymentLog is accepted; afterwards the payment is unknown', () => {
      const d = given(history()).when({ type: 'RemovePaymentLog', commandId: 'rm' });
      expect(types(d)).toEqual(['PaymentLogRemoved']);
      expect(replyFor(d.after, 'rm')).toEqual({ response: { call: 'RemovePaymentLog' } });
      const after = [...history(), ...('events' in d ? d.events : [])];
      expect(given(after).when(cps('Failed'))).toMatchObject({ rejection: { errorCode: 'AttValIllegal' } });
    });
  });

  describe('When ChangeProcessState(CompletedOk) follows a failed scheme', () => {
    it('P17 answers the real state Failed', () => {
      const d = given(failed()).when(cps('CompletedOk'));
      expect('replay' in d && d.replay).toMatchObject({
        processState: 'Failed',
        completionCode: 'InsuffFunds',
      });
    });
  });

  describe('Idempotency by command id', () => {
    it('a redelivered StartPayment produces no second set of events and the same answer', () => {
      const history = eventsOf(start());
      const state = given(history).state;
      const d = given(history).when(start(outcomes.completed()));
      expect(d).toMatchObject({ events: [], replay: state.handled['c-start'] });
      expect(responseForReply(PAY_ID, (d as unknown as { replay: RecordedReply }).replay)).toEqual(
        replyFor(state, 'c-start'),
      );
    });

    it('a redelivered ContinuePayment after later commands replays its own answer', () => {
      const history = eventsOf(start(), cont(outcomes.continue('HS-2'), 'c2'), cps('Suspended'));
      const d = given(history).when(cont(outcomes.completed(), 'c2'));
      expect(d).toMatchObject({ events: [], replay: { command: 'ContinuePayment', contStatus: 'Continue' } });
    });

    it('a redelivered refusal replays BusError', () => {
      const history = eventsOf(start(outcomes.refuse()));
      const d = given(history).when(start(outcomes.refuse()));
      expect(d).toMatchObject({ events: [], replay: { error: { errorCode: 'BusError' } } });
    });

    it('a declined ChangeProcessState redelivered after a resume does not suspend again', () => {
      const history = eventsOf(start(), cps('Suspended', {}, 's1'), cps('Suspended', {}, 's2'), resume());
      const d = given(history).when(cps('Suspended', {}, 's2'));
      expect(d).toMatchObject({ events: [] });
      expect(d.after.processState).toBe('InProgress');
    });

    it('a reissued StartPayment with a new command id but the same payment replays the first answer', () => {
      const history = eventsOf(start());
      expect(given(history).when(start(outcomes.completed(), 'c-again'))).toMatchObject({
        events: [],
        replay: { command: 'StartPayment', contStatus: 'Continue' },
      });
    });

    it('a StartPayment reusing the PaymentHandlerPayId for other facts is refused', () => {
      const history = eventsOf(start());
      const other = {
        ...start(outcomes.continue(), 'c-other'),
        context: { ...start().context, amount: '99' },
      } as never;
      expect(given(history).when(other)).toMatchObject({
        rejection: { errorCode: 'BusError', attName: 'PaymentHandlerPayId' },
      });
    });
  });
});
