/** The 24 calls of RFC 3867 (papi-01), in the order of the request wrapper (payment-api §2.1). */
export const CALL_TYPES = [
  'FindAcceptedPaymentBrand',
  'FindAcceptedPaymentProtocol',
  'GetPaymentInitializationData',
  'FindPaymentInstrument',
  'CheckPaymentPossibility',
  'StartPaymentConsumer',
  'StartPaymentPaymentHandler',
  'ResumePaymentConsumer',
  'ResumePaymentPaymentHandler',
  'ContinueProcess',
  'InquireProcessState',
  'ChangeProcessState',
  'InquireAuthChallenge',
  'Authenticate',
  'CheckAuthResponse',
  'CheckPaymentReceipt',
  'ExpandPaymentReceipt',
  'RemovePaymentLog',
  'PaymentInstrumentInquiry',
  'InquirePendingPayment',
  'ManagePaymentSoftware',
  'StartPaymentInquiry',
  'InquirePaymentStatus',
  'CallBack',
] as const;
export type CallType = (typeof CALL_TYPES)[number];

export type Role = 'Consumer' | 'PaymentHandler' | 'Merchant';
/** `+` must implement, `#` should, `?` might. */
export type Requirement = '+' | '#' | '?';

/** RFC 3867 Table 1 (payment-api §1.4, ground truth): which role implements which call. */
export const ROLE_CALLS: Readonly<Record<CallType, Readonly<Partial<Record<Role, Requirement>>>>> = {
  FindAcceptedPaymentBrand: { Merchant: '+' },
  FindAcceptedPaymentProtocol: { Merchant: '#' },
  FindPaymentInstrument: { Consumer: '+' },
  GetPaymentInitializationData: { Merchant: '+' },
  CheckPaymentPossibility: { Consumer: '+' },
  StartPaymentConsumer: { Consumer: '+' },
  StartPaymentPaymentHandler: { PaymentHandler: '+' },
  ResumePaymentConsumer: { Consumer: '#' },
  ResumePaymentPaymentHandler: { PaymentHandler: '#' },
  ContinueProcess: { Consumer: '+', PaymentHandler: '+' },
  InquireProcessState: { Consumer: '+', PaymentHandler: '+', Merchant: '?' },
  ChangeProcessState: { Consumer: '+', PaymentHandler: '+', Merchant: '?' },
  CheckPaymentReceipt: { Consumer: '+', PaymentHandler: '?' },
  ExpandPaymentReceipt: { Consumer: '#', PaymentHandler: '?' },
  RemovePaymentLog: { Consumer: '?', PaymentHandler: '?', Merchant: '?' },
  InquireAuthChallenge: { Merchant: '?' },
  Authenticate: { Consumer: '+' },
  CheckAuthResponse: { Merchant: '?' },
  PaymentInstrumentInquiry: { Consumer: '?' },
  InquirePendingPayment: { Consumer: '#', PaymentHandler: '#' },
  StartPaymentInquiry: { Consumer: '?' },
  InquirePaymentStatus: { PaymentHandler: '?' },
  ManagePaymentSoftware: { Consumer: '#', PaymentHandler: '?', Merchant: '?' },
  // Implemented by the AppCore, called by the IPB (§7.24).
  CallBack: { Consumer: '#' },
};

export const isCallType = (s: string): s is CallType => (CALL_TYPES as readonly string[]).includes(s);

/** Does the role implement the call at all (any of +, #, ?)? */
export const roleImplements = (role: Role, call: CallType): boolean => ROLE_CALLS[call][role] !== undefined;

/** The calls of the Payment Handler column. */
export const PAYMENT_HANDLER_CALLS: readonly CallType[] = CALL_TYPES.filter((c) =>
  roleImplements('PaymentHandler', c),
);
