import { createHash } from 'node:crypto';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  admit,
  type LoginAttemptsPort,
  lockSummary,
  recordTtlSec,
  refuse,
  type ThrottlePolicy,
  type ThrottleRecord,
  type ThrottleVerdict,
  takeBack,
} from '../domain/login-throttle.ts';
import { redisOrMemory, withTimeout } from './redis.ts';

/** The numbers of the rules (README, security section) from the environment. */
export function throttlePolicyOf(c: {
  LOGIN_LOCKOUT_ATTEMPTS: number;
  LOGIN_LOCKOUT_MINUTES: number;
  LOGIN_ACCOUNT_MAX_FAILURES: number;
  LOGIN_ACCOUNT_WINDOW_MINUTES: number;
}): ThrottlePolicy {
  const maxDelaySec = c.LOGIN_LOCKOUT_MINUTES * 60;
  return {
    freeFailures: c.LOGIN_LOCKOUT_ATTEMPTS,
    baseDelaySec: Math.min(30, maxDelaySec),
    maxDelaySec,
    pairMemorySec: Math.max(24 * 3600, maxDelaySec),
    accountMaxFailures: c.LOGIN_ACCOUNT_MAX_FAILURES,
    accountWindowSec: c.LOGIN_ACCOUNT_WINDOW_MINUTES * 60,
  };
}

const hash = (s: string, len: number) => createHash('sha256').update(s).digest('hex').slice(0, len);
const accountKey = (account: string) => hash(account.trim().toLowerCase(), 32);
/**
 * The client an address stands for: an IPv6 address counts by its /56 (one subscriber's block,
 * as the per-address limiter counts), or rotating through a block would reset the delays.
 */
export const clientOf = (address: string): string => ipKeyGenerator(address, 56);

const pairField = (address: string) => hash(clientOf(address), 16);

/**
 * One try, checked and counted atomically: the same arithmetic as admit() in the domain (verdict(),
 * then recordFailure() if let in), on a hash with a field `p:<address hash>` = "failures:last ms"
 * per address and `a` = "failures:window start ms". Returns {1} (let in and counted) or
 * {0, scope, until ms}.
 */
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[2])
local an, at = 0, ARGV[2]
local a = redis.call('HGET', KEYS[1], 'a')
if a then
  local x, y = string.match(a, '^(%d+):(%d+)$')
  if x and now - tonumber(y) < tonumber(ARGV[4]) then an = tonumber(x); at = y end
end
if an >= tonumber(ARGV[6]) then return {0, 'account', tonumber(at) + tonumber(ARGV[4])} end
local n, t = 0, now
local p = redis.call('HGET', KEYS[1], ARGV[1])
if p then
  local pn, pt = string.match(p, '^(%d+):(%d+)$')
  if pn and now - tonumber(pt) < tonumber(ARGV[3]) then n = tonumber(pn); t = tonumber(pt) end
end
local free = tonumber(ARGV[7])
if n >= free then
  local untilMs = t + math.min(tonumber(ARGV[9]), tonumber(ARGV[8]) * 2 ^ math.min(n - free, 30))
  if untilMs > now then return {0, 'address', untilMs} end
end
redis.call('HSET', KEYS[1], ARGV[1], (n + 1) .. ':' .. ARGV[2])
redis.call('HSET', KEYS[1], 'a', (an + 1) .. ':' .. at)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {1}`;

/** takeBack() of the domain: ARGV[4] 'forget' drops the address's entry, else one comes off it. */
const TAKE_BACK_SCRIPT = `
local now = tonumber(ARGV[2])
if ARGV[4] == 'forget' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  local p = redis.call('HGET', KEYS[1], ARGV[1])
  local pn, pt = string.match(p or '', '^(%d+):(%d+)$')
  if pn and tonumber(pn) > 0 then redis.call('HSET', KEYS[1], ARGV[1], (tonumber(pn) - 1) .. ':' .. pt) end
end
local x, y = string.match(redis.call('HGET', KEYS[1], 'a') or '', '^(%d+):(%d+)$')
if x and tonumber(x) > 0 and now - tonumber(y) < tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'a', (tonumber(x) - 1) .. ':' .. y)
end
return 1`;

function parseRecord(fields: Record<string, string>): ThrottleRecord {
  const r: ThrottleRecord = { pairs: {}, account: null };
  for (const [k, v] of Object.entries(fields)) {
    const [n, t] = v.split(':').map(Number);
    if (n === undefined || t === undefined || !Number.isFinite(n) || !Number.isFinite(t)) continue;
    if (k === 'a') r.account = { n, t0: t };
    else if (k.startsWith('p:')) r.pairs[k.slice(2)] = { n, t };
  }
  return r;
}

/** The same rules in this process only: used while Redis does not answer. */
function createMemoryAttempts(policy: ThrottlePolicy, maxAccounts = 10_000): LoginAttemptsPort {
  const records = new Map<string, ThrottleRecord & { expires: number }>();
  const get = (account: string) => {
    const k = accountKey(account);
    const r = records.get(k);
    if (r && r.expires > Date.now()) return r;
    records.delete(k);
    return undefined;
  };
  const empty = (): ThrottleRecord => ({ pairs: {}, account: null });
  return {
    // Synchronous between reading and writing the record: atomic within this process.
    async attempt(account, address) {
      const k = accountKey(account);
      const now = Date.now();
      const r = get(account) ?? empty();
      const v = admit(policy, r, pairField(address), now);
      if (!v.allowed) return v;
      records.delete(k);
      records.set(k, { ...r, expires: now + recordTtlSec(policy) * 1000 });
      // Oldest first: a flood of made-up accounts cannot grow this without bound.
      for (const old of records.keys()) {
        if (records.size <= maxAccounts) break;
        records.delete(old);
      }
      return v;
    },
    async succeeded(account, address) {
      const r = get(account);
      if (r) takeBack(policy, r, pairField(address), Date.now(), true);
    },
    async refund(account, address) {
      const r = get(account);
      if (r) takeBack(policy, r, pairField(address), Date.now(), false);
    },
    async unlock(account) {
      records.delete(accountKey(account));
    },
    async summary(account) {
      const r = get(account);
      return r ? lockSummary(policy, r, Date.now()) : null;
    },
  };
}

/** How long a command may take before this node counts in memory instead (a sign-in must not wait out an outage). */
const COMMAND_TIMEOUT_MS = 500;

/**
 * In Redis so every api node counts together; keys and fields carry hashes, never an address.
 * While Redis is down each node counts in memory with the same rules: counselors can still sign
 * in to a hotline that is taking reports, and guessing is still slowed.
 */
export function createLoginAttempts(
  redis: Redis,
  opts: { prefix: string; policy: ThrottlePolicy; log: Logger },
): LoginAttemptsPort {
  const { policy } = opts;
  const memory = createMemoryAttempts(policy);
  const key = (account: string) => `${opts.prefix}:login:${accountKey(account)}`;
  const which = redisOrMemory((err) =>
    opts.log.warn({ err }, 'sign-in throttle: Redis unavailable, counting in memory for now'),
  );
  const viaRedis = <T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> =>
    which.use(() => withTimeout(op(), COMMAND_TIMEOUT_MS), fallback);
  const read = async (account: string) => parseRecord(await redis.hgetall(key(account)));
  const takeBackIn = (account: string, address: string, mode: 'forget' | 'one') =>
    redis.eval(
      TAKE_BACK_SCRIPT,
      1,
      key(account),
      `p:${pairField(address)}`,
      String(Date.now()),
      String(policy.accountWindowSec * 1000),
      mode,
    );

  return {
    attempt: (account, address) =>
      viaRedis(
        async (): Promise<ThrottleVerdict> => {
          const now = Date.now();
          const reply = (await redis.eval(
            ATTEMPT_SCRIPT,
            1,
            key(account),
            `p:${pairField(address)}`,
            String(now),
            String(policy.pairMemorySec * 1000),
            String(policy.accountWindowSec * 1000),
            String(recordTtlSec(policy) * 1000),
            String(policy.accountMaxFailures),
            String(policy.freeFailures),
            String(policy.baseDelaySec * 1000),
            String(policy.maxDelaySec * 1000),
          )) as [number, ('account' | 'address')?, number?];
          const [allowed, scope = 'address', until = now] = reply;
          return allowed === 1 ? { allowed: true } : refuse(scope, until, now);
        },
        () => memory.attempt(account, address),
      ),
    succeeded: (account, address) =>
      viaRedis(
        async () => void (await takeBackIn(account, address, 'forget')),
        () => memory.succeeded(account, address),
      ),
    refund: (account, address) =>
      viaRedis(
        async () => void (await takeBackIn(account, address, 'one')),
        () => memory.refund(account, address),
      ),
    // Both: a lock counted in memory during an outage is cleared too.
    unlock: async (account) => {
      await memory.unlock(account);
      await viaRedis(
        async () => void (await redis.del(key(account))),
        async () => {},
      );
    },
    summary: (account) =>
      viaRedis(
        async () => lockSummary(policy, await read(account), Date.now()),
        () => memory.summary(account),
      ),
  };
}
