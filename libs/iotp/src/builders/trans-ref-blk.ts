import type { XmlElement } from '../xml/xml-node';
import { formatIotpTimestamp } from './timestamp';
import { el, joinTokens } from './xml-build';

export interface TransIdSpec {
  readonly id: string;
  readonly iotpTransId: string;
  readonly iotpTransType: string;
  /** A Date, or the literal `NA` for a sender without a clock. */
  readonly transTimeStamp: Date | string;
}

/** A new TransId; answers copy the inbound TransId element instead (iotp-messages §2.3). */
export const buildTransId = (s: TransIdSpec): XmlElement =>
  el('TransId', {
    ID: s.id,
    Version: '1.0',
    IotpTransId: s.iotpTransId,
    IotpTransType: s.iotpTransType,
    TransTimeStamp:
      typeof s.transTimeStamp === 'string' ? s.transTimeStamp : formatIotpTimestamp(s.transTimeStamp),
  });

export interface MsgIdSpec {
  readonly id: string;
  /** The MsgId/@ID answered; absent only on the first message of a transaction. */
  readonly respIotpMsg?: string;
  /** Defaults to `en`. */
  readonly lang?: string;
  readonly langPrefList?: readonly string[];
  readonly charSetPrefList?: readonly string[];
  /** Our TradingRole element ID in the transaction, when we have one. */
  readonly senderTradingRoleRef?: string;
  readonly softwareId: string;
  readonly timeStamp?: Date;
}

export const buildMsgId = (s: MsgIdSpec): XmlElement =>
  el('MsgId', {
    ID: s.id,
    RespIotpMsg: s.respIotpMsg,
    'xml:lang': s.lang ?? 'en',
    LangPrefList: joinTokens(s.langPrefList),
    CharSetPrefList: joinTokens(s.charSetPrefList),
    SenderTradingRoleRef: s.senderTradingRoleRef,
    SoftwareId: s.softwareId,
    TimeStamp: s.timeStamp && formatIotpTimestamp(s.timeStamp),
  });

export interface TransRefBlkSpec {
  readonly id: string;
  /** The inbound TransId element (copied verbatim) or a new one from buildTransId. */
  readonly transId: XmlElement;
  readonly msgId: MsgIdSpec;
  readonly relatedTo?: readonly XmlElement[];
}

export const buildTransRefBlk = (s: TransRefBlkSpec): XmlElement =>
  el('TransRefBlk', { ID: s.id }, [s.transId, buildMsgId(s.msgId), ...(s.relatedTo ?? [])]);
