import { type RateLimitRequestHandler, rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import { rateLimitMessage } from '../i18n/field-errors.ts';
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

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rate limiter: Redis did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Counters live in Redis so every api node shares them. */
export function rateLimitStore(redis: Redis, prefix: string): RedisStore {
  return new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) =>
      withTimeout(redis.call(command, ...args) as Promise<RedisReply>, LIMITER_COMMAND_TIMEOUT_MS),
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

export function loginLimiter(
  redis: Redis,
  opts: { prefix: string; limit: number; log: Logger },
): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: false,
    logger: limiterLogger(opts.log),
    skipSuccessfulRequests: true,
    store: rateLimitStore(redis, `${opts.prefix}:rl:login:`),
    handler: (_req, res) => {
      res
        .status(429)
        .json({ error: 'rate_limited', message: 'too many failed sign-in attempts; try again in 15 minutes' });
    },
  });
}
