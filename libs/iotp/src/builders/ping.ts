import type { PingStatusCode, SigVerifyStatusCode } from '../codes/ping-codes';
import type { XmlElement } from '../xml/xml-node';
import { el } from './xml-build';

/** Ping Request Block: no Org = anonymous ping (iotp-messages §4.8). */
export const buildPingReqBlk = (s: {
  readonly id: string;
  readonly orgs?: readonly XmlElement[];
}): XmlElement => el('PingReqBlk', { ID: s.id }, [...(s.orgs ?? [])]);

export interface PingRespBlkSpec {
  readonly id: string;
  readonly pingStatusCode: PingStatusCode;
  /** Only when the Ping Request carried a Signature Block. */
  readonly sigVerifyStatusCode?: SigVerifyStatusCode;
  readonly lang?: string;
  readonly pingStatusDesc?: string;
  /** Our own Org (built from config with this message's IDs). */
  readonly ourOrg: XmlElement;
  /** The request's Org elements, copied unchanged. */
  readonly requestOrgs?: readonly XmlElement[];
}

export const buildPingRespBlk = (s: PingRespBlkSpec): XmlElement =>
  el(
    'PingRespBlk',
    {
      ID: s.id,
      PingStatusCode: s.pingStatusCode,
      SigVerifyStatusCode: s.sigVerifyStatusCode,
      'xml:lang': s.pingStatusDesc !== undefined ? (s.lang ?? 'en') : s.lang,
      PingStatusDesc: s.pingStatusDesc,
    },
    [s.ourOrg, ...(s.requestOrgs ?? [])],
  );
