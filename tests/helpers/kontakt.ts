import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../../src/config/config.ts';
import { hashPassword } from '../../src/domain/password.ts';
import type { Role } from '../../src/domain/taxonomy.ts';
import { type Kontakt, startKontakt } from '../../src/kontakt.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createUserRepository } from '../../src/store/user.repository.ts';
import { createTempDatabase, dropRedisPrefix, TEST_REDIS_URL, uniquePrefix } from './services.ts';

export type StoreKind = 'pglite' | 'postgres';

export interface TestKontakt {
  k: Kontakt;
  url: string;
  env: Record<string, string>;
  admin: { email: string; password: string };
  /** Sign in and return the session cookie header value. */
  login(email?: string, password?: string): Promise<string>;
  api(pathname: string, init?: RequestInit & { cookie?: string; json?: unknown }): Promise<Response>;
  socket(cookie: string): Promise<Socket>;
  /** Stop the server; keeps the data (database, data dir) for a restart. */
  stop(): Promise<void>;
  /** Start again on the same data and Redis prefix, with env overrides. */
  restart(overrides?: Record<string, string>): Promise<TestKontakt>;
  cleanup(): Promise<void>;
}

const ADMIN = { email: 'admin@test.kontakt', password: 'correct horse battery staple' };

/**
 * A whole Kontakt (api + worker) on a free loopback port, against the real Redis and a fresh
 * PostgreSQL database or a fresh PGlite directory.
 */
/**
 * A test server on a fresh store. `opts.channels` is written as the server's channels file (mailboxes,
 * Meta pages, phone lines) inside its data folder, which `cleanup()` removes.
 */
export async function startTestKontakt(
  store: StoreKind,
  overrides: Record<string, string> = {},
  opts: { channels?: object } = {},
): Promise<TestKontakt> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-test-'));
  const channelsFile = path.join(dataDir, 'channels.json');
  if (opts.channels) fs.writeFileSync(channelsFile, JSON.stringify(opts.channels));
  const db = store === 'postgres' ? await createTempDatabase() : undefined;
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: uniquePrefix(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    INBOUND_BACKOFF_MS: '50',
    INBOUND_ATTEMPTS: '3',
    WEB_INBOX_DIR: path.join(dataDir, 'no-inbox'),
    ...(db && { DATABASE_URL: db.url }),
    ...(opts.channels && { CHANNELS_FILE: channelsFile }),
    ...overrides,
  };
  const cleanupDb = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
    await dropRedisPrefix(env.REDIS_URL as string, env.REDIS_PREFIX);
  };
  return boot(env, cleanupDb);
}

async function boot(env: Record<string, string>, cleanupData: () => Promise<void>): Promise<TestKontakt> {
  const config = loadConfig(env);
  const k = await startKontakt(config, createLogger(config.LOG_LEVEL), env);
  if (!k.url) throw new Error('test server has no HTTP role');
  const url = k.url;
  const sockets: Socket[] = [];
  let stopped = false;

  const api: TestKontakt['api'] = (pathname, init = {}) => {
    const { cookie, json, headers, ...rest } = init;
    const h = new Headers(headers);
    if (cookie) h.set('cookie', cookie);
    if (json !== undefined) h.set('content-type', 'application/json');
    return fetch(`${url}${pathname}`, {
      ...rest,
      headers: h,
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });
  };

  const t: TestKontakt = {
    k,
    url,
    env,
    admin: ADMIN,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const res = await api('/api/auth/login', { method: 'POST', json: { email, password } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.get('set-cookie');
      if (!cookie) throw new Error('no session cookie');
      return cookie.split(';')[0] as string;
    },
    api,
    socket(cookie) {
      return new Promise((resolve, reject) => {
        const s = io(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
        sockets.push(s);
        s.once('hello', () => resolve(s));
        s.once('connect_error', (err) => reject(err));
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const s of sockets) s.disconnect();
      await k.stop();
    },
    async restart(more = {}) {
      await t.stop();
      return boot({ ...env, ...more }, cleanupData);
    },
    async cleanup() {
      await t.stop();
      await cleanupData();
    },
  };
  return t;
}

/** Resolve with the first event of this name that satisfies the predicate. */
export function nextEvent<T>(
  socket: Socket,
  name: string,
  pred: (e: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, handler);
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (e: T) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      socket.off(name, handler);
      resolve(e);
    };
    socket.on(name, handler);
  });
}

/** Poll until the check passes; for state that has no event (a row written by a worker). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The password tests give the users they create: derived from the address, 12 characters or more. */
export const testPassword = (email: string) => `${email.split('@')[0]} lozinka 12345`;

/** An admin creates an active user whose password is testPassword(email); returns the user's id. */
export async function addUser(t: TestKontakt, adminCookie: string, email: string, role = 'counselor'): Promise<string> {
  const res = await t.api('/api/users', {
    method: 'POST',
    cookie: adminCookie,
    json: { email, name: email.split('@')[0], role, password: testPassword(email) },
  });
  if (res.status !== 201) throw new Error(`creating ${email} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { user: { id: string } }).user.id;
}

/** addUser(), then that user signs in: their id and session cookie. */
export async function addSignedInUser(
  t: TestKontakt,
  adminCookie: string,
  email: string,
  role = 'counselor',
): Promise<{ id: string; cookie: string }> {
  const id = await addUser(t, adminCookie, email, role);
  return { id, cookie: await t.login(email, testPassword(email)) };
}

/**
 * A user written straight into the store, as a seed (no admin session, no audit entry), with the
 * password given or testPassword(email); returns the user's id.
 */
export async function seedUser(
  t: TestKontakt,
  email: string,
  role: Role = 'counselor',
  password = testPassword(email),
  name = email.split('@')[0] ?? email,
): Promise<string> {
  const user = await createUserRepository(t.k.store.db).create({
    email,
    name,
    role,
    passwordHash: await hashPassword(password),
    now: new Date(),
  });
  return user.id;
}
