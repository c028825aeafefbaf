import { type RateLimitRequestHandler, rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import { rateLimitMessage } from '../i18n/field-errors.ts';
import { requestLang } from './request-lang.ts';

/** The limiter's complaints go to our log (JSON, redacted), not to the console. */
const limiterLogger = (log: Logger) => ({
  error: (err: unknown, message?: string) => log.warn({ err }, message ?? 'rate limiter error'),
  warn: (err: unknown, message?: string) => log.warn({ err }, message ?? 'rate limiter warning'),
});

/** Counters live in Redis so every api node shares them. */
function store(redis: Redis, prefix: string) {
  return new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
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
    store: store(redis, `${opts.prefix}:rl:report:`),
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
    store: store(redis, `${opts.prefix}:rl:login:`),
    handler: (_req, res) => {
      res
        .status(429)
        .json({ error: 'rate_limited', message: 'too many failed sign-in attempts; try again in 15 minutes' });
    },
  });
}
