/** t = <yyyymmdd>T<hhmmss>Z-<8 hex> (profile §3.3.1): time and date from the call, 32 random bits as serial. */
export function transactionNonce(now: Date, random4: Buffer): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15); // yyyymmddThhmmss
  return `${stamp}Z-${random4.toString('hex')}`;
}
