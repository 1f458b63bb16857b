export {
  HsmConnection,
  HsmConnectionFailed,
  type HsmAnswer,
  type HsmConnectionOptions,
} from './hsm-connection';
export {
  emvOptionAY,
  HsmCommandFailed,
  kqCommand,
  verifyArqcWithArpc,
  type KqResult,
  type KqScheme,
  type KqVerifyRequest,
} from './emv-kq';
