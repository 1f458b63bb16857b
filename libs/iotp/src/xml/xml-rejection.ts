/** The three answers of profile §1.4 a hostile or broken body can get. */
export type XmlRejectionCode = 'MsgTooLarge' | 'XmlNotWellFrmd' | 'XmlNotValid';

/**
 * Thrown inside the scanner to leave deep loops cheaply; never escapes `parseIotpXml`, which turns it
 * into a `ParseOutcome`.
 */
export class XmlRejection extends Error {
  constructor(
    readonly code: XmlRejectionCode,
    desc: string,
  ) {
    super(desc);
  }
}

export const notWellFormed = (desc: string): XmlRejection => new XmlRejection('XmlNotWellFrmd', desc);

/** Keeps error descriptions short: names and values come from untrusted input. */
export const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
