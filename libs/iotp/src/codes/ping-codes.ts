/** PingRespBlk/@PingStatusCode (iotp-messages §4.8); there is no `Fail`: a dead server answers nothing. */
export const PING_STATUS_CODES = ['Ok', 'Busy', 'Down'] as const;
export type PingStatusCode = (typeof PING_STATUS_CODES)[number];

/** PingRespBlk/@SigVerifyStatusCode, only when the Ping Request carried a Signature Block. */
export const SIG_VERIFY_STATUS_CODES = ['Ok', 'NotSupported', 'Fail'] as const;
export type SigVerifyStatusCode = (typeof SIG_VERIFY_STATUS_CODES)[number];
