import { canonicalBytes } from './jcs';
import { b64u, sha256, signObject, verifyObject, type PublicJwk, type SigMember } from './es256';
import type { KeyObject } from 'node:crypto';

/** A SET-like credential (schemes.md §6.9): JSON signed by the simulated CA instead of an X.509 certificate. */
export interface Credential {
  readonly CredType: 'cardholder' | 'merchant' | 'gatewaySig' | 'gatewayKex';
  readonly CredID: string;
  readonly Subject: string;
  /** cardholder: a ProtocolBrandId; others: accepted brands joined by ','. */
  readonly BrandID: string;
  readonly PubKey: PublicJwk;
  readonly NotBefore: string;
  readonly NotAfter: string;
  /** cardholder only: base64url SHA-256(PAN ‖ CardExpiry ‖ PANSecret). */
  readonly AcctHash?: string;
  readonly Sig: SigMember;
}

export const thumbprint = (cred: Credential): string => b64u(sha256(canonicalBytes(cred)));

export function issueCredential(
  fields: Omit<Credential, 'Sig'>,
  caKey: KeyObject,
  caKid = 'SETLIKE-DEV-CA',
): Credential {
  return signObject(fields, caKey, caKid) as Credential;
}

const STR = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;

/** Parses and checks a credential: shape, the CA signature, the validity period; undefined if not valid. */
export function verifyCredential(value: unknown, caJwk: PublicJwk, now: Date): Credential | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  if (!['cardholder', 'merchant', 'gatewaySig', 'gatewayKex'].includes(c.CredType as string))
    return undefined;
  if (![c.CredID, c.Subject, c.BrandID, c.NotBefore, c.NotAfter].every(STR)) return undefined;
  const pk = c.PubKey as Partial<PublicJwk> | undefined;
  if (!pk || pk.kty !== 'EC' || pk.crv !== 'P-256' || !STR(pk.x) || !STR(pk.y)) return undefined;
  if (!verifyObject(c, caJwk)) return undefined;
  const t = now.getTime();
  if (!(Date.parse(c.NotBefore as string) <= t && t <= Date.parse(c.NotAfter as string))) return undefined;
  return value as Credential;
}

/** base64url SHA-256(PAN ‖ CardExpiry ‖ PANSecret): the account-hiding value of a cardholder credential. */
export const acctHash = (pan: string, expiry: string, panSecret: string): string =>
  b64u(sha256(`${pan}${expiry}${panSecret}`));
