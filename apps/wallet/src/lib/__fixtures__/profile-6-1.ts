// The worked example of profile §6.1, verbatim: kept once, with the IOTP codec's fixtures.
export {
  PROFILE_C1,
  PROFILE_C2,
  PROFILE_P1,
  PROFILE_P2,
} from '../../../../../libs/iotp/src/blocks/__fixtures__/spec-examples';
