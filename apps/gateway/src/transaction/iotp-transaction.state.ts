import type { XmlElement } from '@ph/iotp';
import type { DigestRef, IotpTransactionEvent, PaymentAttemptStarted } from './iotp-transaction.events';

export type AttemptPhase = 'awaiting-exchange' | 'finished' | 'cancelled' | 'hard-errored';

export interface Attempt {
  readonly started: PaymentAttemptStarted;
  readonly phase: AttemptPhase;
  readonly status?: XmlElement;
  readonly processState?: string;
  readonly completionCode?: string;
  readonly recoverable?: boolean;
  readonly schemeData: readonly { names: readonly string[]; ref: DigestRef }[];
}

export interface SavedAnswer {
  readonly digest: string;
  readonly answer: string | null;
}

export interface IotpTransactionState {
  /** -1 while the stream does not exist. */
  readonly revision: number;
  readonly status: 'Unknown' | 'Open' | 'Cancelled' | 'HardErrored';
  readonly attempts: readonly Attempt[];
  readonly answers: ReadonlyMap<string, SavedAnswer>;
  /** Highest number used with the PH's exchange prefix, and with 'Q'. */
  readonly lastExchangeNumber: number;
  readonly lastQNumber: number;
  readonly lastReceived?: string;
  readonly lastSent?: string;
  readonly hardErrorComp?: XmlElement;
}

export const initialTransactionState: IotpTransactionState = {
  revision: -1,
  status: 'Unknown',
  attempts: [],
  answers: new Map(),
  lastExchangeNumber: 0,
  lastQNumber: 0,
};

export function latestAttempt(state: IotpTransactionState): Attempt | undefined {
  return state.attempts[state.attempts.length - 1];
}

export function exchangePrefix(state: IotpTransactionState): string {
  return latestAttempt(state)?.started.msgIdPrefix ?? 'P';
}

function numberOf(msgId: string, prefix: string): number | undefined {
  if (!msgId.startsWith(prefix)) return undefined;
  const n = Number(msgId.slice(prefix.length));
  return Number.isInteger(n) ? n : undefined;
}

function updateLatest(state: IotpTransactionState, payId: string | undefined, change: Partial<Attempt>) {
  return state.attempts.map((a, i) =>
    (payId ? a.started.payId === payId : i === state.attempts.length - 1) ? { ...a, ...change } : a,
  );
}

export function evolveTransaction(
  state: IotpTransactionState,
  event: IotpTransactionEvent,
): IotpTransactionState {
  switch (event.type) {
    case 'PaymentAttemptStarted':
      return {
        ...state,
        status: 'Open',
        attempts: [...state.attempts, { started: event, phase: 'awaiting-exchange', schemeData: [] }],
      };
    case 'SchemeDataReceived':
      return {
        ...state,
        attempts: state.attempts.map((a) =>
          a.started.payId === event.payId
            ? { ...a, schemeData: [...a.schemeData, { names: event.names, ref: event.ref }] }
            : a,
        ),
      };
    case 'IotpMessageAnswered': {
      const answers = new Map(state.answers);
      answers.set(event.key, { digest: event.digest, answer: event.answer });
      const prefix = exchangePrefix(state);
      const exchangeNo = event.outMsgId ? numberOf(event.outMsgId, prefix) : undefined;
      const qNo = event.outMsgId ? numberOf(event.outMsgId, 'Q') : undefined;
      return {
        ...state,
        status: state.status === 'Unknown' ? 'Open' : state.status,
        answers,
        lastExchangeNumber: Math.max(state.lastExchangeNumber, exchangeNo ?? 0),
        lastQNumber: Math.max(state.lastQNumber, qNo ?? 0),
        lastReceived: event.received ? event.inMsgId : state.lastReceived,
        lastSent: event.sentInExchange && event.outMsgId ? event.outMsgId : state.lastSent,
      };
    }
    case 'PaymentAttemptFinished':
      return {
        ...state,
        attempts: updateLatest(state, event.payId, {
          phase: 'finished',
          status: event.status,
          processState: event.processState,
          completionCode: event.completionCode,
          recoverable: event.recoverable,
        }),
      };
    case 'TransactionCancelledByConsumer':
      return {
        ...state,
        status: 'Cancelled',
        attempts: updateLatest(state, event.payId, {
          phase: 'cancelled',
          processState: 'Failed',
          completionCode: event.completionCode,
        }),
      };
    case 'TransactionHardErrored':
      return {
        ...state,
        status: 'HardErrored',
        hardErrorComp: event.errorComp,
        attempts: event.payId ? updateLatest(state, event.payId, { phase: 'hard-errored' }) : state.attempts,
      };
  }
}

export function foldTransaction(
  events: readonly IotpTransactionEvent[],
  revision: number,
): IotpTransactionState {
  return { ...events.reduce(evolveTransaction, initialTransactionState), revision };
}
