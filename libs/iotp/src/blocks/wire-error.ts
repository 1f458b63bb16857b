import { ERROR_CODE_INFO, type ErrorCode } from '../codes/error-codes';
import type { Severity } from '../codes/severity';
import type { XmlElement } from '../xml/xml-node';

/** Where an error is (ErrorLocation, iotp-messages §5.11.1): fill as many fields as apply. */
export interface ErrorLocationSpec {
  readonly elementType: string;
  /** The inbound MsgId/@ID; filled by the reader whenever it could be read (profile §1.5). */
  readonly iotpMsgRef?: string;
  readonly blkRef?: string;
  readonly compRef?: string;
  readonly elementRef?: string;
  readonly attName?: string;
}

/** A technical error found in an inbound message, ready to become one ErrorComp. */
export interface IotpWireError {
  readonly code: ErrorCode;
  readonly severity: Severity;
  readonly desc: string;
  readonly location: ErrorLocationSpec;
  /** The offending value or the name of the missing element/attribute. */
  readonly packagedContent?: string;
}

/** What the error answer needs from a message that failed its checks (profile §1.5). */
export interface EnvelopeHint {
  /** The inbound TransId element, to copy verbatim, when it carries an IotpTransId. */
  readonly transId?: XmlElement;
  readonly msgId?: string;
  /** An InquiryReqBlk or PingReqBlk was present: the answer takes the `Q` prefix. */
  readonly inquiryOrPing: boolean;
}

/** ErrorDesc = the RFC's first sentence, then the detail (profile §1.5). */
export const wireError = (
  code: ErrorCode,
  detail: string,
  location: ErrorLocationSpec,
  packagedContent?: string,
  severity: Severity = ERROR_CODE_INFO[code].defaultSeverity,
): IotpWireError => ({
  code,
  severity,
  desc: `${ERROR_CODE_INFO[code].description} ${detail}`,
  location: stripUndefined(location),
  ...(packagedContent !== undefined ? { packagedContent } : {}),
});

const stripUndefined = (loc: ErrorLocationSpec): ErrorLocationSpec =>
  Object.fromEntries(Object.entries(loc).filter(([, v]) => v !== undefined)) as unknown as ErrorLocationSpec;

/** Thrown inside the readers only; the public functions turn it into a returned outcome. */
export class WireFault extends Error {
  constructor(readonly wire: IotpWireError) {
    super(wire.desc);
  }
}

export const fail = (...args: Parameters<typeof wireError>): never => {
  throw new WireFault(wireError(...args));
};
