import { type RateLimitRequestHandler, rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import { rateLimitMessage } from '../i18n/field-errors.ts';
import { withTimeout } from '../pipeline/redis.ts';
import { FallbackStore } from './fallback-store.ts';
import { requestLang } from './request-lang.ts';

/** The limiter's complaints go to our log (JSON, redacted), not to the console. */
export const limiterLogger = (log: Logger, what = 'rate limiter') => ({
  error: (err: unknown, message?: string) => log.warn({ err }, message ?? `${what} error`),
  warn: (err: unknown, message?: string) => log.warn({ err }, message ?? `${what} warning`),
});

/**
 * How long a limiter may wait for Redis before its command counts as failed: while Redis is away
 * ioredis retries a command across reconnects for seconds, and a reporter's form or a sign-in
 * must not wait that out. What a failure means is each limiter's choice (passOnStoreError).
 */
const LIMITER_COMMAND_TIMEOUT_MS = 500;

/** Counters live in Redis so every api node shares them. */
export function rateLimitStore(redis: Redis, prefix: string): RedisStore {
  return new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) =>
      withTimeout(
        redis.call(command, ...args) as Promise<RedisReply>,
        LIMITER_COMMAND_TIMEOUT_MS,
        'rate limiter: Redis',
      ),
  });
}

/** Per-IP limit on public reports; if Redis is down, reports still get through (a hotline must not go deaf). */
export function reportLimiter(
  redis: Redis,
  opts: { prefix: string; limit: number; windowSec: number; log: Logger },
): RateLimitRequestHandler {
  return rateLimit({
    windowMs: opts.windowSec * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    logger: limiterLogger(opts.log),
    store: rateLimitStore(redis, `${opts.prefix}:rl:report:`),
    handler: (req, res) => {
      const lang = requestLang(req);
      const message = rateLimitMessage(lang);
      if (req.path.startsWith('/api/')) res.status(429).json({ error: 'rate_limited', message });
      else res.status(429).type('text/plain; charset=utf-8').send(message);
    },
  });
}

/**
 * Failed sign-ins per client address (successes are not counted). Addresses in TRUSTED_NETWORKS
 * are never limited here (an office behind one NAT address); the per-account rules still apply.
 * While Redis is down each node counts in memory: sign-in keeps working and keeps being limited.
 */
export function loginLimiter(
  redis: Redis,
  opts: { prefix: string; limit: number; log: Logger; trusted?: (ip: string | undefined) => boolean },
): RateLimitRequestHandler {
  const log = limiterLogger(opts.log, 'sign-in limiter');
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: false,
    logger: log,
    skipSuccessfulRequests: true,
    ...(opts.trusted && { skip: (req) => opts.trusted?.(req.ip) === true }),
    store: new FallbackStore(rateLimitStore(redis, `${opts.prefix}:rl:login:`), (err) =>
      log.warn(err, 'sign-in limiter: Redis unavailable, counting in memory for now'),
    ),
    handler: (_req, res) => {
      res
        .status(429)
        .json({ error: 'rate_limited', message: 'too many failed sign-in attempts; try again in 15 minutes' });
    },
  });
}
