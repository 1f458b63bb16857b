/** Every element name of the RFC 2801 §13 DTD (+ errata, + the `SigBlk` alias): anything else
 * without a prefix is not IOTP → XmlNotValid (iotp-messages §11). */
// prettier-ignore
export const IOTP_ELEMENT_NAMES: ReadonlySet<string> = new Set([
  'IotpMessage', 'TransRefBlk', 'TransId', 'MsgId', 'RelatedTo', 'PackagedContent',
  'IotpSignatures', 'SigBlk', 'Signature', 'Manifest', 'Algorithm', 'Parameter', 'Digest', 'Locator',
  'Value', 'Attribute', 'OriginatorInfo', 'RecipientInfo', 'KeyIdentifier', 'Certificate',
  'IssuerAndSerialNumber',
  'ErrorBlk', 'ErrorComp', 'ErrorLocation',
  'AuthReqBlk', 'AuthRespBlk', 'AuthStatusBlk', 'CancelBlk', 'DeliveryReqBlk', 'DeliveryRespBlk',
  'InquiryReqBlk', 'InquiryRespBlk', 'OfferRespBlk', 'PayExchBlk', 'PayReqBlk', 'PayRespBlk',
  'PingReqBlk', 'PingRespBlk', 'TpoBlk', 'TpoSelectionBlk',
  'Status', 'Payment', 'BrandList', 'Brand', 'ProtocolBrand', 'ProtocolAmount', 'CurrencyAmount',
  'PayProtocol', 'BrandSelection', 'BrandSelBrandInfo', 'BrandSelProtocolAmountInfo',
  'BrandSelCurrencyAmountInfo', 'PaySchemeData', 'PayReceipt', 'PaymentNote', 'Org', 'TradingRole',
  'ContactInfo', 'PersonName', 'PostalAddress', 'TradingRoleData', 'InquiryType',
  'AuthReq', 'AuthResp', 'TradingRoleInfoReq', 'ProtocolOptions', 'Order', 'Delivery', 'DeliveryData',
  'ConsumerDeliveryData', 'DeliveryNote',
]);

/** The trading blocks of the IotpMessage content model (iotp-messages §2.1). */
// prettier-ignore
export const TRADING_BLOCK_NAMES: ReadonlySet<string> = new Set([
  'AuthReqBlk', 'AuthRespBlk', 'AuthStatusBlk', 'CancelBlk', 'DeliveryReqBlk', 'DeliveryRespBlk',
  'InquiryReqBlk', 'InquiryRespBlk', 'OfferRespBlk', 'PayExchBlk', 'PayReqBlk', 'PayRespBlk',
  'PingReqBlk', 'PingRespBlk', 'TpoBlk', 'TpoSelectionBlk',
]);

export const SIGNATURE_BLOCK_NAMES: ReadonlySet<string> = new Set(['IotpSignatures', 'SigBlk']);
