export { isElement, type XmlElement, type XmlNode, type XmlText } from './xml-node';
export { parseIotpXml, type ParseOutcome } from './parse';
export { serializeIotpXml, escapeAttribute, escapeText } from './serialize';
export { scanTransRef, type ScannedTransRef } from './scan';
export { IOTP_MAX_BODY_BYTES, IOTP_MAX_DEPTH, IOTP_MAX_ELEMENTS, IOTP_NAMESPACE } from './limits';
export type { XmlRejectionCode } from './xml-rejection';
