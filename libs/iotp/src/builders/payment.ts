import type { XmlElement } from '../xml/xml-node';
import { buildPackagedContent, type PackagedContentSpec } from './packaged-content';
import { formatIotpTimestamp } from './timestamp';
import { bool, el, joinTokens } from './xml-build';

export interface PaymentSpec {
  readonly id: string;
  readonly okFrom: Date;
  readonly okTo: Date;
  readonly brandListRef: string;
  readonly signedPayReceipt: boolean;
  readonly startAfterRefs?: readonly string[];
}

/** Payment Component, made by the Merchant (iotp-messages §5.2). */
export const buildPayment = (s: PaymentSpec): XmlElement =>
  el('Payment', {
    ID: s.id,
    OkFrom: formatIotpTimestamp(s.okFrom),
    OkTo: formatIotpTimestamp(s.okTo),
    BrandListRef: s.brandListRef,
    SignedPayReceipt: bool(s.signedPayReceipt),
    StartAfterRefs: joinTokens(s.startAfterRefs),
  });

export interface TradingRoleDataSpec {
  readonly id: string;
  readonly originatorElRef: string;
  readonly destinationElRefs: readonly string[];
  readonly packagedContents: readonly PackagedContentSpec[];
}

/** Opaque data from one role to others, e.g. Merchant → PH (iotp-messages §5.9). */
export const buildTradingRoleData = (s: TradingRoleDataSpec): XmlElement =>
  el(
    'TradingRoleData',
    { ID: s.id, OriginatorElRef: s.originatorElRef, DestinationElRefs: joinTokens(s.destinationElRefs) },
    s.packagedContents.map(buildPackagedContent),
  );
