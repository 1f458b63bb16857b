import { many, many1, O, one, opt, pcs, pcs1, R } from './element-spec';
import type { ElementSpec } from './element-spec';

/*
 * Every element of the Payment API (payment-api §2, §7), content models with the -01 typos
 * normalised (§12). Attribute keys are the spellings of each element's DTD (WalletID, but WalletId
 * and PassPhrase on InquirePendingPayment; ContentSoftwareID); only xml:lang becomes `xmlLang`.
 */

const lang = { wire: 'xml:lang' } as const;
const amount = { req: true, syntax: 'amount' } as const;
const optAmount = { syntax: 'amount' } as const;
const currCodeType = { dflt: 'ISO4217-A' } as const;
const payDirection = { req: true, values: ['Debit', 'Credit'] } as const;
const processType = { values: ['Payment', 'Inquiry'], dflt: 'Payment' } as const;
const processState = {
  req: true,
  values: ['NotYetStarted', 'InProgress', 'Suspended', 'CompletedOk', 'Failed', 'ProcessError'],
} as const;
const optProcessState = { values: processState.values } as const;
const completionCode = { syntax: 'completionCode' } as const;
const contStatus = { req: true, values: ['End', 'Continue'] } as const;
const list = { list: true } as const;
const walletID = { aliases: ['WalletId'] } as const;
const passphrase = { aliases: ['PassPhrase'] } as const;
/** WalletID and Passphrase: optional on almost every call (§6.4). */
const wallet = { WalletID: walletID, Passphrase: passphrase } as const;
const callBack = { CallBackFunction: O, CallBackLanguageList: list } as const;
const stateAnswer = {
  ProcessState: processState,
  PercentComplete: { syntax: 'digits' },
  CompletionCode: completionCode,
  xmlLang: lang,
  StatusDesc: O,
} as const;
const schemeOut = { PaySchemePackagedContent: pcs } as const;
const property = { attrs: { PropertyType: R, PropertyValue: R, PropertyDesc: R }, children: {} } as const;

/** Elements used inside calls. */
const NESTED = {
  ErrorLocation: {
    attrs: { ElementType: R, IotpMsgRef: O, BlkRef: O, CompRef: O, ElementRef: O, AttName: O },
    children: {},
  },
  ErrorResponse: {
    attrs: {
      xmlLang: lang,
      ErrorCode: { req: true, syntax: 'nmtoken14' },
      ErrorDesc: R,
      Severity: { req: true, values: ['Warning', 'TransientError', 'HardError'] },
      MinRetrySecs: { syntax: 'digits' },
      SwVendorErrorRef: O,
    },
    children: { ErrorLocation: many1('ErrorLocation'), PaySchemePackagedContent: pcs },
  },
  ProtocolBrand: { attrs: { ProtocolId: R, ProtocolBrandId: R }, children: { PackagedContent: pcs } },
  Algorithm: { attrs: { ID: O, name: R, type: O }, children: { Parameter: many('Parameter') } },
  Parameter: { attrs: { type: R }, children: {}, text: true },
  BrandItem: {
    attrs: { BrandId: R, xmlLang: lang, BrandName: R, BrandLogoNetLocn: R, BrandNarrative: O },
    children: { BrandPackagedContent: pcs },
  },
  ProtocolItem: {
    attrs: {
      ProtocolId: R,
      ProtocolBrandId: O,
      xmlLang: lang,
      ProtocolName: R,
      PayReqNetLocn: O,
      SecPayReqNetLocn: O,
    },
    children: {
      ProtocolAmountPackagedContent: pcs,
      PayProtocolPackagedContent: pcs,
      CurrencyAmount: many1('CurrencyAmount'),
      Brand: many('Brand'),
      ProtocolBrand: many('ProtocolBrand'),
    },
  },
  Brand: { attrs: { BrandId: R }, children: {} },
  CurrencyAmount: { attrs: { CurrCodeType: currCodeType, CurrCode: O, Amount: optAmount }, children: {} },
  PayInstrument: { attrs: { Id: R, xmlLang: lang, PayInstName: R }, children: {} },
  PaymentProperty: property,
  PaymentInstrumentProperty: property,
  PaymentId: { attrs: { PayId: R }, children: {} },
} as const;

/** The 24 requests (payment-api §7.1–§7.24). */
const REQUESTS = {
  FindAcceptedPaymentBrand: {
    attrs: {
      PayDirection: payDirection,
      CurrCodeType: currCodeType,
      CurrCode: R,
      Amount: amount,
      MerchantPayId: R,
      MerchantOrgId: O,
      WalletID: walletID,
    },
    children: { MerchantData: pcs },
  },
  FindAcceptedPaymentProtocol: {
    attrs: {
      BrandId: O,
      PayDirection: payDirection,
      CurrCodeType: currCodeType,
      CurrCode: R,
      Amount: amount,
      MerchantPayId: R,
      MerchantOrgId: O,
      WalletID: walletID,
    },
    // §12 #3: the -01 DTD says MerchantData?, we accept many.
    children: { BrandPackagedContent: pcs, MerchantData: pcs },
  },
  GetPaymentInitializationData: {
    attrs: {
      BrandId: R,
      MerchantPayId: R,
      PayDirection: payDirection,
      CurrCodeType: currCodeType,
      CurrCode: R,
      Amount: amount,
      ProtocolId: R,
      ProtocolBrandId: O,
      OkFrom: R,
      OkTo: R,
      ReceiverOrgId: O,
      MerchantOrgId: O,
      ...wallet,
    },
    children: {
      ProtocolBrand: opt('ProtocolBrand'),
      BrandPackagedContent: pcs,
      ProtocolAmountPackagedContent: pcs,
      PayProtocolPackagedContent: pcs,
      OrderPackagedContent: pcs,
      BrandSelBrandInfoPackagedContent: pcs,
      BrandSelProtocolAmountInfoPackagedContent: pcs,
      BrandSelCurrencyAmountInfoPackagedContent: pcs,
      MerchantData: pcs,
    },
  },
  FindPaymentInstrument: {
    attrs: {
      BrandId: R,
      ProtocolId: R,
      PayDirection: payDirection,
      CurrCodeType: currCodeType,
      CurrCode: R,
      Amount: amount,
      ConsumerPayId: R,
      WalletID: walletID,
    },
    children: {
      BrandPackagedContent: pcs,
      ProtocolBrand: opt('ProtocolBrand'),
      PayProtocolPackagedContent: pcs,
      ProtocolAmountPackagedContent: pcs,
    },
  },
  CheckPaymentPossibility: {
    attrs: {
      BrandId: R,
      PaymentInstrumentId: O,
      PayDirection: payDirection,
      CurrCodeType: currCodeType,
      CurrCode: R,
      Amount: amount,
      ProtocolId: R,
      ConsumerPayId: R,
      ...wallet,
    },
    children: {
      BrandPackagedContent: pcs,
      ProtocolBrand: opt('ProtocolBrand'),
      ProtocolAmountPackagedContent: pcs,
      PayProtocolPackagedContent: pcs,
    },
  },
  StartPaymentConsumer: {
    attrs: {
      BrandId: R,
      PaymentInstrumentId: O,
      CurrCodeType: currCodeType,
      CurrCode: R,
      Amount: amount,
      PayDirection: payDirection,
      ProtocolId: R,
      ProtocolBrandId: O,
      OkFrom: R,
      OkTo: R,
      ConsumerPayId: R,
      ...wallet,
      ...callBack,
    },
    children: {
      BrandPackagedContent: pcs,
      ProtocolBrand: opt('ProtocolBrand'),
      ProtocolAmountPackagedContent: pcs,
      PayProtocolPackagedContent: pcs,
      OrderPackagedContent: pcs,
      // The flow text passes `Payment:` TradingRoleData here too (§7.6); not in the DTD, accepted.
      TradingRoleDataPackagedContent: pcs,
    },
  },
  StartPaymentPaymentHandler: {
    attrs: {
      BrandId: R,
      ConsumerPayId: O,
      CurrCodeType: currCodeType,
      CurrCode: R,
      Amount: amount,
      PayDirection: payDirection,
      ProtocolId: R,
      // §12 #8: dropped from the -01 DTD but still in the prose input list; accepted as optional.
      ProtocolBrandId: O,
      OkFrom: R,
      OkTo: R,
      PaymentHandlerPayId: R,
      MerchantOrgId: O,
      ...wallet,
      ...callBack,
    },
    children: {
      BrandPackagedContent: pcs,
      ProtocolBrand: opt('ProtocolBrand'),
      ProtocolAmountPackagedContent: pcs,
      PayProtocolPackagedContent: pcs,
      BrandSelBrandInfoPackagedContent: pcs,
      BrandSelProtocolAmountInfoPackagedContent: pcs,
      BrandSelCurrencyAmountInfoPackagedContent: pcs,
      TradingRoleDataPackagedContent: pcs,
      PaySchemePackagedContent: pcs,
    },
  },
  ResumePaymentConsumer: { attrs: { ConsumerPayId: R, ...wallet, ...callBack }, children: {} },
  ResumePaymentPaymentHandler: {
    attrs: { PaymentHandlerPayId: R, ...wallet, ...callBack },
    children: { PaySchemePackagedContent: pcs },
  },
  ContinueProcess: {
    attrs: { PayId: R, ProcessType: processType, ...wallet },
    children: { PaySchemePackagedContent: pcs1 },
  },
  InquireProcessState: { attrs: { PayId: R, ...wallet }, children: {} },
  ChangeProcessState: {
    attrs: {
      PayId: R,
      ProcessState: processState,
      CompletionCode: completionCode,
      ProcessType: processType,
      ...wallet,
    },
    children: {},
  },
  InquireAuthChallenge: {
    attrs: { AuthenticationId: R, ...wallet },
    children: { Algorithm: many('Algorithm') },
  },
  Authenticate: {
    attrs: { AuthenticationId: R, ...wallet },
    children: { Algorithm: one('Algorithm'), AuthReqPackagedContent: pcs },
  },
  CheckAuthResponse: {
    attrs: { AuthenticationId: R, ...wallet },
    children: { Algorithm: one('Algorithm'), AuthReqPackagedContent: pcs, AuthResPackagedContent: pcs },
  },
  CheckPaymentReceipt: { attrs: { PayId: R, ...wallet }, children: { PackagedContent: pcs } },
  ExpandPaymentReceipt: { attrs: { PayId: R, ...wallet }, children: { PackagedContent: pcs } },
  RemovePaymentLog: { attrs: { PayId: R, ...wallet }, children: {} },
  PaymentInstrumentInquiry: {
    attrs: {
      BrandId: R,
      PaymentInstrumentId: O,
      ProtocolId: R,
      PropertyTypeList: { req: true, list: true },
      xmlLang: lang,
      ...wallet,
    },
    children: {
      BrandPackagedContent: pcs,
      ProtocolBrand: opt('ProtocolBrand'),
      ProtocolAmountPackagedContent: pcs,
      PayProtocolPackagedContent: pcs,
    },
  },
  // Note the DTD's casing here: WalletId and PassPhrase (§2.5 [DOC-BUG]); the other casing is accepted.
  InquirePendingPayment: {
    attrs: { WalletId: { aliases: ['WalletID'] }, PassPhrase: { aliases: ['Passphrase'] } },
    children: {},
  },
  ManagePaymentSoftware: {
    attrs: { BrandId: O, ProtocolId: O, Action: { values: ['New', 'Update', 'Delete'] }, ...wallet },
    children: {
      BrandPackagedContent: pcs,
      ProtocolAmountPackagedContent: pcs,
      PayProtocolPackagedContent: pcs,
    },
  },
  StartPaymentInquiry: { attrs: { ConsumerPayId: R, ...wallet }, children: {} },
  InquirePaymentStatus: {
    attrs: { PaymentHandlerPayId: R, ...wallet },
    children: { PaySchemePackagedContent: pcs },
  },
  CallBack: {
    attrs: {
      ContentSoftwareID: O,
      PayId: R,
      ProcessState: optProcessState,
      PercentComplete: { syntax: 'digits' },
      CompletionCode: completionCode,
      xmlLang: lang,
      StatusDesc: O,
    },
    children: {},
  },
} as const;

const continuation = { attrs: { ContStatus: contStatus }, children: schemeOut } as const;
const empty = { attrs: {}, children: {} } as const;

/** The 24 responses. */
const RESPONSES = {
  FindAcceptedPaymentBrandResponse: { attrs: {}, children: { BrandItem: many('BrandItem') } },
  FindAcceptedPaymentProtocolResponse: {
    attrs: {},
    children: { ProtocolItem: many1('ProtocolItem'), BrandItem: many('BrandItem') },
  },
  GetPaymentInitializationDataResponse: {
    attrs: { OkFrom: O, OkTo: O },
    children: { OrderPackagedContent: pcs, TradingRoleDataPackagedContent: pcs },
  },
  FindPaymentInstrumentResponse: { attrs: {}, children: { PayInstrument: many('PayInstrument') } },
  CheckPaymentPossibilityResponse: {
    attrs: {},
    children: {
      BrandSelBrandInfoPackagedContent: pcs,
      BrandSelProtocolAmountInfoPackagedContent: pcs,
      BrandSelCurrencyAmountInfoPackagedContent: pcs,
    },
  },
  StartPaymentConsumerResponse: continuation,
  StartPaymentPaymentHandlerResponse: continuation,
  ResumePaymentConsumerResponse: continuation,
  ResumePaymentPaymentHandlerResponse: continuation,
  ContinueProcessResponse: continuation,
  InquireProcessStateResponse: {
    attrs: { ...stateAnswer, PayReceiptNameRefs: list },
    children: { PackagedContent: pcs },
  },
  ChangeProcessStateResponse: { attrs: stateAnswer, children: {} },
  InquireAuthChallengeResponse: {
    attrs: {},
    children: { AuthReqPackagedContent: pcs, Algorithm: one('Algorithm') },
  },
  AuthenticateResponse: { attrs: {}, children: { AuthResPackagedContent: pcs } },
  CheckAuthResponseResponse: {
    attrs: { ProcessState: processState, CompletionCode: completionCode, xmlLang: lang, StatusDesc: O },
    children: {},
  },
  CheckPaymentReceiptResponse: empty,
  ExpandPaymentReceiptResponse: {
    attrs: {
      BrandId: O,
      PaymentInstrumentId: O,
      Amount: optAmount,
      CurrCodeType: O,
      CurrCode: O,
      PayDirection: { values: ['Debit', 'Credit'] },
      TimeStamp: O,
      ProtocolId: O,
      ProtocolBrandId: O,
      ProtocolTransId: O,
      xmlLang: lang,
      ConsumerDesc: O,
      PaymentHandlerDesc: O,
      StyleSheetNetLocn: O,
    },
    children: { PaymentProperty: many('PaymentProperty') },
  },
  RemovePaymentLogResponse: empty,
  PaymentInstrumentInquiryResponse: {
    attrs: { xmlLang: { wire: 'xml:lang', req: true }, UnavailablePropertyList: list },
    children: { PaymentInstrumentProperty: many('PaymentInstrumentProperty') },
  },
  InquirePendingPaymentResponse: { attrs: {}, children: { PaymentId: many('PaymentId') } },
  // §12 #18: AuthNames is #REQUIRED in -01 but may be absent when no algorithm applies.
  ManagePaymentSoftwareResponse: {
    attrs: {
      Action: { values: ['New', 'Update', 'Delete'] },
      WalletID: walletID,
      Passphrase: passphrase,
      AuthNames: list,
    },
    children: {},
  },
  StartPaymentInquiryResponse: { attrs: {}, children: schemeOut },
  InquirePaymentStatusResponse: {
    attrs: {
      PaymentHandlerPayId: R,
      ProcessState: processState,
      CompletionCode: completionCode,
      xmlLang: lang,
      StatusDesc: O,
    },
    children: schemeOut,
  },
  // §7.24 [IMPL]: CompletionCode is our extension attribute carrying a cancellation (ConsCancelled).
  CallBackResponse: { attrs: { CompletionCode: completionCode }, children: {} },
} as const;

export const ELEMENT_SPECS = { ...NESTED, ...REQUESTS, ...RESPONSES } as const satisfies Record<
  string,
  ElementSpec
>;
export type ElementSpecs = typeof ELEMENT_SPECS;
export type ElementName = keyof ElementSpecs;
