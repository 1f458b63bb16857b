import type { ClearingCentre } from '../clearing/clearing-centre.port';
import type { MerchantSam } from '../sam/merchant-sam.port';
import type { EPurseConfig } from './e-purse.config';

/** What the e-purse handlers need; passed explicitly so each handler is a plain function. */
export interface EPurseBridgeDeps {
  readonly config: EPurseConfig;
  readonly sam: MerchantSam;
  readonly centre: ClearingCentre;
  readonly randomBytes: (size: number) => Buffer;
}
