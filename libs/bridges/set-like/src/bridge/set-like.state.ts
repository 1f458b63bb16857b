import type { BridgeState } from '../../../common/src/payment-bridge';

/** What the bridge remembers between PInitRes and PReq (public values only: recorded in events). */
export interface AwaitingPReq {
  readonly step: 'awaiting-PReq';
  readonly XID: string;
  readonly lidC: string;
  readonly lidM: string;
  readonly language: string;
  readonly challC: string;
  readonly challM: string;
  /** RRPID of the PInitReq. */
  readonly rrpidInit: string;
  /** The PH's own RRPID of the AuthReq, fixed here so every resend of the AuthReq is identical. */
  readonly authRrpid: string;
  /** Date of the PInitRes; also the Date of the AuthReq (deterministic). */
  readonly initDate: string;
}

const KEYS = [
  'XID',
  'lidC',
  'lidM',
  'language',
  'challC',
  'challM',
  'rrpidInit',
  'authRrpid',
  'initDate',
] as const;

export const awaitingPReqState = (s: Omit<AwaitingPReq, 'step'>): BridgeState => ({
  step: 'awaiting-PReq',
  ...s,
});

export function readAwaitingPReq(state: BridgeState): AwaitingPReq | undefined {
  if (state.step !== 'awaiting-PReq') return undefined;
  for (const key of KEYS) if (typeof state[key] !== 'string') return undefined;
  return state as unknown as AwaitingPReq;
}

/**
 * An AuthReq that went out without an answer in time (the payment is Suspended). It is kept whole so a
 * resumption resends it identically: the payment gateway answers a resend from its store (idempotent
 * by RRPID), so the late answer is applied once. It holds the PI only encrypted to the gateway.
 */
export interface AwaitingAuthRes extends Omit<AwaitingPReq, 'step'> {
  readonly step: 'awaiting-AuthRes';
  /** RRPID of the Consumer's PReq, echoed in the PRes. */
  readonly preqRrpid: string;
  /** The signed AuthReq as JSON. */
  readonly authReq: string;
}

export function awaitingAuthResState(s: AwaitingPReq, preqRrpid: string, authReq: object): BridgeState {
  const { step: _step, ...rest } = s;
  return { ...rest, step: 'awaiting-AuthRes', preqRrpid, authReq: JSON.stringify(authReq) };
}

export function readAwaitingAuthRes(state: BridgeState): AwaitingAuthRes | undefined {
  if (state.step !== 'awaiting-AuthRes') return undefined;
  for (const key of [...KEYS, 'preqRrpid', 'authReq'] as const)
    if (typeof state[key] !== 'string') return undefined;
  return state as unknown as AwaitingAuthRes;
}
