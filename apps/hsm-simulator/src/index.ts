export {
  HsmClient,
  HsmConnectionError,
  HsmTimeoutError,
  type HsmClientOptions,
  type HsmReply,
} from './hsm-client';
export { HsmServer, type HsmServerOptions } from './hsm-server';
export { HsmEngine, DEFAULT_FIRMWARE, type HsmEngineOptions } from './hsm-engine';
export { HsmControls, OUTAGE_MODES, type OutageMode, type HsmControlsSnapshot } from './controls';
export { createAdminServer } from './admin-server';
export { startHsmSimulator, type HsmSimulator, type HsmSimulatorOptions } from './hsm-simulator';
export { HsmError, HSM_ERRORS, responseCodeFor } from './protocol/errors';
export { encodeFrame, FrameDecoder } from './protocol/framing';
export * as hsmCrypto from './crypto';
