export {
  brandOfPan,
  maskedPan,
  registerCard,
  setOrderDescription,
  type CardBrand,
  type CardholderWallet,
  type SetLikeCard,
} from './set-card';
export {
  ChipCard,
  cryptogramData,
  DEMO_CHIP_CARDS,
  DEMO_ISSUER_MK_AC_HEX,
  demoChipProfile,
  iccMasterKeyOptionA,
  type ChipCvn,
  type ChipData,
  type ChipProfile,
  type ChipTransaction,
} from './chip-card';
export {
  buildPInitReq,
  buildPReq,
  checkPInitRes,
  checkPRes,
  decodeSet,
  purchAmt,
  type AcceptedPInitRes,
  type PInitReqOut,
  type PReqOut,
  type PResCheck,
} from './set-consumer';
