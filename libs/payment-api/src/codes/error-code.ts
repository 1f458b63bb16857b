/**
 * Error codes of the Payment API (payment-api §6.2). (*) = additions of the API to the IOTP list.
 * An ErrorCode is an NMTOKEN of at most 14 characters.
 */
export const ERROR_CODES = [
  'Reserved',
  'XmlNotWellFrmd',
  'XmlNotValid',
  'ElNotValid',
  'ElUnexpected',
  'ElNotSupp',
  'ElMissing',
  'ElContIllegal',
  'EncapProtErr',
  'AttUnexpected',
  'AttNotValid',
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
  'SyntaxError',
  'ReqRefused',
  'ReqNotSupp',
  'BusError',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const SEVERITIES = ['Warning', 'TransientError', 'HardError'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const isErrorCode = (s: string): s is ErrorCode => (ERROR_CODES as readonly string[]).includes(s);

/** Codes that exist only with Severity="TransientError" (and then need MinRetrySecs). */
export const TRANSIENT_ONLY_CODES: readonly ErrorCode[] = ['MsgBeingProc', 'SystemBusy'];

/** Codes added by the Payment API (*), unknown to an IOTP counter party. */
export const API_ONLY_CODES: readonly ErrorCode[] = [
  'ElNotValid',
  'AttNotValid',
  'SyntaxError',
  'ReqRefused',
  'ReqNotSupp',
  'BusError',
];

/** The attribute names whose AttValIllegal/AttMissing must be rewritten before forwarding (§6.2). */
const ATT_VAL_ILLEGAL_SUBSTITUTE: Readonly<Record<string, ErrorCode | null>> = {
  paymentinstrumentid: 'UnknownError',
  walletid: 'UnknownError',
  passphrase: 'TransportError',
  // Local resolution only: never reaches the counter party.
  propertytypelist: null,
};

export interface ForwardingContext {
  /** ErrorLocation/@AttName of the error, if any. */
  readonly attName?: string;
  /** true when the location points at a PackagedContent element (ElContIllegal rule). */
  readonly locationIsPackagedContent?: boolean;
  /** For AttMissing: whether the DTD marks the attribute #REQUIRED. */
  readonly attributeRequired?: boolean;
}

/**
 * The substitution the AppCore applies before an API error goes into an IOTP Error Block
 * (payment-api §6.2 last column). `null` = never forwarded (BusError: call Inquire Process State).
 */
export function forwardedErrorCode(code: ErrorCode, ctx: ForwardingContext = {}): ErrorCode | null {
  switch (code) {
    case 'BusError':
      return null;
    case 'ElNotValid':
    case 'AttNotValid':
      return 'XmlNotValid';
    case 'SyntaxError':
      // "replace with XmlNotValid or UnknownError": an unknown syntax error is a validity problem.
      return 'XmlNotValid';
    case 'ElContIllegal':
      return ctx.locationIsPackagedContent ? 'ElContIllegal' : 'ElNotSupp';
    case 'ReqRefused':
      // Refusals describe an unavailable resource (like SystemBusy): the closest IOTP code.
      return 'TransportError';
    case 'ReqNotSupp':
      return 'UnknownError';
    case 'AttMissing':
      return ctx.attributeRequired ? 'XmlNotValid' : attValIllegalSubstitute(ctx.attName, 'AttMissing');
    case 'AttValIllegal':
      return attValIllegalSubstitute(ctx.attName, 'AttValIllegal');
    default:
      return code;
  }
}

function attValIllegalSubstitute(attName: string | undefined, code: ErrorCode): ErrorCode | null {
  // WalletID vs WalletId, Passphrase vs PassPhrase: match case-insensitively (§6.4 [IMPL]).
  const key = attName?.toLowerCase();
  if (key !== undefined && key in ATT_VAL_ILLEGAL_SUBSTITUTE) return ATT_VAL_ILLEGAL_SUBSTITUTE[key];
  return code;
}
