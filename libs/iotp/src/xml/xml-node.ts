/**
 * The XML tree every IOTP codec function works on. Produced by the hardened parser (references
 * decoded, line ends and attribute values normalised, text and CDATA merged, comments dropped),
 * consumed by DOM-HASH, the typed block readers and the builder.
 */
export interface XmlElement {
  readonly name: string;
  /** Attributes in document order (insertion order of the record), names as written (xml:lang). */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export interface XmlText {
  readonly text: string;
}

export type XmlNode = XmlElement | XmlText;

export const isElement = (n: XmlNode): n is XmlElement => (n as XmlElement).name !== undefined;
