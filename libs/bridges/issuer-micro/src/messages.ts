import { decodeJson, encodeJson, MicroPayloadError, readString } from './payload';

export const CARD_REF = /^[A-Za-z0-9._-]{1,40}$/;
/** 12–19 digits: the shape of a full card number (ISO/IEC 7812), which a cardRef never is. */
const LOOKS_LIKE_PAN = /^[0-9]{12,19}$/;
export const AUTH_ID = /^[A-Za-z0-9._-]{1,40}$/;
export const MP_AUTH = 'MP-Auth';
export const MP_RESULT = 'MP-Result';
export const MP_STATUSES = ['CompletedOk', 'InsuffFunds', 'Unspecified'] as const;
export type MpStatus = (typeof MP_STATUSES)[number];

/** Payment Request `MP-Auth`: `type, v, cardRef` (profile §3.7). The card token, never a PAN. */
export function encodeMpAuth(m: { readonly cardRef: string }): string {
  return encodeJson({ type: MP_AUTH, v: 1, cardRef: m.cardRef });
}
export function decodeMpAuth(text: string): { readonly cardRef: string } {
  const cardRef = readString(decodeJson(text, MP_AUTH), 'cardRef', CARD_REF);
  // A wallet that sends a card number here must not get it kept (bridge state, events) or passed on.
  if (LOOKS_LIKE_PAN.test(cardRef))
    throw new MicroPayloadError('"cardRef" must be a card token, not a card number');
  return { cardRef };
}

/** Payment Response `MP-Result`: `type, v, authId, status`. */
export interface MpResult {
  readonly authId: string;
  readonly status: MpStatus;
}
export function encodeMpResult(m: MpResult): string {
  return encodeJson({ type: MP_RESULT, v: 1, authId: m.authId, status: m.status });
}
export function decodeMpResult(text: string): MpResult {
  const obj = decodeJson(text, MP_RESULT);
  const status = obj.status;
  if (typeof status !== 'string' || !(MP_STATUSES as readonly string[]).includes(status))
    throw new MicroPayloadError('"status" missing or ill-formed');
  return { authId: readString(obj, 'authId', AUTH_ID), status: status as MpStatus };
}
