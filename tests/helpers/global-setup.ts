import { Redis } from 'ioredis';
import pg from 'pg';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './services.ts';

/** Fail in one clear line when a service the tests need is not running. */
export default async function setup() {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL} (${String(err)}); start it or set TEST_REDIS_URL`);
  } finally {
    redis.disconnect();
  }
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  try {
    await c.connect();
    await c.query('select 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL} (${String(err)}); start it or set TEST_DATABASE_URL`,
    );
  } finally {
    await c.end().catch(() => {});
  }
}
