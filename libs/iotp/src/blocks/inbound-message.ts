import type { XmlElement } from '../xml/xml-node';
import type { ErrorBlk, TradingBlock } from './trading-blocks';
import type { TransRef } from './trans-ref';
import type { EnvelopeHint, IotpWireError } from './wire-error';

/** The Signature Block: its Signature elements are verified by the signatures module. */
export interface SignatureBlock {
  readonly id?: string;
  readonly element: XmlElement;
  readonly signatures: readonly XmlElement[];
  readonly certificates: readonly XmlElement[];
}

/** An inbound IOTP message whose envelope passed profile §2.3 check 1. */
export interface InboundMessage {
  readonly root: XmlElement;
  readonly transRef: TransRef;
  readonly signatures?: SignatureBlock;
  /** An Error Block riding along with a trading block (Warning-only errors, iotp-messages §8.2). */
  readonly errorBlk?: ErrorBlk;
  /** The one trading block, or the Error Block when it is the only block of the message. */
  readonly block: TradingBlock;
  /** Every element with an `ID` attribute in the message (IDs are unique per message). */
  readonly index: ReadonlyMap<string, XmlElement>;
}

export type ReadOutcome =
  | { readonly ok: true; readonly message: InboundMessage }
  | { readonly ok: false; readonly error: IotpWireError; readonly hint: EnvelopeHint };
