import { inspect } from 'node:util';
import type { KeyObject } from 'node:crypto';
import type { Credential } from '../crypto/credentials';
import type { PublicJwk } from '../crypto/es256';
import {
  DEV_CA_PUBLIC,
  devGatewayKexKey,
  devGatewaySigKey,
  devMerchantKey,
  type KeyWithCredential,
} from '../crypto/dev-keys';

export interface SetLikeConfigSettings {
  /** The PH's merchant signature key and its CA-signed credential. */
  readonly merchant: KeyWithCredential;
  /** The payment gateway's credentials (from the acquirer; public). */
  readonly gatewaySig: Credential;
  readonly gatewayKex: Credential;
  /** The simulated CA's public key. */
  readonly ca: PublicJwk;
  /** Merchant agreement's captureMode (schemes.md §6.12): true = capture in the AuthReq (default). */
  readonly captureNow?: boolean;
}

/** The SET-like bridge's keys. The private key stays in a private field: never printed, never in events. */
export class SetLikeConfig {
  readonly merchantCred: Credential;
  readonly merchantKid: string;
  readonly gatewaySig: Credential;
  readonly gatewayKex: Credential;
  readonly ca: PublicJwk;
  readonly captureNow: boolean;
  readonly #merchantKey: KeyObject;

  constructor(s: SetLikeConfigSettings) {
    this.merchantCred = s.merchant.credential;
    this.merchantKid = s.merchant.kid;
    this.#merchantKey = s.merchant.privateKey;
    this.gatewaySig = s.gatewaySig;
    this.gatewayKex = s.gatewayKex;
    this.ca = s.ca;
    this.captureNow = s.captureNow ?? true;
  }

  merchantKey(): KeyObject {
    return this.#merchantKey;
  }

  toJSON(): object {
    return { merchantKid: this.merchantKid, captureNow: this.captureNow, keys: '[redacted]' };
  }

  [inspect.custom](): string {
    return `SetLikeConfig ${JSON.stringify(this.toJSON())}`;
  }
}

/** DEV ONLY: the deterministic keys of crypto/dev-keys.ts (the acquirer simulator's defaults). */
export function demoSetLikeConfig(
  overrides: Partial<Pick<SetLikeConfigSettings, 'captureNow'>> = {},
): SetLikeConfig {
  return new SetLikeConfig({
    merchant: devMerchantKey(),
    gatewaySig: devGatewaySigKey().credential,
    gatewayKex: devGatewayKexKey().credential,
    ca: DEV_CA_PUBLIC,
    ...overrides,
  });
}
