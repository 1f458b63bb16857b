import type { XmlElement } from '../xml/xml-node';
import { readPackagedContent, type PackagedContent } from './components/packaged-content';
import { locate, many, one, requireAttr, requireToken, sequence, type ReadCtx } from './read-context';
import { fail } from './wire-error';
import { token, tokens } from './xml-access';

/** Transaction Reference Block (iotp-messages §2.2–2.5). */
export interface TransRef {
  readonly id: string;
  readonly transId: TransIdModel;
  readonly msgId: MsgIdModel;
  readonly relatedTo: readonly RelatedToModel[];
  readonly element: XmlElement;
}

/** Copied verbatim into every answer: keep `element`. */
export interface TransIdModel {
  readonly id: string;
  /** Always `1.0` (absent ⇒ 1.0, any other value is refused). */
  readonly version: '1.0';
  readonly iotpTransId: string;
  readonly iotpTransType: string;
  readonly transTimeStamp: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly element: XmlElement;
}

export interface MsgIdModel {
  readonly id: string;
  readonly respIotpMsg?: string;
  readonly lang: string;
  readonly langPrefList: readonly string[];
  readonly charSetPrefList: readonly string[];
  readonly senderTradingRoleRef?: string;
  readonly softwareId: string;
  readonly timeStamp?: string;
  readonly element: XmlElement;
}

export interface RelatedToModel {
  readonly id: string;
  readonly lang: string;
  readonly relationshipType: string;
  readonly relation: string;
  readonly relnKeyWords: readonly string[];
  readonly packagedContent: PackagedContent;
  readonly element: XmlElement;
}

/**
 * Envelope attributes missing → AttMissing (profile §2.3 check 1; iotp-messages §8.3 for IotpTransId),
 * missing TransId/MsgId → ElMissing with the element name as PackagedContent.
 */
export const readTransRefBlk = (el: XmlElement, parent: ReadCtx): TransRef => {
  const id = requireToken(el, 'ID', parent, 'AttMissing');
  const ctx: ReadCtx = { ...parent, blkRef: id };
  const present = el.children.filter((c) => 'name' in c).map((c) => (c as XmlElement).name);
  for (const name of ['TransId', 'MsgId'])
    if (!present.includes(name)) fail('ElMissing', `TransRefBlk lacks ${name}.`, locate(el, ctx), name);
  const g = sequence(el, ctx, [one('TransId'), one('MsgId'), many('RelatedTo')]);
  const transIdEl = (g.get('TransId') as XmlElement[])[0];
  const msgIdEl = (g.get('MsgId') as XmlElement[])[0];
  return {
    id,
    transId: readTransId(transIdEl, ctx),
    msgId: readMsgId(msgIdEl, ctx),
    relatedTo: (g.get('RelatedTo') ?? []).map((r) => readRelatedTo(r, ctx)),
    element: el,
  };
};

export const readTransId = (el: XmlElement, parent: ReadCtx): TransIdModel => {
  const ctx = { ...parent, compRef: token(el, 'ID') || undefined };
  sequence(el, ctx, []);
  const iotpTransId = requireAttr(el, 'IotpTransId', ctx, 'AttMissing');
  const version = token(el, 'Version');
  if (version !== undefined && version !== '1.0')
    fail(
      'AttValIllegal',
      `IOTP version ${version} is not supported; only 1.0.`,
      locate(el, ctx, 'Version'),
      version,
    );
  return {
    id: requireToken(el, 'ID', ctx, 'AttMissing'),
    version: '1.0',
    iotpTransId,
    iotpTransType: requireToken(el, 'IotpTransType', ctx, 'AttMissing'),
    transTimeStamp: requireAttr(el, 'TransTimeStamp', ctx, 'AttMissing').trim(),
    attrs: el.attrs,
    element: el,
  };
};

export const readMsgId = (el: XmlElement, parent: ReadCtx): MsgIdModel => {
  const id = requireToken(el, 'ID', parent, 'AttMissing');
  const ctx = { ...parent, compRef: id };
  sequence(el, ctx, []);
  return {
    id,
    respIotpMsg: token(el, 'RespIotpMsg') || undefined,
    lang: requireToken(el, 'xml:lang', ctx, 'AttMissing'),
    langPrefList: tokens(el, 'LangPrefList'),
    charSetPrefList: tokens(el, 'CharSetPrefList'),
    senderTradingRoleRef: token(el, 'SenderTradingRoleRef') || undefined,
    softwareId: requireAttr(el, 'SoftwareId', ctx, 'AttMissing'),
    timeStamp: el.attrs['TimeStamp']?.trim(),
    element: el,
  };
};

const readRelatedTo = (el: XmlElement, parent: ReadCtx): RelatedToModel => {
  const id = requireToken(el, 'ID', parent, 'AttMissing');
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [one('PackagedContent')]);
  return {
    id,
    lang: requireToken(el, 'xml:lang', ctx, 'AttMissing'),
    relationshipType: requireToken(el, 'RelationshipType', ctx, 'AttMissing'),
    relation: requireAttr(el, 'Relation', ctx, 'AttMissing'),
    relnKeyWords: tokens(el, 'RelnKeyWords'),
    packagedContent: readPackagedContent((g.get('PackagedContent') as XmlElement[])[0], ctx),
    element: el,
  };
};
