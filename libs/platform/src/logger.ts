import pino, { type Logger } from 'pino';

/**
 * JSON logs with secrets redacted by path. The payment code never logs secrets on purpose; the
 * redaction list is the second line of defence for whatever a future log call passes by accident.
 */
const REDACT = [
  '*.passphrase',
  '*.passPhrase',
  '*.Passphrase',
  '*.pan',
  '*.cardNumber',
  '*.pin',
  '*.pinBlock',
  '*.secret',
  '*.secretHex',
  '*.key',
  '*.kcm',
  '*.kcb',
  '*.kmb',
  '*.kmbHex',
  '*.authorization',
  'req.headers.authorization',
];

export type { Logger };

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { app: name },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
