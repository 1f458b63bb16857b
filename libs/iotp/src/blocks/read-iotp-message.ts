import { IOTP_NAMESPACE } from '../xml/limits';
import type { XmlElement } from '../xml/xml-node';
import type { InboundMessage, ReadOutcome, SignatureBlock } from './inbound-message';
import { IOTP_ELEMENT_NAMES, SIGNATURE_BLOCK_NAMES, TRADING_BLOCK_NAMES } from './iotp-element-names';
import { locate, many, requireToken, sequence, some, type ReadCtx } from './read-context';
import { readTradingBlock, type ErrorBlk, type TradingBlock } from './trading-blocks';
import { readTransRefBlk } from './trans-ref';
import { fail, WireFault, type EnvelopeHint } from './wire-error';
import { childElements, hasNonBlankText, isCriticalExtension, isExtensionName, token } from './xml-access';

/**
 * Types an inbound message and applies the envelope checks of profile §2.3 check 1
 * (iotp-messages §2.1, §8.3, §10.2): the first failing rule decides the returned error.
 */
export const readIotpMessage = (root: XmlElement): ReadOutcome => {
  const hint = envelopeHint(root);
  try {
    return { ok: true, message: read(root, { iotpMsgRef: hint.msgId }) };
  } catch (e) {
    if (e instanceof WireFault) return { ok: false, error: e.wire, hint };
    throw e;
  }
};

const read = (root: XmlElement, ctx: ReadCtx): InboundMessage => {
  const rootLoc = { elementType: 'IotpMessage', iotpMsgRef: ctx.iotpMsgRef };
  if (root.name !== 'IotpMessage') fail('XmlNotValid', `root element is ${root.name}.`, rootLoc, root.name);
  const xmlns = root.attrs['xmlns'];
  if (xmlns !== undefined && xmlns !== IOTP_NAMESPACE)
    fail('XmlNotValid', `namespace '${xmlns}' is not ${IOTP_NAMESPACE}.`, rootLoc, xmlns);
  if (hasNonBlankText(root)) fail('XmlNotValid', 'IotpMessage must not contain text.', rootLoc);

  const top = childElements(root).filter((c) => !isExtensionName(c.name));
  if (!top.some((b) => b.name === 'TransRefBlk'))
    fail('ElMissing', 'the message has no TransRefBlk.', rootLoc, 'TransRefBlk');
  if (top[0].name !== 'TransRefBlk')
    fail(
      'XmlNotValid',
      'TransRefBlk must be the first block.',
      locate(top[0], blockCtx(top[0], ctx)),
      top[0].name,
    );
  const transRef = readTransRefBlk(top[0], ctx);
  const index = indexIds(root, ctx);

  const { signatureEl, errorEl, trading } = blockOrder(top.slice(1), ctx);
  if (trading.length > 1)
    fail('ElUnexpected', `only one trading block is allowed, found ${trading[1].name} after ${trading[0].name}.`,
      locate(trading[1], blockCtx(trading[1], ctx)), trading[1].name); // prettier-ignore
  const errorBlk = errorEl && (readTradingBlock(errorEl, ctx) as ErrorBlk);
  if (trading.length === 0 && !errorBlk) fail('ElMissing', 'the message has no trading block.', rootLoc);
  const block: TradingBlock = trading.length ? readTradingBlock(trading[0], ctx) : (errorBlk as ErrorBlk);
  return {
    root,
    transRef,
    signatures: signatureEl && readSignatureBlock(signatureEl, ctx),
    errorBlk: trading.length ? errorBlk : undefined,
    block,
    index,
  };
};

/** TransRefBlk, IotpSignatures?, ErrorBlk?, trading blocks (iotp-messages §2.1). */
const blockOrder = (rest: XmlElement[], ctx: ReadCtx) => {
  let phase = 0; // 0: after TransRefBlk, 1: after signatures, 2: after ErrorBlk, 3: in trading blocks
  let signatureEl: XmlElement | undefined;
  let errorEl: XmlElement | undefined;
  const trading: XmlElement[] = [];
  for (const b of rest) {
    const here = () => locate(b, blockCtx(b, ctx));
    if (SIGNATURE_BLOCK_NAMES.has(b.name)) {
      if (phase > 0) fail('XmlNotValid', `${b.name} is out of order or repeated.`, here(), b.name);
      signatureEl = b;
      phase = 1;
    } else if (b.name === 'ErrorBlk') {
      if (phase > 1) fail('XmlNotValid', 'ErrorBlk is out of order or repeated.', here(), b.name);
      errorEl = b;
      phase = 2;
    } else if (TRADING_BLOCK_NAMES.has(b.name)) {
      trading.push(b);
      phase = 3;
    } else {
      fail('XmlNotValid', `${b.name} is not allowed in IotpMessage here.`, here(), b.name);
    }
  }
  return { signatureEl, errorEl, trading };
};

const blockCtx = (b: XmlElement, ctx: ReadCtx): ReadCtx => ({ ...ctx, blkRef: token(b, 'ID') || undefined });

/** Extensions, unknown names and ID uniqueness over the whole tree; builds the ID index. */
const indexIds = (root: XmlElement, ctx: ReadCtx): Map<string, XmlElement> => {
  const index = new Map<string, XmlElement>();
  const walk = (el: XmlElement, depth: number, at: ReadCtx): void => {
    for (const c of childElements(el)) {
      const id = token(c, 'ID') || undefined;
      const here: ReadCtx = depth === 1 ? { ...at, blkRef: id } : depth === 2 ? { ...at, compRef: id } : at;
      if (isExtensionName(c.name)) {
        // RFC 2801 §3.6: unknown critical extensions fail the transaction; others are ignored.
        if (isCriticalExtension(c))
          fail(
            'ElNotSupp',
            `critical extension element ${c.name} is not supported.`,
            locate(c, here),
            c.name,
          );
        continue;
      }
      if (!IOTP_ELEMENT_NAMES.has(c.name))
        fail('XmlNotValid', `${c.name} is not an IOTP element.`, locate(c, here), c.name);
      if (id !== undefined) {
        if (index.has(id))
          fail('XmlNotValid', `ID ${id} is used twice in the message.`, locate(c, here, 'ID'), id);
        index.set(id, c);
      }
      walk(c, depth + 1, here);
    }
  };
  walk(root, 1, ctx);
  return index;
};

const readSignatureBlock = (el: XmlElement, parent: ReadCtx): SignatureBlock => {
  const id = token(el, 'ID') || undefined;
  const ctx = { ...parent, blkRef: id };
  const g = sequence(el, ctx, [some('Signature'), many('Certificate')]);
  for (const s of g.get('Signature') ?? []) requireToken(s, 'ID', { ...ctx, compRef: token(s, 'ID') });
  return { id, element: el, signatures: g.get('Signature') ?? [], certificates: g.get('Certificate') ?? [] };
};

/** Best-effort facts for the error answer, read before any check can fail (profile §1.5). */
export const envelopeHint = (root: XmlElement): EnvelopeHint => {
  const top = childElements(root);
  const trb = top.find((b) => b.name === 'TransRefBlk');
  const transId = trb && childElements(trb).find((c) => c.name === 'TransId');
  const msgId = trb && childElements(trb).find((c) => c.name === 'MsgId');
  return {
    transId: transId && transId.attrs['IotpTransId']?.trim() ? transId : undefined,
    msgId: (msgId && token(msgId, 'ID')) || undefined,
    inquiryOrPing: top.some((b) => b.name === 'InquiryReqBlk' || b.name === 'PingReqBlk'),
  };
};
