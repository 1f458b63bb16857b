import type { KeyObject } from 'node:crypto';
import { devKeyPair, type PublicJwk } from './es256';
import { issueCredential, thumbprint, type Credential } from './credentials';

/**
 * DEV ONLY keys and credentials of the SET-like simulation: the simulated CA, the PH's merchant
 * signature key, the acquirer's payment-gateway signature and key-exchange keys. Deterministic so the
 * wallet, the PH and the acquirer simulator agree without a key ceremony; never use in production.
 */
const VALID_FROM = '2020-01-01T00:00:00Z';
const VALID_TO = '2099-12-31T23:59:59Z';

export const DEV_CA = devKeyPair('ca');
export const DEV_CA_PUBLIC: PublicJwk = DEV_CA.publicJwk;

export interface KeyWithCredential {
  readonly privateKey: KeyObject;
  readonly credential: Credential;
  readonly kid: string;
}

function keyWithCredential(
  label: string,
  fields: Pick<Credential, 'CredType' | 'Subject' | 'BrandID'>,
): KeyWithCredential {
  const pair = devKeyPair(label);
  const credential = issueCredential(
    { ...fields, CredID: `dev-${label}`, PubKey: pair.publicJwk, NotBefore: VALID_FROM, NotAfter: VALID_TO },
    DEV_CA.privateKey,
  );
  return { privateKey: pair.privateKey, credential, kid: thumbprint(credential) };
}

/** The PH as SET merchant (signs PInitRes, PRes, AuthReq). */
export const devMerchantKey = (): KeyWithCredential =>
  keyWithCredential('merchant', {
    CredType: 'merchant',
    Subject: 'iotp-payment-handler',
    BrandID: 'VISA,MasterCard',
  });

/** The acquirer's payment gateway: signature key (AuthRes, CapRes) and key-exchange key (EncPI). */
export const devGatewaySigKey = (): KeyWithCredential =>
  keyWithCredential('gateway-sig', {
    CredType: 'gatewaySig',
    Subject: 'acquirer-simulator',
    BrandID: 'VISA,MasterCard',
  });
export const devGatewayKexKey = (): KeyWithCredential =>
  keyWithCredential('gateway-kex', {
    CredType: 'gatewayKex',
    Subject: 'acquirer-simulator',
    BrandID: 'VISA,MasterCard',
  });
