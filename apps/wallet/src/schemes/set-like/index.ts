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
