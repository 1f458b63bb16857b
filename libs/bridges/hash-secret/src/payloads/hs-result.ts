import {
  CURRENCY,
  hex,
  MINIMAL_AMOUNT,
  PAY_ID,
  readEnum,
  readHeader,
  readOptionalHex32,
  readString,
} from './fields';
import { decodePayload, encodePayload, type JsonValue } from './json-payload';
import { PayloadError } from './payload-error';

export const HS_RESULT_STATUSES = ['CompletedOk', 'InsuffFunds', 'AuthError', 'Unspecified'] as const;
export type HsResultStatus = (typeof HS_RESULT_STATUSES)[number];
export const HS_RESULT_REASONS = ['BadAC', 'BadO', 'BadPi', 'PiReplayed'] as const;
export type HsResultReason = (typeof HS_RESULT_REASONS)[number];

/** HS-Result (P2): `type, v, y, u, cur, status [, reason] [, AB, T]` (profile §3.3.4). */
export interface HsResult {
  readonly y: string;
  readonly u: string;
  readonly cur: string;
  readonly status: HsResultStatus;
  /** Only with AuthError / Unspecified. */
  readonly reason?: HsResultReason;
  /** Both present exactly when the bank answered (CompletedOk, InsuffFunds). */
  readonly ack?: { readonly AB: Buffer; readonly T: Buffer };
}

export const HS_RESULT = 'HS-Result';

export function encodeHsResult(m: HsResult): string {
  const payload: Record<string, JsonValue> = {
    type: HS_RESULT,
    v: 1,
    y: m.y,
    u: m.u,
    cur: m.cur,
    status: m.status,
  };
  if (m.reason !== undefined) payload.reason = m.reason;
  if (m.ack !== undefined) {
    payload.AB = hex(m.ack.AB);
    payload.T = hex(m.ack.T);
  }
  return encodePayload(payload);
}

export function decodeHsResult(text: string): HsResult {
  const obj = decodePayload(text);
  readHeader(obj, HS_RESULT);
  const status = readEnum(obj, 'status', HS_RESULT_STATUSES);
  const reason = obj.reason === undefined ? undefined : readEnum(obj, 'reason', HS_RESULT_REASONS);
  const AB = readOptionalHex32(obj, 'AB');
  const T = readOptionalHex32(obj, 'T');
  if ((AB === undefined) !== (T === undefined)) throw new PayloadError('"AB" and "T" must come together');
  return {
    y: readString(obj, 'y', PAY_ID),
    u: readString(obj, 'u', MINIMAL_AMOUNT),
    cur: readString(obj, 'cur', CURRENCY),
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(AB !== undefined && T !== undefined ? { ack: { AB, T } } : {}),
  };
}
