import type { XmlElement } from '../xml/xml-node';
import { bool, el } from './xml-build';

export interface TradingRoleSpec {
  readonly tradingRole: string;
  readonly iotpMsgIdPrefix: string;
  readonly cancelNetLocn?: string;
  readonly errorNetLocn?: string;
  readonly errorLogNetLocn?: string;
}

export interface PostalAddressSpec {
  readonly lang?: string;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
  readonly cityOrTown?: string;
  readonly stateOrRegion?: string;
  readonly postalCode?: string;
  readonly country?: string;
  readonly legalLocation?: boolean;
}

export interface ContactInfoSpec {
  readonly lang?: string;
  readonly tel?: string;
  readonly fax?: string;
  readonly email?: string;
  readonly netLocn?: string;
}

export interface PersonNameSpec {
  readonly lang?: string;
  readonly title?: string;
  readonly givenName?: string;
  readonly initials?: string;
  readonly familyName?: string;
}

/** An organisation as configured, without IDs (IDs belong to the message that first carries it). */
export interface OrgSpec {
  readonly lang?: string;
  readonly orgId: string;
  readonly legalName?: string;
  readonly shortDesc?: string;
  readonly logoNetLocn?: string;
  readonly tradingRoles: readonly TradingRoleSpec[];
  readonly contactInfo?: ContactInfoSpec;
  readonly personName?: PersonNameSpec;
  readonly postalAddress?: PostalAddressSpec;
}

/** Org := TradingRole+, ContactInfo?, PersonName?, PostalAddress? (iotp-messages §5.8). */
export const buildOrg = (
  s: OrgSpec,
  ids: { readonly orgId: string; readonly tradingRoleIds: readonly string[] },
): XmlElement => {
  if (s.tradingRoles.length === 0 || s.tradingRoles.length !== ids.tradingRoleIds.length)
    throw new RangeError('an Org needs one ID per TradingRole and at least one TradingRole');
  const c = s.contactInfo;
  const p = s.personName;
  const a = s.postalAddress;
  return el(
    'Org',
    {
      ID: ids.orgId,
      'xml:lang': s.lang ?? 'en',
      OrgId: s.orgId,
      LegalName: s.legalName,
      ShortDesc: s.shortDesc,
      LogoNetLocn: s.logoNetLocn,
    },
    [
      ...s.tradingRoles.map((t, i) =>
        el('TradingRole', {
          ID: ids.tradingRoleIds[i],
          TradingRole: t.tradingRole,
          IotpMsgIdPrefix: t.iotpMsgIdPrefix,
          CancelNetLocn: t.cancelNetLocn,
          ErrorNetLocn: t.errorNetLocn,
          ErrorLogNetLocn: t.errorLogNetLocn,
        }),
      ),
      c &&
        el('ContactInfo', { 'xml:lang': c.lang, Tel: c.tel, Fax: c.fax, Email: c.email, NetLocn: c.netLocn }),
      p &&
        el('PersonName', {
          'xml:lang': p.lang,
          Title: p.title,
          GivenName: p.givenName,
          Initials: p.initials,
          FamilyName: p.familyName,
        }),
      a &&
        el('PostalAddress', {
          'xml:lang': a.lang,
          AddressLine1: a.addressLine1,
          AddressLine2: a.addressLine2,
          CityOrTown: a.cityOrTown,
          StateOrRegion: a.stateOrRegion,
          PostalCode: a.postalCode,
          Country: a.country,
          LegalLocation: bool(a.legalLocation),
        }),
    ],
  );
};

/** Allocates the Org's and its TradingRoles' IDs in creation order (Org first). */
export const buildOrgWithIds = (s: OrgSpec, next: () => string): XmlElement => {
  const orgId = next();
  return buildOrg(s, { orgId, tradingRoleIds: s.tradingRoles.map(() => next()) });
};
