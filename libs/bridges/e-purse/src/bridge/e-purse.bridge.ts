import { randomBytes } from 'node:crypto';
import type {
  AcceptedBrand,
  BridgeOutcome,
  BridgeState,
  PaymentBridge,
  PaymentContext,
  SchemePackagedContent,
} from '@ph/bridges/common';
import type { ClearingCentre } from '../clearing/clearing-centre.port';
import type { MerchantSam } from '../sam/merchant-sam.port';
import type { EPurseBridgeDeps } from './bridge-deps';
import type { EPurseConfig } from './e-purse.config';
import { handleEpDebitRecord } from './handle-ep-debit-record';
import { handleEpHello } from './handle-ep-hello';
import { handleJanitorResume } from './handle-resume';

/** Brand of profile §3.1 (LESS FINAL, §3.5). */
export const EPURSE_BRAND: AcceptedBrand = {
  brandId: 'GeldKarte',
  protocolId: 'x-EPurse-1.0',
  protocolBrandId: 'GeldKarte',
};

/**
 * The PH side of the GeldKarte-like e-purse (seed 000, schemes.md §1, profile §3.5): the merchant card
 * is a SAM in the HSM (keys never enter the PH), purchases are opened, booked and later settled at the
 * clearing centre. EP-Hello → EP-DebitReq (start); EP-DebitRecord → EP-CreditConf (continue).
 */
export class EPurseBridge implements PaymentBridge {
  readonly id = 'e-purse';
  readonly brands: readonly AcceptedBrand[] = [EPURSE_BRAND];
  private readonly deps: EPurseBridgeDeps;

  constructor(
    config: EPurseConfig,
    sam: MerchantSam,
    centre: ClearingCentre,
    random: (size: number) => Buffer = randomBytes,
  ) {
    this.deps = { config, sam, centre, randomBytes: random };
  }

  start(ctx: PaymentContext, schemeIn: readonly SchemePackagedContent[]): Promise<BridgeOutcome> {
    return handleEpHello(this.deps, ctx, schemeIn);
  }

  continue(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    return handleEpDebitRecord(this.deps, ctx, state, schemeIn);
  }

  /** With the Consumer's (re)sent record: as `continue`. Without: ask the centre (PaymentBridge.resume). */
  resume(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    if (schemeIn.length > 0) return handleEpDebitRecord(this.deps, ctx, state, schemeIn);
    return handleJanitorResume(this.deps, ctx, state);
  }
}
