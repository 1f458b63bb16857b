import type { ClearingBank } from '../clearing/clearing-bank.port';
import type { HashSecretConfig } from '../config/hash-secret.config';

export interface HashSecretBridgeDeps {
  readonly config: HashSecretConfig;
  readonly bank: ClearingBank;
  /** Injected for tests; default node:crypto randomBytes. */
  readonly randomBytes: (size: number) => Buffer;
}

/** t is valid for 300 s after the challenge (profile §3.3.5). */
export const CHALLENGE_LIFETIME_MS = 300_000;
