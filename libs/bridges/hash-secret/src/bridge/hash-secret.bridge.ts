import { randomBytes } from 'node:crypto';
import type {
  AcceptedBrand,
  BridgeOutcome,
  BridgeState,
  PaymentBridge,
  PaymentContext,
  SchemePackagedContent,
} from '../../../common/src/payment-bridge';
import type { ClearingBank } from '../clearing/clearing-bank.port';
import type { HashSecretConfig } from '../config/hash-secret.config';
import type { HashSecretBridgeDeps } from './bridge-deps';
import { handleHsInit } from './handle-hs-init';
import { handleHsPay } from './handle-hs-pay';
import { handleResume } from './handle-resume';

/** Brand of profile §3.1 (final). */
export const HASH_SECRET_BRAND: AcceptedBrand = {
  brandId: 'x-DemoHashPay',
  protocolId: 'x-HashSecret-1.0',
  protocolBrandId: 'DemoHashPay',
};

/**
 * The PH side of the hash/secret scheme (seed 002, profile §3.3): the merchant role on behalf of the
 * IOTP Merchant, clearing with the bank through the ClearingBank port. Stateless between calls.
 */
export class HashSecretBridge implements PaymentBridge {
  readonly id = 'hash-secret';
  readonly brands: readonly AcceptedBrand[] = [HASH_SECRET_BRAND];
  private readonly deps: HashSecretBridgeDeps;

  constructor(config: HashSecretConfig, bank: ClearingBank, random: (size: number) => Buffer = randomBytes) {
    this.deps = { config, bank, randomBytes: random };
  }

  async start(ctx: PaymentContext, schemeIn: readonly SchemePackagedContent[]): Promise<BridgeOutcome> {
    return handleHsInit(this.deps, ctx, schemeIn);
  }

  /** Resends the clearing request outstanding at suspension (see handleResume). */
  resume(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    return handleResume(this.deps, ctx, state, schemeIn);
  }

  continue(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    return handleHsPay(this.deps, ctx, state, schemeIn);
  }
}
