/** Profile §1.4: the limits checked before any IOTP validation. */
export const IOTP_MAX_BODY_BYTES = 262_144;
export const IOTP_MAX_DEPTH = 32;
export const IOTP_MAX_ELEMENTS = 4_096;

/** iotp-messages §1.3: the only accepted default namespace on `IotpMessage`. */
export const IOTP_NAMESPACE = 'iotp:ietf.org/iotp-v1.0';
