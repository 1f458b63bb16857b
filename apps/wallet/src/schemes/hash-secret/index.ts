export { HashSecretCredentials, demoCredentials } from './hs-credentials';
export {
  buildHsInit,
  buildHsPay,
  checkHsChallenge,
  checkHsResult,
  type AcceptedChallenge,
  type ChallengeCheck,
  type ChallengeExpectations,
  type HsInitOut,
  type HsResultCheck,
  type PaymentProof,
  type RandomBytes,
} from './hs-consumer';
export { HsPayloadError } from './hs-json';
