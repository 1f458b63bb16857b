import {
  ERROR_CODES,
  ERROR_CODE_INFO,
  IOTP_TRANS_TYPES,
  PAYMENT_COMPLETION_CODES,
  PROCESS_STATES,
  STATUS_TYPES,
  isIotpTransType,
  isRecoverablePaymentFailure,
  normaliseCompletionCode,
  normaliseStatusType,
} from '.';

describe('IOTP code lists', () => {
  it('spell the payment completion codes as RFC 2801 §7.16.2', () => {
    expect(PAYMENT_COMPLETION_CODES).toEqual([
      'BrandNotSupp',
      'CurrNotSupp',
      'ConsCancelled',
      'PaymtCancelled',
      'AuthError',
      'InsuffFunds',
      'InstBrandInvalid',
      'InstNotValid',
      'BadInstrument',
      'Unspecified',
      'TimedOutRcvr',
      'TimedOutNoRcvr',
    ]);
  });

  it('hold the 22 error codes, each ≤ 14 characters, transient ones only transient', () => {
    expect(ERROR_CODES).toHaveLength(22);
    for (const c of ERROR_CODES) expect(c.length).toBeLessThanOrEqual(14);
    expect(ERROR_CODE_INFO.MsgBeingProc).toMatchObject({
      defaultSeverity: 'TransientError',
      transientOnly: true,
    });
    expect(ERROR_CODE_INFO.SystemBusy.defaultSeverity).toBe('TransientError');
    expect(ERROR_CODE_INFO.XmlNotWellFrmd).toEqual({
      defaultSeverity: 'HardError',
      description: 'XML not well formed.',
    });
    expect(ERROR_CODES).not.toContain('BusError');
  });

  it('decide recovery as §7.7 says', () => {
    expect(isRecoverablePaymentFailure('InsuffFunds')).toBe(true);
    expect(isRecoverablePaymentFailure('PaymtCancelled')).toBe(true);
    expect(isRecoverablePaymentFailure('PaymCancelled')).toBe(true);
    expect(isRecoverablePaymentFailure('ConsCancelled')).toBe(false);
    expect(isRecoverablePaymentFailure('TimedOutNoRcvr')).toBe(false);
    expect(isRecoverablePaymentFailure('AuthError')).toBe(false);
    expect(isRecoverablePaymentFailure('AuthError', true)).toBe(true);
    expect(isRecoverablePaymentFailure('PaymentDecl')).toBe(true); // unknown scheme code ⇒ like Unspecified
  });

  it('read the other spellings on input', () => {
    expect(normaliseCompletionCode('PaymCancelled')).toBe('PaymtCancelled');
    expect(normaliseStatusType('Unidentified')).toBe('Undefined');
  });

  it('list ProcessState, StatusType and IotpTransType values, accepting x- codes where IANA controls them', () => {
    expect(PROCESS_STATES).toEqual(['NotYetStarted', 'InProgress', 'CompletedOk', 'Failed', 'ProcessError']);
    expect(STATUS_TYPES).toContain('Undefined');
    expect(IOTP_TRANS_TYPES).toContain('BaselinePing');
    expect(isIotpTransType('x-iotp-unknown')).toBe(true);
    expect(isIotpTransType('BaselineBogus')).toBe(false);
  });
});
