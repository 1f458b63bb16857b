import type { BridgeState } from '../../../common/src/payment-bridge';

/**
 * What the bridge remembers between HS-Init and HS-Pay. It is recorded in the payment's events, so it
 * holds only public values: never K_CM, K_MB or anything derived from the customer's secret.
 */
export interface AwaitingPay {
  readonly step: 'awaiting-HS-Pay';
  readonly C: string;
  readonly M: string;
  readonly B: string;
  readonly t: string;
  readonly y: string;
  readonly u: string;
  readonly cur: string;
  /** The wallet's challenge n_A, hex. */
  readonly nA: string;
  /** ISO 8601 time of the challenge; t is valid 300 s from it. */
  readonly challengedAt: string;
}

const KEYS = ['C', 'M', 'B', 't', 'y', 'u', 'cur', 'nA', 'challengedAt'] as const;

export function awaitingPayState(s: Omit<AwaitingPay, 'step'>): BridgeState {
  return { step: 'awaiting-HS-Pay', ...s };
}

/** undefined when the state is not the one left by HS-Init (the attempt does not await HS-Pay). */
export function readAwaitingPay(state: BridgeState): AwaitingPay | undefined {
  if (state.step !== 'awaiting-HS-Pay') return undefined;
  for (const key of KEYS) if (typeof state[key] !== 'string') return undefined;
  return state as unknown as AwaitingPay;
}

/**
 * A clearing request that went out without an answer in time (the payment is Suspended). The request
 * is kept whole so a resumption resends it identically: the bank answers a retry from its replay store,
 * so the resend is an inquiry, never a second booking. π is single-use at the bank and travelled in
 * the clear in HS-Pay; no key or K_CM-derived secret is in it.
 */
export interface AwaitingClearing extends Omit<AwaitingPay, 'step'> {
  readonly step: 'awaiting-clearing';
  /** The signed ClearingRequest as JSON. */
  readonly request: string;
}

export function awaitingClearingState(attempt: AwaitingPay, request: object): BridgeState {
  const { step: _step, ...rest } = attempt;
  return { ...rest, step: 'awaiting-clearing', request: JSON.stringify(request) };
}

export function readAwaitingClearing(state: BridgeState): AwaitingClearing | undefined {
  if (state.step !== 'awaiting-clearing' || typeof state.request !== 'string') return undefined;
  for (const key of KEYS) if (typeof state[key] !== 'string') return undefined;
  return state as unknown as AwaitingClearing;
}

/** The AwaitingPay view of a suspended attempt (the payment responses are built from it). */
export const asAwaitingPay = (s: AwaitingClearing): AwaitingPay => {
  const { request: _request, ...rest } = s;
  return { ...rest, step: 'awaiting-HS-Pay' };
};
