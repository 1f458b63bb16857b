import { emit, read, str } from '../hash-secret/hs-json';

/** The wallet's own codec of profile §3.7 (MP-Auth, MP-Result). */
export const CARD_REF = /^[A-Za-z0-9._-]{1,40}$/;

export const buildMpAuth = (cardRef: string): string =>
  emit([
    ['type', 'MP-Auth'],
    ['v', 1],
    ['cardRef', cardRef],
  ]);

export function readMpResult(text: string): { readonly authId: string; readonly status: string } {
  const f = read(text, 'MP-Result');
  return {
    authId: str(f, 'authId', /^[A-Za-z0-9._-]{1,40}$/),
    status: str(f, 'status', /^(CompletedOk|InsuffFunds|Unspecified)$/),
  };
}
