import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPort } from '../../src/domain/audit.ts';
import { type AuthUser, createAuthService, type UserStorePort } from '../../src/domain/auth.service.ts';
import { hashPassword } from '../../src/domain/password.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { loginLimiter } from '../../src/http/rate-limits.ts';
import { authRoutes } from '../../src/http/routes/auth.routes.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createLoginAttempts, throttlePolicyOf } from '../../src/pipeline/login-attempts.ts';
import { createRedis } from '../../src/pipeline/redis.ts';

/** Nothing listens on port 1: every command fails the way it does while Redis is down. */
const DEAD_REDIS = 'redis://127.0.0.1:1';

function memoryUsers(user: AuthUser, audit: AuditPort): UserStorePort {
  const sessions = new Map<string, string>();
  const store: UserStorePort = {
    atomically: (fn) =>
      fn(store, async (...entries) => {
        for (const e of entries) await audit.write(e);
      }),
    count: async () => 1,
    byEmail: async (email) => (email.toLowerCase() === user.email ? user : undefined),
    create: async () => user,
    touchLogin: async () => {},
    createSession: async (s) => void sessions.set(s.id, s.userId),
    sessionUser: async (id) => (sessions.get(id) === user.id ? user : undefined),
    deleteSession: async (id) => void sessions.delete(id),
    deleteSessionsOf: async () => 0,
  };
  return store;
}

describe('sign-in while Redis is down', { timeout: 60_000 }, () => {
  const redis = createRedis({ url: DEAD_REDIS }, 'dead');
  const log = createLogger('silent');
  const audited: string[] = [];
  let server: Server;
  let url = '';

  beforeAll(async () => {
    const user: AuthUser = {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'savetnica@test.kontakt',
      name: 'Savetnica',
      role: 'counselor',
      language: 'sr-Latn',
      active: true,
      passwordHash: await hashPassword('prava lozinka 123'),
    };
    const audit: AuditPort = { write: async (e) => void audited.push(e.action) };
    const policy = throttlePolicyOf({
      LOGIN_LOCKOUT_ATTEMPTS: 5,
      LOGIN_LOCKOUT_MINUTES: 15,
      LOGIN_ACCOUNT_MAX_FAILURES: 50,
      LOGIN_ACCOUNT_WINDOW_MINUTES: 60,
    });
    const auth = createAuthService(
      memoryUsers(user, audit),
      audit,
      1,
      createLoginAttempts(redis, { prefix: 'dead', policy, log }),
    );
    const app = createHttpApp({
      log,
      auth,
      trustProxy: true,
      publicRoutes: [],
      privateRoutes: [
        authRoutes(auth, { sessionTtlHours: 1, loginLimiter: loginLimiter(redis, { prefix: 'dead', limit: 7, log }) }),
      ],
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    url = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(async () => {
    redis.disconnect();
    await new Promise((r) => server?.close(r));
  });

  const signIn = (password: string, ip: string) =>
    fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email: 'savetnica@test.kontakt', password }),
    });

  it('answers the right password, refuses a wrong one, and still throttles in memory', async () => {
    expect((await signIn('prava lozinka 123', '198.51.100.1')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await signIn('pogresna', '203.0.113.9')).status).toBe(401);
    const throttled = await signIn('prava lozinka 123', '203.0.113.9');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(audited).toContain('auth.login_failed');
  });

  it('still limits failed sign-ins per address in memory', async () => {
    const other = (n: number) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
        body: JSON.stringify({ email: `nepoznat${n}@test.kontakt`, password: 'pogresna' }),
      });
    for (let i = 0; i < 7; i++) expect((await other(i)).status).toBe(401);
    const limited = await other(99);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
  });
});
