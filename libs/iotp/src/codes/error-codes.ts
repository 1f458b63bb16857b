import type { Severity } from './severity';

/** IOTP ErrorComp/@ErrorCode values, spelled as in RFC 2801 §7.21.2 (iotp-messages §8.1). */
export const ERROR_CODES = [
  'Reserved',
  'XmlNotWellFrmd',
  'XmlNotValid',
  'ElUnexpected',
  'ElNotSupp',
  'ElMissing',
  'ElContIllegal',
  'EncapProtErr',
  'AttUnexpected',
  'AttNotSupp',
  'AttMissing',
  'AttValIllegal',
  'AttValNotRecog',
  'MsgTooLarge',
  'ElTooLarge',
  'ValueTooSmall',
  'ValueTooLarge',
  'ElInconsistent',
  'TransportError',
  'MsgBeingProc',
  'SystemBusy',
  'UnknownError',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorCodeInfo {
  /** Severity used when the caller does not choose one (iotp-messages §8.1, register #4). */
  readonly defaultSeverity: Severity;
  /** The first sentence of the RFC description: the recommended ErrorDesc text (profile §1.5). */
  readonly description: string;
  /** MsgBeingProc and SystemBusy are legal only as TransientError. */
  readonly transientOnly?: true;
}

export const ERROR_CODE_INFO: Readonly<Record<ErrorCode, ErrorCodeInfo>> = {
  Reserved: { defaultSeverity: 'HardError', description: 'Reserved.' },
  XmlNotWellFrmd: { defaultSeverity: 'HardError', description: 'XML not well formed.' },
  XmlNotValid: { defaultSeverity: 'HardError', description: 'XML not valid.' },
  ElUnexpected: { defaultSeverity: 'HardError', description: 'Unexpected element.' },
  ElNotSupp: { defaultSeverity: 'HardError', description: 'Element not supported.' },
  ElMissing: { defaultSeverity: 'HardError', description: 'Element missing.' },
  ElContIllegal: { defaultSeverity: 'HardError', description: 'Element content illegal.' },
  EncapProtErr: { defaultSeverity: 'HardError', description: 'Encapsulated protocol error.' },
  AttUnexpected: { defaultSeverity: 'HardError', description: 'Unexpected attribute.' },
  AttNotSupp: { defaultSeverity: 'HardError', description: 'Attribute not supported.' },
  AttMissing: { defaultSeverity: 'HardError', description: 'Attribute missing.' },
  AttValIllegal: { defaultSeverity: 'HardError', description: 'Attribute value illegal.' },
  AttValNotRecog: { defaultSeverity: 'HardError', description: 'Attribute value not recognised.' },
  MsgTooLarge: { defaultSeverity: 'HardError', description: 'Message too large.' },
  ElTooLarge: { defaultSeverity: 'HardError', description: 'Element too large.' },
  ValueTooSmall: { defaultSeverity: 'HardError', description: 'Value too small or early.' },
  ValueTooLarge: { defaultSeverity: 'HardError', description: 'Value too large or in the future.' },
  ElInconsistent: { defaultSeverity: 'HardError', description: 'Element inconsistent.' },
  TransportError: { defaultSeverity: 'TransientError', description: 'Transport error.' },
  MsgBeingProc: {
    defaultSeverity: 'TransientError',
    description: 'Message being processed.',
    transientOnly: true,
  },
  SystemBusy: { defaultSeverity: 'TransientError', description: 'System busy.', transientOnly: true },
  UnknownError: { defaultSeverity: 'HardError', description: 'Unknown error.' },
};

export const isErrorCode = (v: string): v is ErrorCode => (ERROR_CODES as readonly string[]).includes(v);

/** Payment API codes that must never appear on the IOTP wire (iotp-messages §8.1, payment-api §6.2). */
export const API_ONLY_ERROR_CODES = [
  'ElNotValid',
  'AttNotValid',
  'SyntaxError',
  'ReqRefused',
  'ReqNotSupp',
  'BusError',
] as const;
