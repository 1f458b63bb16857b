import type { AuthReq, AuthRes, AuthRevReq, AuthRevRes, CapReq, CapRes, XidStatus } from './acquirer-wire';

/** The acquirer's payment gateway as the SET-like bridge sees it. */
export interface AcquirerGateway {
  authorize(request: AuthReq): Promise<AuthRes>;
  capture(request: CapReq): Promise<CapRes>;
  reverse(request: AuthRevReq): Promise<AuthRevRes>;
  status(xid: string): Promise<XidStatus>;
}

/** No answer in time, refused connection or 5xx: an identical resend is safe (idempotent by RRPID). */
export class AcquirerUnavailableError extends Error {
  override readonly name = 'AcquirerUnavailableError';
  constructor(
    message: string,
    /** The request went out and no answer came in time: the gateway may have authorised it. */
    readonly maybeDelivered = false,
  ) {
    super(message);
  }
}

/** 4xx: the gateway could not read or verify OUR request (schemes.md §6.11) — not the customer's fault. */
export class AcquirerRefusedError extends Error {
  override readonly name = 'AcquirerRefusedError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
