import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/** How to reach Redis: a URL, or the unix socket of the embedded child. */
export type RedisTarget = { url: string } | { socketPath: string };

function redisOptions(target: RedisTarget): RedisOptions {
  // BullMQ needs maxRetriesPerRequest null on blocking connections; harmless on the others.
  const common: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false };
  if ('socketPath' in target) return { ...common, path: target.socketPath };
  const u = new URL(target.url);
  return {
    ...common,
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.pathname.length > 1 && { db: Number(u.pathname.slice(1)) }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
  };
}

/**
 * A plain client (publish, rate limits, health). Unlike BullMQ's blocking connections it gives up
 * on a command after a couple of reconnect attempts, so a Redis outage fails requests fast
 * instead of parking them.
 */
export function createRedis(target: RedisTarget, name: string): Redis {
  const r = new Redis({ ...redisOptions(target), maxRetriesPerRequest: 2, connectionName: `kontakt-${name}` });
  // Connection errors are reported by /healthz and retried by ioredis; they must not crash the process.
  r.on('error', () => {});
  return r;
}

/**
 * BullMQ's job lock (`JOB_LOCK_SEC`): a worker renews its jobs' locks every half of it; the jobs of
 * a worker that died (killed, its machine gone) are taken back after the lock runs out, at the
 * next stalled-job check, which runs as often. Undefined: BullMQ's own 30 s.
 */
export const jobLock = (lockMs?: number) => (lockMs ? { lockDuration: lockMs, stalledInterval: lockMs } : {});

/** BullMQ declares its own (narrower) option type for the same ioredis options. */
export function bullConnection(target: RedisTarget): ConnectionOptions {
  return redisOptions(target) as ConnectionOptions;
}

/**
 * For clients handed to a library that fires commands without handling their promises (the
 * Socket.IO Redis adapter publishes and subscribes that way): while Redis is down those promises
 * would reject unhandled and take the process down. Here they resolve, and the failure is reported.
 */
export function swallowCommandFailures(client: Redis, onError: (err: unknown) => void): Redis {
  for (const name of ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(client, name, {
      value: (...args: unknown[]) =>
        original(...args).catch((err: unknown) => {
          onError(err);
          return 0;
        }),
    });
  }
  return client;
}

/**
 * `p`, or a rejection after `ms`: while Redis is away ioredis retries a command across reconnects for
 * seconds, and a request or a probe must not wait that out. The timer does not hold the process open.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, what = 'Redis'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** After a failed Redis command, how long to use the in-memory stand-in before asking Redis again. */
const RETRY_REDIS_AFTER_MS = 5_000;

/**
 * Redis while it answers, this process's memory for a while after it did not: counters shared by
 * every node normally, and per node (the same rules) during an outage instead of failing open or
 * closed. `down` also takes a failure seen elsewhere (a script load at start).
 */
export function redisOrMemory(onDown: (err: unknown) => void, retryAfterMs = RETRY_REDIS_AFTER_MS) {
  let downUntil = 0;
  const down = (err: unknown) => {
    downUntil = Date.now() + retryAfterMs;
    onDown(err);
  };
  return {
    down,
    async use<T>(viaRedis: () => Promise<T>, inMemory: () => Promise<T> | T): Promise<T> {
      if (Date.now() >= downUntil) {
        try {
          return await viaRedis();
        } catch (err) {
          down(err);
        }
      }
      return inMemory();
    },
  };
}
