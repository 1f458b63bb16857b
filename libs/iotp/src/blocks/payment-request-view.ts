import type { PayDirection } from '../codes/roles';
import type { XmlElement } from '../xml/xml-node';
import type {
  BrandEl,
  BrandListComp,
  BrandSelectionComp,
  CurrencyAmountEl,
  OrgComp,
  PayProtocolEl,
  PaySchemeDataComp,
  PaymentComp,
  ProtocolAmountEl,
  ProtocolBrandEl,
  StatusComp,
  TradingRoleDataComp,
  TradingRoleEl,
} from './components';
import type { PayReqBlk } from './trading-blocks';

/** A structurally sound Payment Request (profile §2.3 checks 4–8), ready for the business checks. */
export interface PaymentRequestView {
  readonly block: PayReqBlk;
  readonly paymentId: string;
  readonly payment: PaymentComp;
  readonly okFrom: string;
  readonly okTo: string;
  readonly signedPayReceipt: boolean;
  readonly brandList: BrandListComp;
  readonly brandSelection: BrandSelectionComp;
  readonly brand: BrandEl;
  readonly protocolAmount: ProtocolAmountEl;
  readonly currencyAmount: CurrencyAmountEl;
  readonly payProtocol: PayProtocolEl;
  /** The Brand's ProtocolBrand for the selected protocol, if the Merchant gave one. */
  readonly protocolBrand?: ProtocolBrandEl;
  readonly brandId: string;
  readonly protocolId: string;
  readonly protocolBrandId?: string;
  /** Decimal string as sent (validated: `^[0-9]+(\.[0-9]+)?$`, > 0). */
  readonly amount: string;
  readonly currCode: string;
  readonly currCodeType: string;
  readonly payDirection: PayDirection;
  readonly merchantOrg: OrgComp;
  readonly merchantOrgId: string;
  readonly phOrg: OrgComp;
  /** Our Org's element ID in this transaction (OriginatorRef of the receipt signature). */
  readonly phOrgRef: string;
  /** Our TradingRole: its ID is MsgId/@SenderTradingRoleRef, its prefix our message prefix. */
  readonly phTradingRole: TradingRoleEl;
  readonly consumerOrgs: readonly OrgComp[];
  readonly statuses: readonly StatusComp[];
  /** The Consumer's first scheme message, if the scheme needs one. */
  readonly paySchemeData?: PaySchemeDataComp;
  readonly paySchemeDataList: readonly PaySchemeDataComp[];
  readonly tradingRoleData: readonly TradingRoleDataComp[];
  /** TradingRoleData whose DestinationElRefs name our Org. */
  readonly tradingRoleDataForUs: readonly TradingRoleDataComp[];
  readonly orgs: readonly OrgComp[];
  readonly paymentElement: XmlElement;
  readonly brandListElement: XmlElement;
  readonly brandSelectionElement: XmlElement;
}

export type PaymentRequestCheck =
  | { readonly ok: true; readonly view: PaymentRequestView }
  | { readonly ok: false; readonly error: import('./wire-error').IotpWireError };
