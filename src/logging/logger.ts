import { type Logger, pino } from 'pino';
import { describeError } from './describe-error.ts';

/**
 * Paths that may carry personal data or secrets. Message bodies, passwords, tokens and
 * contact details never reach the log, whatever the call site passes in.
 */
const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'receipt',
  '*.receipt',
  'text',
  '*.text',
  'html',
  '*.html',
  'description',
  '*.description',
  'email',
  '*.email',
  'phone',
  '*.phone',
  // Call records: caller and dialled numbers.
  'number',
  '*.number',
  'from',
  '*.from',
  'to',
  '*.to',
  'payload',
  '*.payload',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kontakt' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Errors are logged by their reason only: query errors would otherwise carry message bodies.
      serializers: { err: (err: unknown) => ({ reason: describeError(err) }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as never,
  );
}

export type { Logger };
