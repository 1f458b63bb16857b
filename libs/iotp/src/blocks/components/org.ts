import type { XmlElement } from '../../xml/xml-node';
import {
  boolAttr,
  empty,
  opt,
  requireAttr,
  requireToken,
  sequence,
  some,
  type ReadCtx,
} from '../read-context';

/** Organisation Component (iotp-messages §5.8). The element is kept: Ping Responses copy it. */
export interface OrgComp {
  readonly id: string;
  readonly lang: string;
  /** Compare case-insensitively (RFC 2801 §7.6.1). */
  readonly orgId: string;
  readonly legalName?: string;
  readonly shortDesc?: string;
  readonly logoNetLocn?: string;
  readonly tradingRoles: readonly TradingRoleEl[];
  readonly contactInfo?: XmlElement;
  readonly personName?: XmlElement;
  readonly postalAddress?: PostalAddressEl;
  readonly element: XmlElement;
}

export interface TradingRoleEl {
  readonly id: string;
  readonly tradingRole: string;
  readonly iotpMsgIdPrefix: string;
  readonly cancelNetLocn?: string;
  readonly errorNetLocn?: string;
  readonly errorLogNetLocn?: string;
  readonly element: XmlElement;
}

export interface PostalAddressEl {
  readonly attrs: Readonly<Record<string, string>>;
  /** `False` when absent. */
  readonly legalLocation: boolean;
  readonly element: XmlElement;
}

export const readOrg = (el: XmlElement, parent: ReadCtx): OrgComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [
    some('TradingRole'),
    opt('ContactInfo'),
    opt('PersonName'),
    opt('PostalAddress'),
  ]);
  const [contactInfo] = g.get('ContactInfo') ?? [];
  const [personName] = g.get('PersonName') ?? [];
  const [postal] = g.get('PostalAddress') ?? [];
  for (const e of [contactInfo, personName, postal]) if (e) empty(e, ctx);
  return {
    id,
    lang: requireToken(el, 'xml:lang', ctx),
    orgId: requireAttr(el, 'OrgId', ctx).trim(),
    legalName: el.attrs['LegalName'],
    shortDesc: el.attrs['ShortDesc'],
    logoNetLocn: el.attrs['LogoNetLocn'],
    tradingRoles: (g.get('TradingRole') ?? []).map((t) => readTradingRole(t, ctx)),
    contactInfo,
    personName,
    postalAddress: postal && {
      attrs: postal.attrs,
      legalLocation: boolAttr(postal, 'LegalLocation', ctx, false),
      element: postal,
    },
    element: el,
  };
};

const readTradingRole = (el: XmlElement, ctx: ReadCtx): TradingRoleEl => {
  empty(el, ctx);
  return {
    id: requireToken(el, 'ID', ctx),
    tradingRole: requireToken(el, 'TradingRole', ctx),
    iotpMsgIdPrefix: requireToken(el, 'IotpMsgIdPrefix', ctx),
    cancelNetLocn: el.attrs['CancelNetLocn'],
    errorNetLocn: el.attrs['ErrorNetLocn'],
    errorLogNetLocn: el.attrs['ErrorLogNetLocn'],
    element: el,
  };
};

export const hasTradingRole = (org: OrgComp, role: string): boolean =>
  org.tradingRoles.some((t) => t.tradingRole === role);

export const sameOrgId = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
