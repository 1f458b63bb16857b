import type { ApiRequest, ApiResponse, ErrorResponse } from '../calls/call-types';

/** `<IotpPaymentApiRequest>`: exactly one of the 24 requests (payment-api §2.1). */
export interface IotpPaymentApiRequest {
  readonly xmlLang?: string;
  readonly ContentSoftwareID?: string;
  readonly request: ApiRequest;
}

/**
 * `<IotpPaymentApiResponse>`: `(ErrorResponse?, <response>?)` (§2.2): a result, an error, or a
 * Warning together with a result.
 */
export interface IotpPaymentApiResponse {
  readonly xmlLang?: string;
  readonly ContentSoftwareID?: string;
  readonly ErrorResponse?: ErrorResponse;
  readonly response?: ApiResponse;
}
