import {
  IdAllocator,
  buildErrorBlkFromWireError,
  buildIotpMessage,
  buildTransId,
  buildTransRefBlk,
  serializeIotpXml,
  type IotpWireError,
  type XmlElement,
} from '@ph/iotp';

/** Where and how one answer is addressed (profile §1.5, §4.5). */
export interface Addressing {
  /** The inbound TransId element, copied verbatim; absent when none could be read. */
  readonly transId?: XmlElement;
  /** For a new TransId (unreadable inbound message). */
  readonly newTransId?: { readonly iotpTransId: string; readonly iotpTransType: string };
  readonly inMsgId?: string;
  readonly prefix: string;
  readonly number: number;
  readonly senderTradingRoleRef?: string;
}

export interface OutboundParts {
  readonly signatures?: XmlElement;
  readonly errorBlk?: XmlElement;
  readonly blocks?: readonly XmlElement[];
}

export interface OutboundMessage {
  readonly msgId: string;
  readonly root: XmlElement;
  readonly xml: Buffer;
}

export interface MessageWriter {
  readonly softwareId: string;
  readonly now: () => Date;
}

/**
 * Builds one outbound IOTP message: TransRefBlk `<msg>.1` first, a new TransId `<msg>.2` only when
 * the inbound one could not be read, then whatever `build` allocates (profile §1.5 ID order).
 */
export function writeMessage(
  writer: MessageWriter,
  to: Addressing,
  build: (ids: IdAllocator, transRefBlk: () => XmlElement) => OutboundParts,
): OutboundMessage {
  const ids = new IdAllocator(to.prefix, to.number);
  const now = writer.now();
  const transRefBlkId = ids.next();
  const transId =
    to.transId ??
    buildTransId({
      id: ids.next(),
      iotpTransId: to.newTransId?.iotpTransId ?? 'unknown',
      iotpTransType: to.newTransId?.iotpTransType ?? 'x-iotp-unknown',
      transTimeStamp: now,
    });
  const transRefBlk = buildTransRefBlk({
    id: transRefBlkId,
    transId,
    msgId: {
      id: ids.msgId,
      respIotpMsg: to.inMsgId,
      senderTradingRoleRef: to.senderTradingRoleRef,
      softwareId: writer.softwareId,
      timeStamp: now,
    },
  });
  const parts = build(ids, () => transRefBlk);
  const root = buildIotpMessage({ transRefBlk, ...parts });
  return { msgId: ids.msgId, root, xml: serializeIotpXml(root) };
}

/** An answer holding one Error Block for a technical error (profile §1.5). */
export function writeErrorMessage(
  writer: MessageWriter,
  to: Addressing,
  error: IotpWireError,
  minRetrySecs?: number,
): OutboundMessage & { readonly errorComp: XmlElement } {
  let errorComp!: XmlElement;
  const message = writeMessage(writer, to, (ids) => {
    const errorBlk = buildErrorBlkFromWireError(
      error,
      { blkId: ids.next(), compId: ids.next() },
      { iotpMsgRef: to.inMsgId, minRetrySecs },
    );
    errorComp = errorBlk.children[0] as XmlElement;
    return { errorBlk };
  });
  return { ...message, errorComp };
}
