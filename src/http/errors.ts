import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AccountLockedError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { describeError } from '../logging/describe-error.ts';

/** zod issues → the `fields` shape every 400 of this API uses. */
export const zodFields = (err: z.ZodError) =>
  err.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));

/** Too many wrong passwords for one account (at sign-in, or re-entered in a session): locked for a while. */
export function answerAccountLocked(res: Response, retryAfterSec: number): void {
  res.set('Retry-After', String(Math.max(1, retryAfterSec)));
  res.status(429).json({
    error: 'account_locked',
    retryAfterSec,
    message: 'too many wrong passwords for this account; try again later or ask an administrator',
  });
}

/** One place that turns errors into answers; clients never see a stack trace. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof z.ZodError) {
      res.status(400).json({ error: 'validation', fields: zodFields(err) });
      return;
    }
    if (err instanceof ValidationError) {
      res.status(400).json({ error: 'validation', fields: err.fields });
      return;
    }
    if (err instanceof NotFoundError) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    if (err instanceof AccountLockedError) {
      answerAccountLocked(res, err.retryAfterSec);
      return;
    }
    if (err instanceof ForbiddenError) {
      res
        .status(403)
        .json(err.code === 'forbidden' ? { error: 'forbidden' } : { error: err.code, message: err.message });
      return;
    }
    if (err instanceof DomainError) {
      res.status(409).json({ error: err.code, message: err.message });
      return;
    }
    // body-parser and friends set status/type.
    const status =
      typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      res.status(status).json({
        error: err.type ?? 'bad_request',
        message: status === 413 ? 'request too large' : 'malformed request',
      });
      return;
    }
    if (status === 503) {
      // Overload (intake full): the sender retries; webhooks and forms keep nothing half-done.
      res.status(503).set('Retry-After', '1').json({ error: 'busy' });
      return;
    }
    log.error({ reason: describeError(err), path: req.path, method: req.method }, 'request failed');
    res.status(500).json({ error: 'internal' });
  };
}
