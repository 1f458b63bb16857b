import type { CallType } from '../codes/roles';
import type { TypeOfSpec } from '../schema/element-spec';
import type { ElementName, ElementSpecs } from '../schema/elements';

/** The TypeScript shape of a Payment API element, derived from its description in ELEMENT_SPECS. */
export type ApiElement<N extends ElementName> = TypeOfSpec<ElementSpecs[N], ElementSpecs>;

/** A request of one call; `call` is the element name (the call definition's spelling). */
export type RequestOf<C extends CallType> = { readonly call: C } & ApiElement<C>;
/** A response of one call: element `${call}Response`, told apart by `call` as well. */
export type ResponseOf<C extends CallType> = { readonly call: C } & ApiElement<`${C}Response`>;

export type ApiRequest = { [C in CallType]: RequestOf<C> }[CallType];
export type ApiResponse = { [C in CallType]: ResponseOf<C> }[CallType];

export type ErrorResponse = ApiElement<'ErrorResponse'>;
export type ErrorLocation = ApiElement<'ErrorLocation'>;
export type ProtocolBrand = ApiElement<'ProtocolBrand'>;
export type Algorithm = ApiElement<'Algorithm'>;
export type BrandItem = ApiElement<'BrandItem'>;
export type ProtocolItem = ApiElement<'ProtocolItem'>;
export type CurrencyAmount = ApiElement<'CurrencyAmount'>;
export type PayInstrument = ApiElement<'PayInstrument'>;
export type PaymentProperty = ApiElement<'PaymentProperty'>;
export type PaymentInstrumentProperty = ApiElement<'PaymentInstrumentProperty'>;
export type PaymentId = ApiElement<'PaymentId'>;

// One named type per request and response (payment-api §7).
export type FindAcceptedPaymentBrand = RequestOf<'FindAcceptedPaymentBrand'>;
export type FindAcceptedPaymentBrandResponse = ResponseOf<'FindAcceptedPaymentBrand'>;
export type FindAcceptedPaymentProtocol = RequestOf<'FindAcceptedPaymentProtocol'>;
export type FindAcceptedPaymentProtocolResponse = ResponseOf<'FindAcceptedPaymentProtocol'>;
export type GetPaymentInitializationData = RequestOf<'GetPaymentInitializationData'>;
export type GetPaymentInitializationDataResponse = ResponseOf<'GetPaymentInitializationData'>;
export type FindPaymentInstrument = RequestOf<'FindPaymentInstrument'>;
export type FindPaymentInstrumentResponse = ResponseOf<'FindPaymentInstrument'>;
export type CheckPaymentPossibility = RequestOf<'CheckPaymentPossibility'>;
export type CheckPaymentPossibilityResponse = ResponseOf<'CheckPaymentPossibility'>;
export type StartPaymentConsumer = RequestOf<'StartPaymentConsumer'>;
export type StartPaymentConsumerResponse = ResponseOf<'StartPaymentConsumer'>;
export type StartPaymentPaymentHandler = RequestOf<'StartPaymentPaymentHandler'>;
export type StartPaymentPaymentHandlerResponse = ResponseOf<'StartPaymentPaymentHandler'>;
export type ResumePaymentConsumer = RequestOf<'ResumePaymentConsumer'>;
export type ResumePaymentConsumerResponse = ResponseOf<'ResumePaymentConsumer'>;
export type ResumePaymentPaymentHandler = RequestOf<'ResumePaymentPaymentHandler'>;
export type ResumePaymentPaymentHandlerResponse = ResponseOf<'ResumePaymentPaymentHandler'>;
export type ContinueProcess = RequestOf<'ContinueProcess'>;
export type ContinueProcessResponse = ResponseOf<'ContinueProcess'>;
export type InquireProcessState = RequestOf<'InquireProcessState'>;
export type InquireProcessStateResponse = ResponseOf<'InquireProcessState'>;
export type ChangeProcessState = RequestOf<'ChangeProcessState'>;
export type ChangeProcessStateResponse = ResponseOf<'ChangeProcessState'>;
export type InquireAuthChallenge = RequestOf<'InquireAuthChallenge'>;
export type InquireAuthChallengeResponse = ResponseOf<'InquireAuthChallenge'>;
export type Authenticate = RequestOf<'Authenticate'>;
export type AuthenticateResponse = ResponseOf<'Authenticate'>;
export type CheckAuthResponse = RequestOf<'CheckAuthResponse'>;
export type CheckAuthResponseResponse = ResponseOf<'CheckAuthResponse'>;
export type CheckPaymentReceipt = RequestOf<'CheckPaymentReceipt'>;
export type CheckPaymentReceiptResponse = ResponseOf<'CheckPaymentReceipt'>;
export type ExpandPaymentReceipt = RequestOf<'ExpandPaymentReceipt'>;
export type ExpandPaymentReceiptResponse = ResponseOf<'ExpandPaymentReceipt'>;
export type RemovePaymentLog = RequestOf<'RemovePaymentLog'>;
export type RemovePaymentLogResponse = ResponseOf<'RemovePaymentLog'>;
export type PaymentInstrumentInquiry = RequestOf<'PaymentInstrumentInquiry'>;
export type PaymentInstrumentInquiryResponse = ResponseOf<'PaymentInstrumentInquiry'>;
export type InquirePendingPayment = RequestOf<'InquirePendingPayment'>;
export type InquirePendingPaymentResponse = ResponseOf<'InquirePendingPayment'>;
export type ManagePaymentSoftware = RequestOf<'ManagePaymentSoftware'>;
export type ManagePaymentSoftwareResponse = ResponseOf<'ManagePaymentSoftware'>;
export type StartPaymentInquiry = RequestOf<'StartPaymentInquiry'>;
export type StartPaymentInquiryResponse = ResponseOf<'StartPaymentInquiry'>;
export type InquirePaymentStatus = RequestOf<'InquirePaymentStatus'>;
export type InquirePaymentStatusResponse = ResponseOf<'InquirePaymentStatus'>;
export type CallBack = RequestOf<'CallBack'>;
export type CallBackResponse = ResponseOf<'CallBack'>;
