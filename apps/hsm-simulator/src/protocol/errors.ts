/**
 * payShield host-command error codes used by the simulator (payShield 9000/10K "Host Command"
 * manuals, general error codes). The text never contains data from the command.
 */
export const HSM_ERRORS = {
  '00': 'No error',
  '01': 'Verification failure',
  '04': 'Invalid key type code',
  '05': 'Invalid key length flag / unknown scheme ID',
  '10': 'Source key parity error',
  '11': 'Destination key parity error',
  '14': 'PIN encrypted under LMK pair 02-03 is invalid',
  '15': 'Invalid input data',
  '20': 'PIN block does not contain valid values',
  '23': 'Invalid PIN block format code',
  '24': 'PIN is fewer than 4 or more than 12 digits in length',
  '26': 'Invalid key scheme',
  '27': 'Incompatible key length',
  '29': 'Key function not permitted',
  '41': 'Internal hardware/software error',
  '42': 'DES failure',
  '68': 'Command has been disabled',
  '80': 'Data length error',
} as const;

export type HsmErrorCode = keyof typeof HSM_ERRORS | (string & {});

/** A command failed with a payShield error code; the message carries the code and its meaning only. */
export class HsmError extends Error {
  constructor(readonly code: HsmErrorCode) {
    super(`HSM error ${code}: ${(HSM_ERRORS as Record<string, string>)[code] ?? 'error'}`);
    this.name = 'HsmError';
  }
}

/** Response code = command code with the second character advanced (A0→A1, NC→ND, KQ→KR); ZZ when it cannot. */
export function responseCodeFor(command: string): string {
  if (!/^[A-Z0-9]{2}$/.test(command)) return 'ZZ';
  const second = command[1];
  if (second === 'Z' || second === '9') return 'ZZ';
  return command[0] + String.fromCharCode(second.charCodeAt(0) + 1);
}
