import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/** How to reach Redis: a URL, or the unix socket of the embedded child. */
export type RedisTarget = { url: string } | { socketPath: string };

export function redisOptions(target: RedisTarget): RedisOptions {
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

/** BullMQ declares its own (narrower) option type for the same ioredis options. */
export function bullConnection(target: RedisTarget): ConnectionOptions {
  return redisOptions(target) as ConnectionOptions;
}
