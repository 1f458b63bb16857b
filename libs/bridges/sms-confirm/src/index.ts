export { SmsConfirmBridge, SMS_CONFIRM_BRAND } from './sms-confirm.bridge';
export { demoSmsConfirmConfig, DEMO_SMS_TPOA, type SmsConfirmConfig } from './sms-confirm.config';
export {
  SmsOperatorUnavailableError,
  type InboundSms,
  type OutgoingSms,
  type SmsOperator,
} from './sms-operator.port';
export { HttpSmsOperator, type HttpSmsOperatorOptions } from './http-sms-operator';
export { codeMatches, msisdnFingerprint, parseReply, replyCode } from './reply-code';
export {
  decodeSmsPending,
  decodeSmsPoll,
  decodeSmsResult,
  decodeSmsStart,
  encodeSmsPending,
  encodeSmsPoll,
  encodeSmsResult,
  encodeSmsStart,
  maskMsisdn,
  MSISDN,
  SMS_RESULT,
  SMS_START,
  smsPendingName,
  smsPollName,
  type SmsPending,
  type SmsResult,
  type SmsStart,
} from './messages';
export { packagedContent, SmsPayloadError } from './payload';
