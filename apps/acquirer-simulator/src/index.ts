export {
  createAcquirerSimulator,
  DEV_PAN_HASH_KEY,
  type AcquirerSimulator,
  type AcquirerSimulatorOptions,
} from './acquirer-simulator.app';
export { AcquirerService, RequestRejected } from './acquirer.service';
export { migrateAcquirerSchema, seedTestCards, TEST_CARDS, maskPan, panHash } from './schema';
export {
  cryptogramData,
  DEV_IMK_AC_UNDER_TEST_LMK,
  IssuerHsm,
  IssuerHsmUnavailable,
  readChipData,
  type ChipData,
  type IssuerHsmOptions,
} from './chip';
