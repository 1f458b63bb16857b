/** Scheme data that cannot be decoded: the bridge answers EncapProtErr (profile §3.2, schemes.md §1.6). */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}
