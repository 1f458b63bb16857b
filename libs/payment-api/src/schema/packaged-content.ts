/**
 * One IOTP PackagedContent (payment-api §2.4, RFC 2801 + RFC 3504): Name (NMTOKEN, optional),
 * Content (default PCDATA), Transform (NONE | BASE64, default NONE), and its character data.
 * Every "…PackagedContent" element of the API (PaySchemePackagedContent, TradingRoleDataPackagedContent,
 * plain PackagedContent of receipts, …) has this shape; the element name gives the role.
 */
export interface PackagedContent {
  readonly name?: string;
  /** The `Content` attribute, e.g. 'MIME:application/json' or 'PCDATA'. */
  readonly content: string;
  readonly transform: 'NONE' | 'BASE64';
  /** The element text exactly as on the wire (base64 text when transform is BASE64). */
  readonly value: string;
}

export const PACKAGED_CONTENT_DEFAULTS = { content: 'PCDATA', transform: 'NONE' } as const;
