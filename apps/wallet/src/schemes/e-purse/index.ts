export {
  creditConfMacOk,
  LOAD_CAP,
  LOG_SIZE,
  PurseCard,
  type DebitRefusal,
  type PurseCardData,
  type PurseLogEntry,
} from './purse-card';
export {
  decodeCreditConf,
  decodeDebitRequest,
  decodeEpResult,
  encodeJson,
  EP_CONTENT,
  EP_TRANSFORM,
  type CreditConf,
  type DebitRequest,
  type EpResult,
} from './ep-messages';
