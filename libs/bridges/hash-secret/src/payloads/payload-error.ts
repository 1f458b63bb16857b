/** A scheme payload that cannot be decoded or has a missing/ill-typed key. The message names the key, never a value. */
export class PayloadError extends Error {
  readonly kind = 'PayloadError';
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}
