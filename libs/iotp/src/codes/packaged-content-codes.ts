/** PackagedContent/@Transform (DTD enumeration, default NONE). */
export const TRANSFORMS = ['NONE', 'BASE64'] as const;
export type Transform = (typeof TRANSFORMS)[number];

/** PackagedContent/@Content is IANA controlled: PCDATA (default), MIME, MIME:<type>, XML, x-…. */
export const DEFAULT_CONTENT = 'PCDATA';
export const DEFAULT_TRANSFORM: Transform = 'NONE';
export const DEFAULT_CURR_CODE_TYPE = 'ISO4217-A';
