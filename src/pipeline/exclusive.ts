import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Extend only while the lock is still ours: a compare-and-expire, atomic in Redis. */
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface Exclusive {
  holding(): boolean;
  stop(): Promise<void>;
}

/**
 * Run `start` on exactly one node of the cluster at a time (a mailbox watcher): whoever sets the
 * Redis key first runs it and keeps renewing the key; the others retry every third of the TTL and
 * take over within a TTL when the holder dies. A holder that cannot renew (Redis unreachable)
 * stops before its TTL runs out, so two holders never overlap by more than a clock's drift.
 */
export function runExclusive(o: {
  redis: Redis;
  key: string;
  ttlMs: number;
  log: Logger;
  start(): Promise<() => Promise<void>>;
}): Exclusive {
  const token = randomUUID();
  let stopRunning: (() => Promise<void>) | undefined;
  let renewedAt = 0;
  let stopped = false;
  let busy = false;

  const release = async (why: string) => {
    const s = stopRunning;
    stopRunning = undefined;
    if (s) {
      o.log.info({ lock: o.key, why }, 'exclusive task stopped');
      await s().catch((err) => o.log.warn({ err }, 'exclusive task stop failed'));
    }
  };

  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      if (stopRunning) {
        const ok = await (o.redis.eval(EXTEND, 1, o.key, token, String(o.ttlMs)) as Promise<number>).catch(() => null);
        if (ok === 1) renewedAt = Date.now();
        else if (ok === 0 || Date.now() - renewedAt > (o.ttlMs * 2) / 3)
          await release(ok === 0 ? 'lock taken over' : 'lock not renewable');
        return;
      }
      const got = await o.redis.set(o.key, token, 'PX', o.ttlMs, 'NX').catch(() => null);
      if (got !== 'OK') return;
      renewedAt = Date.now();
      o.log.info({ lock: o.key }, 'exclusive task acquired');
      stopRunning = await o.start();
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => void tick(), Math.max(50, Math.floor(o.ttlMs / 3)));
  void tick();
  return {
    holding: () => stopRunning !== undefined,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
      const had = stopRunning !== undefined;
      await release('shutdown');
      if (had) await o.redis.eval(RELEASE, 1, o.key, token).catch(() => {});
    },
  };
}
