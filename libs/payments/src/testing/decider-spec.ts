import { decide, type Decision } from '../payment-transaction/decide';
import type { PaymentCommand, PaymentStartContext, StartPayment } from '../payment-transaction/commands';
import type { PaymentEvent } from '../payment-transaction/events';
import { fold } from '../payment-transaction/fold';
import type { PaymentTransactionState } from '../payment-transaction/state';
import type { SchemeOutcome, SchemePackagedContent } from '../scheme-outcome';

/** given events → when command → then events / rejection (emmett's DeciderSpecification, small). */
export const given = (events: readonly PaymentEvent[] = []) => ({
  state: fold(events),
  when(cmd: PaymentCommand): Decision & { after: PaymentTransactionState } {
    const state = fold(events);
    const d = decide(state, cmd);
    return { ...d, after: 'events' in d ? fold(d.events, state) : state };
  },
});

export const PAY_ID = 'PH3K8D0W2R7T5Q';
export const context: PaymentStartContext = {
  payId: PAY_ID,
  iotpTransId: 'T-1',
  brandId: 'x-DemoHashPay',
  protocolId: 'x-HashSecret-1.0',
  protocolBrandId: 'x-DemoHashPay',
  amount: '12.50',
  currency: 'EUR',
  merchantOrgId: 'demo-merchant.example',
  consumerPaymentId: 'C1',
  paymentRef: 'M1.3',
};

export const pc = (name: string, value = 'eyJ2IjoxfQ=='): SchemePackagedContent => ({
  name,
  content: 'MIME:application/json',
  transform: 'BASE64',
  value,
});
export const digest = (name: string) => ({ name, sha256: 'a'.repeat(64) });

export const outcomes = {
  continue: (name = 'HS-Challenge'): SchemeOutcome => ({
    kind: 'continue',
    schemeOut: [pc(name)],
    state: { step: name },
  }),
  completed: (): SchemeOutcome => ({
    kind: 'end',
    processState: 'CompletedOk',
    statusDesc: 'Payment completed',
    schemeOut: [pc('HS-Result')],
    notes: [pc('HS-Balance')],
    receiptNameRefs: ['HS-Result'],
    state: { step: 'done' },
  }),
  failed: (completionCode = 'InsuffFunds'): SchemeOutcome => ({
    kind: 'end',
    processState: 'Failed',
    completionCode,
    statusDesc: 'declined',
    schemeOut: [pc('HS-Result')],
    state: {},
  }),
  processError: (): SchemeOutcome => ({
    kind: 'end',
    processState: 'ProcessError',
    statusDesc: 'bank error',
    schemeOut: [],
    state: {},
  }),
  refuse: (): SchemeOutcome => ({
    kind: 'refuse',
    completionCode: 'PaymtCancelled',
    statusDesc: 'refused by the PH',
    state: {},
  }),
  reject: (): SchemeOutcome => ({
    kind: 'reject',
    errorCode: 'EncapProtErr',
    severity: 'HardError',
    errorDesc: 'bad payload',
    elementRef: 'PS1',
  }),
  suspend: (): SchemeOutcome => ({
    kind: 'suspend',
    reason: 'acquirer did not answer in 5 s',
    state: { step: 'awaiting-AuthRes', XID: 'x1' },
    minRetrySecs: 4,
  }),
  transient: (): SchemeOutcome => ({
    kind: 'transient',
    errorCode: 'SystemBusy',
    errorDesc: 'bank busy',
    minRetrySecs: 3,
  }),
};

export const start = (outcome: SchemeOutcome = outcomes.continue(), commandId = 'c-start'): StartPayment => ({
  type: 'StartPayment',
  commandId,
  context,
  schemeIn: [digest('HS-Init')],
  outcome,
});
export const cont = (outcome: SchemeOutcome, commandId = 'c-cont'): PaymentCommand => ({
  type: 'ContinuePayment',
  commandId,
  schemeIn: [digest('HS-Pay')],
  outcome,
});
export const resume = (
  outcome: SchemeOutcome = outcomes.continue('HS-Challenge2'),
  commandId = 'c-resume',
): PaymentCommand => ({
  type: 'ResumePayment',
  commandId,
  outcome,
});
export const cps = (
  target: PaymentCommand extends infer C
    ? C extends { type: 'ChangeProcessState'; target: infer T }
      ? T
      : never
    : never,
  extra: { completionCode?: string; statusDesc?: string } = {},
  commandId = `c-cps-${target}`,
): PaymentCommand => ({ type: 'ChangeProcessState', commandId, target, ...extra });

/** The events of a command applied in order (to build "given" histories). */
export function eventsOf(...cmds: PaymentCommand[]): PaymentEvent[] {
  const all: PaymentEvent[] = [];
  for (const cmd of cmds) {
    const d = decide(fold(all), cmd);
    if (!('events' in d)) throw new Error(`history command ${cmd.type} was rejected: ${d.rejection.desc}`);
    all.push(...d.events);
  }
  return all;
}
