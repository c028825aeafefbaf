import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/db.ts';

/** The CI machine's services; override to point elsewhere. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, empty PostgreSQL database for one test file; dropped by the returned function. */
export async function createTempDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kontakt_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A Redis key prefix no other test file uses, so files run in parallel on one Redis. */
export const uniquePrefix = () => `kt-test-${randomUUID().slice(0, 8)}`;

/**
 * Remove every key a test left under its prefix (BullMQ queues, limiters, locks, cursors), so the
 * shared Redis does not grow with every run. Only test prefixes are touched; a private Redis a test
 * has already stopped is simply skipped.
 */
export async function dropRedisPrefix(url: string, prefix: string | undefined): Promise<void> {
  if (!prefix || !/^kt-test-[0-9a-f]{8}$/.test(prefix)) return;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis is not there (a fault test stopped it): nothing of ours to clean.
  } finally {
    redis.disconnect();
  }
}

/** A migrated store of either engine, empty, with a function that closes and removes it. */
export async function openTestStore(
  engine: 'pglite' | 'postgres',
): Promise<{ store: Store; dispose(): Promise<void> }> {
  if (engine === 'postgres') {
    const db = await createTempDatabase();
    const store = await openStore({ databaseUrl: db.url, dataDir: '/nonexistent' });
    return {
      store,
      async dispose() {
        await store.close();
        await db.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-store-'));
  const store = await openStore({ dataDir: dir });
  return {
    store,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
