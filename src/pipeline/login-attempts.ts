import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LoginAttemptsPort } from '../domain/auth.service.ts';

/**
 * Failed sign-ins per account, in Redis so every api node counts together. Keys carry a hash of
 * the address, not the address. A Redis outage fails open (the per-IP limiter still applies):
 * counselors must be able to sign in to a hotline that is taking reports.
 */
export function createLoginAttempts(redis: Redis, prefix: string, windowSec: number): LoginAttemptsPort {
  const key = (email: string) =>
    `${prefix}:login-failures:${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`;
  return {
    async failures(email) {
      const [count, ttl] = await Promise.all([redis.get(key(email)), redis.pttl(key(email))]).catch(
        () => [null, -2] as const,
      );
      return { count: Number(count ?? 0), retryAfterSec: ttl > 0 ? Math.ceil(Number(ttl) / 1000) : 0 };
    },
    async fail(email) {
      const k = key(email);
      const n = await redis.incr(k).catch(() => 0);
      if (n === 1) await redis.expire(k, windowSec).catch(() => {});
    },
    async reset(email) {
      await redis.del(key(email)).catch(() => {});
    },
  };
}
