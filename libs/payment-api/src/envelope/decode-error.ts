import type { ErrorLocation } from '../calls/call-types';
import type { ErrorCode } from '../codes/error-code';

/** Why an envelope could not be read, ready to become an ErrorResponse (HardError). */
export interface PaymentApiDecodeError {
  readonly errorCode: ErrorCode;
  readonly desc: string;
  readonly location: ErrorLocation;
}

export type DecodeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PaymentApiDecodeError };

/** Internal: thrown inside the tree walk and turned into a DecodeResult at the top. */
export class DecodeFailure extends Error {
  constructor(readonly error: PaymentApiDecodeError) {
    super(error.desc);
  }
}

export function fail(errorCode: ErrorCode, desc: string, elementType: string, attName?: string): never {
  const location: ErrorLocation =
    attName === undefined ? { ElementType: elementType } : { ElementType: elementType, AttName: attName };
  throw new DecodeFailure({ errorCode, desc, location });
}
