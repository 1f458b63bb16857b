/**
 * The merchant SAM ("Händlerkarte", schemes.md §1.2) behind the e-purse bridge: it holds the merchant
 * card key K_M and can check purse MACs (K_C), so neither key ever enters the Payment Handler.
 * Both operations are pure computations without side effects: retrying them is always safe.
 */
export interface MerchantSam {
  /** MAC_K_M(input) of profile §3.5 for merchant card `idM` (16 bytes). */
  merchantMac(idM: string, input: Buffer): Promise<Buffer>;
  /** Whether `mac` = MAC_K_C(input) for purse `idC`. */
  verifyPurseMac(idC: string, input: Buffer, mac: Buffer): Promise<boolean>;
}

/** The SAM could not be asked or did not answer (connection refused, time-out, HSM error): SystemBusy. */
export class SamUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SamUnavailableError';
  }
}
