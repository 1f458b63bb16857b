/** IANA-controlled code lists also accept user-defined codes `("x-" | "X-") NameChar+` (RFC 2801 §12.2). */
export const isUserDefinedCode = (v: string): boolean => /^[xX]-[A-Za-z0-9._:-]+$/.test(v);
