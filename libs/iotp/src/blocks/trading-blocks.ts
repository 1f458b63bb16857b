import {
  PING_STATUS_CODES,
  SIG_VERIFY_STATUS_CODES,
  type PingStatusCode,
  type SigVerifyStatusCode,
} from '../codes/ping-codes';
import type { XmlElement } from '../xml/xml-node';
import {
  readBrandList,
  readBrandSelection,
  readErrorComp,
  readInquiryType,
  readOrg,
  readPayReceipt,
  readPaySchemeData,
  readPayment,
  readPaymentNote,
  readStatus,
  readTradingRoleData,
  type BrandListComp,
  type BrandSelectionComp,
  type ErrorCompModel,
  type InquiryTypeComp,
  type OrgComp,
  type PayReceiptComp,
  type PaySchemeDataComp,
  type PaymentComp,
  type PaymentNoteComp,
  type StatusComp,
  type TradingRoleDataComp,
} from './components';
import { enumAttr, locate, many, one, opt, requireToken, sequence, some, type ReadCtx } from './read-context';
import { fail } from './wire-error';
import { hasNonBlankText, iotpChildren, token } from './xml-access';

/**
 * Payment Request Block, read leniently: order and cardinality are checked by checkPaymentRequest
 * so that a missing component gets ElMissing (profile §2.3 check 4). `children` keeps document order.
 */
export interface PayReqBlk {
  readonly type: 'PayReqBlk';
  readonly id: string;
  readonly statuses: readonly StatusComp[];
  readonly brandLists: readonly BrandListComp[];
  readonly brandSelections: readonly BrandSelectionComp[];
  readonly payments: readonly PaymentComp[];
  readonly paySchemeData: readonly PaySchemeDataComp[];
  readonly orgs: readonly OrgComp[];
  readonly tradingRoleData: readonly TradingRoleDataComp[];
  readonly children: readonly XmlElement[];
  readonly element: XmlElement;
}

export interface PayExchBlk {
  readonly type: 'PayExchBlk';
  readonly id: string;
  readonly paySchemeData: PaySchemeDataComp;
  readonly element: XmlElement;
}

export interface PayRespBlk {
  readonly type: 'PayRespBlk';
  readonly id: string;
  readonly status: StatusComp;
  readonly payReceipt?: PayReceiptComp;
  readonly paySchemeData?: PaySchemeDataComp;
  readonly paymentNote?: PaymentNoteComp;
  readonly tradingRoleData: readonly TradingRoleDataComp[];
  readonly element: XmlElement;
}

export interface CancelBlk {
  readonly type: 'CancelBlk';
  readonly id: string;
  readonly status: StatusComp;
  readonly element: XmlElement;
}

export interface ErrorBlk {
  readonly type: 'ErrorBlk';
  readonly id: string;
  readonly errorComps: readonly ErrorCompModel[];
  readonly paySchemeData: readonly PaySchemeDataComp[];
  readonly element: XmlElement;
}

export interface InquiryReqBlk {
  readonly type: 'InquiryReqBlk';
  readonly id: string;
  readonly inquiryType: InquiryTypeComp;
  readonly paySchemeData?: PaySchemeDataComp;
  readonly element: XmlElement;
}

export interface InquiryRespBlk {
  readonly type: 'InquiryRespBlk';
  readonly id: string;
  readonly lastReceivedIotpMsgRef?: string;
  readonly lastSentIotpMsgRef?: string;
  readonly status: StatusComp;
  readonly paySchemeData?: PaySchemeDataComp;
  readonly element: XmlElement;
}

export interface PingReqBlk {
  readonly type: 'PingReqBlk';
  readonly id: string;
  /** Empty for an anonymous ping; the elements are copied into the Ping Response. */
  readonly orgs: readonly OrgComp[];
  readonly element: XmlElement;
}

export interface PingRespBlk {
  readonly type: 'PingRespBlk';
  readonly id: string;
  readonly pingStatusCode: PingStatusCode;
  readonly sigVerifyStatusCode?: SigVerifyStatusCode;
  readonly lang?: string;
  readonly pingStatusDesc?: string;
  readonly orgs: readonly OrgComp[];
  readonly element: XmlElement;
}

/** Any other trading block (TpoBlk, AuthReqBlk, …): named only; a PH answers ElUnexpected. */
export interface OtherBlk {
  readonly type: 'Other';
  readonly name: string;
  readonly id?: string;
  readonly element: XmlElement;
}

export type TradingBlock =
  | PayReqBlk
  | PayExchBlk
  | PayRespBlk
  | CancelBlk
  | ErrorBlk
  | InquiryReqBlk
  | InquiryRespBlk
  | PingReqBlk
  | PingRespBlk
  | OtherBlk;

const PAY_REQ_CHILDREN = [
  'Status',
  'BrandList',
  'BrandSelection',
  'Payment',
  'PaySchemeData',
  'Org',
  'TradingRoleData',
];

export const readPayReqBlk = (el: XmlElement, ctx: ReadCtx): PayReqBlk => {
  if (hasNonBlankText(el)) fail('XmlNotValid', 'PayReqBlk must not contain text.', locate(el, ctx));
  const children = iotpChildren(el);
  for (const c of children)
    if (!PAY_REQ_CHILDREN.includes(c.name))
      fail('XmlNotValid', `${c.name} is not allowed in PayReqBlk.`, locate(c, ctx), c.name);
  const of = (name: string) => children.filter((c) => c.name === name);
  const paySchemeData = of('PaySchemeData').map((p) => readPaySchemeData(p, ctx));
  for (const p of paySchemeData) requireAttrOf(p.element, 'PaymentRef', ctx, p.id);
  return {
    type: 'PayReqBlk',
    id: ctx.blkRef as string,
    statuses: of('Status').map((s) => readStatus(s, ctx)),
    brandLists: of('BrandList').map((b) => readBrandList(b, ctx)),
    brandSelections: of('BrandSelection').map((b) => readBrandSelection(b, ctx)),
    payments: of('Payment').map((p) => readPayment(p, ctx)),
    paySchemeData,
    orgs: of('Org').map((o) => readOrg(o, ctx)),
    tradingRoleData: of('TradingRoleData').map((t) => readTradingRoleData(t, ctx)),
    children,
    element: el,
  };
};

/** Spec rules, not DTD rules, so AttMissing (iotp-messages §5.5, example §12.4). */
const requireAttrOf = (el: XmlElement, name: string, ctx: ReadCtx, compRef: string): void => {
  if (!token(el, name))
    fail('AttMissing', `${el.name}/@${name} is required here.`, locate(el, { ...ctx, compRef }, name), name);
};

export const readPayExchBlk = (el: XmlElement, ctx: ReadCtx): PayExchBlk => {
  const g = sequence(el, ctx, [one('PaySchemeData')]);
  const psd = readPaySchemeData((g.get('PaySchemeData') as XmlElement[])[0], ctx);
  requireAttrOf(psd.element, 'PaymentRef', ctx, psd.id);
  requireAttrOf(psd.element, 'PaymentHandlerPayId', ctx, psd.id);
  return { type: 'PayExchBlk', id: ctx.blkRef as string, paySchemeData: psd, element: el };
};

export const readPayRespBlk = (el: XmlElement, ctx: ReadCtx): PayRespBlk => {
  const g = sequence(el, ctx, [
    one('Status'),
    opt('PayReceipt'),
    opt('PaySchemeData'),
    opt('PaymentNote'),
    many('TradingRoleData'),
  ]);
  const first = (n: string) => g.get(n)?.[0];
  const receipt = first('PayReceipt');
  const psd = first('PaySchemeData');
  const note = first('PaymentNote');
  return {
    type: 'PayRespBlk',
    id: ctx.blkRef as string,
    status: readStatus(first('Status') as XmlElement, ctx),
    payReceipt: receipt && readPayReceipt(receipt, ctx),
    paySchemeData: psd && readPaySchemeData(psd, ctx),
    paymentNote: note && readPaymentNote(note, ctx),
    tradingRoleData: (g.get('TradingRoleData') ?? []).map((t) => readTradingRoleData(t, ctx)),
    element: el,
  };
};

export const readCancelBlk = (el: XmlElement, ctx: ReadCtx): CancelBlk => {
  const g = sequence(el, ctx, [one('Status')]);
  return {
    type: 'CancelBlk',
    id: ctx.blkRef as string,
    status: readStatus((g.get('Status') as XmlElement[])[0], ctx),
    element: el,
  };
};

export const readErrorBlk = (el: XmlElement, ctx: ReadCtx): ErrorBlk => {
  const g = sequence(el, ctx, [some('ErrorComp'), many('PaySchemeData')]);
  return {
    type: 'ErrorBlk',
    id: ctx.blkRef as string,
    errorComps: (g.get('ErrorComp') ?? []).map((e) => readErrorComp(e, ctx)),
    paySchemeData: (g.get('PaySchemeData') ?? []).map((p) => readPaySchemeData(p, ctx)),
    element: el,
  };
};

export const readInquiryReqBlk = (el: XmlElement, ctx: ReadCtx): InquiryReqBlk => {
  const g = sequence(el, ctx, [one('InquiryType'), opt('PaySchemeData')]);
  const psd = g.get('PaySchemeData')?.[0];
  return {
    type: 'InquiryReqBlk',
    id: ctx.blkRef as string,
    inquiryType: readInquiryType((g.get('InquiryType') as XmlElement[])[0], ctx),
    paySchemeData: psd && readPaySchemeData(psd, ctx),
    element: el,
  };
};

export const readInquiryRespBlk = (el: XmlElement, ctx: ReadCtx): InquiryRespBlk => {
  const g = sequence(el, ctx, [one('Status'), opt('PaySchemeData')]);
  const psd = g.get('PaySchemeData')?.[0];
  return {
    type: 'InquiryRespBlk',
    id: ctx.blkRef as string,
    lastReceivedIotpMsgRef: token(el, 'LastReceivedIotpMsgRef') || undefined,
    lastSentIotpMsgRef: token(el, 'LastSentIotpMsgRef') || undefined,
    status: readStatus((g.get('Status') as XmlElement[])[0], ctx),
    paySchemeData: psd && readPaySchemeData(psd, ctx),
    element: el,
  };
};

export const readPingReqBlk = (el: XmlElement, ctx: ReadCtx): PingReqBlk => {
  const g = sequence(el, ctx, [many('Org')]);
  return {
    type: 'PingReqBlk',
    id: ctx.blkRef as string,
    orgs: (g.get('Org') ?? []).map((o) => readOrg(o, ctx)),
    element: el,
  };
};

export const readPingRespBlk = (el: XmlElement, ctx: ReadCtx): PingRespBlk => {
  const g = sequence(el, ctx, [some('Org')]);
  const sig = token(el, 'SigVerifyStatusCode');
  return {
    type: 'PingRespBlk',
    id: ctx.blkRef as string,
    pingStatusCode: enumAttr(el, 'PingStatusCode', PING_STATUS_CODES, ctx),
    sigVerifyStatusCode: sig ? enumAttr(el, 'SigVerifyStatusCode', SIG_VERIFY_STATUS_CODES, ctx) : undefined,
    lang: token(el, 'xml:lang') || undefined,
    pingStatusDesc: el.attrs['PingStatusDesc'],
    orgs: (g.get('Org') ?? []).map((o) => readOrg(o, ctx)),
    element: el,
  };
};

/** Dispatch on the element name; every block must carry an ID (DTD #REQUIRED). */
export const readTradingBlock = (el: XmlElement, parent: ReadCtx): TradingBlock => {
  const id = requireToken(el, 'ID', parent);
  const ctx: ReadCtx = { ...parent, blkRef: id };
  switch (el.name) {
    case 'PayReqBlk':
      return readPayReqBlk(el, ctx);
    case 'PayExchBlk':
      return readPayExchBlk(el, ctx);
    case 'PayRespBlk':
      return readPayRespBlk(el, ctx);
    case 'CancelBlk':
      return readCancelBlk(el, ctx);
    case 'ErrorBlk':
      return readErrorBlk(el, ctx);
    case 'InquiryReqBlk':
      return readInquiryReqBlk(el, ctx);
    case 'InquiryRespBlk':
      return readInquiryRespBlk(el, ctx);
    case 'PingReqBlk':
      return readPingReqBlk(el, ctx);
    case 'PingRespBlk':
      return readPingRespBlk(el, ctx);
    default:
      return { type: 'Other', name: el.name, id, element: el };
  }
};
