import { CURRENCY, CUSTOMER_ID, MINIMAL_AMOUNT, NONCE_T, ORG_ID, PAY_ID } from '../payloads/fields';
import type { ClearingRequest, ClearingResult } from './clearing-bank.port';

/** JSON shapes of POST /clearing, checked field by field on both ends; errors name the field, never a value. */
export class ClearingWireError extends Error {
  readonly kind = 'ClearingWireError';
  constructor(readonly field: string) {
    super(`clearing message: "${field}" missing or ill-formed`);
    this.name = 'ClearingWireError';
  }
}

const HEX32 = /^[0-9a-fA-F]{64}$/;
const REQUEST_FIELDS: ReadonlyArray<readonly [keyof ClearingRequest, RegExp]> = [
  ['M', ORG_ID],
  ['C', CUSTOMER_ID],
  ['t', NONCE_T],
  ['y', PAY_ID],
  ['u', MINIMAL_AMOUNT],
  ['cur', CURRENCY],
  ['nC', HEX32],
  ['pi', HEX32],
  ['mac', HEX32],
];

function field(obj: Record<string, unknown>, key: string, syntax: RegExp): string {
  const value = obj[key];
  if (typeof value !== 'string' || !syntax.test(value)) throw new ClearingWireError(key);
  return value;
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ClearingWireError('body');
  return body as Record<string, unknown>;
}

/** Hex is normalised to lower case so the bank's request hash does not depend on the sender's case. */
export function parseClearingRequest(body: unknown): ClearingRequest {
  const obj = asObject(body);
  const out: Record<string, string> = {};
  for (const [key, syntax] of REQUEST_FIELDS) {
    const value = field(obj, key, syntax);
    out[key] = syntax === HEX32 ? value.toLowerCase() : value;
  }
  return out as unknown as ClearingRequest;
}

export function parseClearingResult(body: unknown): ClearingResult {
  const obj = asObject(body);
  if (obj.outcome === 'answered') {
    const status = obj.status;
    if (status !== 'CompletedOk' && status !== 'InsuffFunds') throw new ClearingWireError('status');
    return {
      outcome: 'answered',
      status,
      AB: field(obj, 'AB', HEX32).toLowerCase(),
      balance: field(obj, 'balance', MINIMAL_AMOUNT),
      cur: field(obj, 'cur', CURRENCY),
    };
  }
  if (obj.outcome === 'rejected') {
    const reason = obj.reason;
    if (reason !== 'BadPi' && reason !== 'PiReplayed' && reason !== 'MerchantAuth') {
      throw new ClearingWireError('reason');
    }
    return { outcome: 'rejected', reason };
  }
  throw new ClearingWireError('outcome');
}
