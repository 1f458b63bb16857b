/** `YYYY-MM-DDTHH:MM:SS.sssZ`, the form we emit for every IOTP time stamp (iotp-messages §1.7). */
export const formatIotpTimestamp = (d: Date): string => d.toISOString();

/**
 * A new IotpTransId `<yyyymmddhhmmss>.<16 hex>@<domain>` (profile §1.5). The random part is passed
 * in so that the builder stays deterministic.
 */
export const newIotpTransId = (now: Date, randomHex16: string, domain: string): string => {
  if (!/^[0-9a-f]{16}$/.test(randomHex16))
    throw new RangeError('randomHex16 must be 16 lower-case hex digits');
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}.${randomHex16}@${domain}`;
};
