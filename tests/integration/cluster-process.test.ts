import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../src/inbox/contract.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { cases } from '../../src/store/schema/index.ts';
import { eventually } from '../helpers/kontakt.ts';
import { createTempDatabase, dropRedisPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/services.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'admin@cluster.test', password: 'cluster admin password' };

interface Node {
  child: ChildProcess;
  out: () => string;
  url?: string;
  exited: Promise<number | null>;
}

function spawnNode(env: Record<string, string>): Node {
  // node itself, not the tsx wrapper: a signal must reach the server, not a parent that leaves it running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function ready(n: Node, marker: RegExp): Promise<string> {
  return eventually(async () => {
    if (n.child.exitCode !== null) throw new Error(`node exited: ${n.out()}`);
    return marker.exec(n.out())?.[1] ?? (marker.test(n.out()) ? 'ok' : undefined);
  }, 45_000);
}

describe('several nodes on one Redis and one PostgreSQL, as separate processes', () => {
  let db: { url: string; drop(): Promise<void> };
  let store: Store;
  const nodes: Node[] = [];
  let env: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTempDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-cluster-'));
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: uniquePrefix(),
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      REPORT_RATE_LIMIT: '10000',
      INBOUND_BACKOFF_MS: '100',
      // The killed worker's jobs are taken back within two locks (5 s each) instead of a minute.
      JOB_LOCK_SEC: '5',
      WEB_INBOX_DIR: path.join(dataDir, 'none'),
    };
    store = await openStore({ databaseUrl: db.url, dataDir });
  });
  afterAll(async () => {
    for (const n of nodes) if (n.child.exitCode === null) n.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    await store?.close();
    await db?.drop();
    await dropRedisPrefix(TEST_REDIS_URL, env?.REDIS_PREFIX);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a report posted to api node 1 reaches a counselor socket on api node 2; a killed worker loses nothing', async () => {
    // Two api nodes and one worker start together: migrations run once, under the advisory lock.
    const api1 = spawnNode({ ...env, ROLE: 'api' });
    const api2 = spawnNode({ ...env, ROLE: 'api' });
    const worker1 = spawnNode({ ...env, ROLE: 'worker' });
    nodes.push(api1, api2, worker1);
    const url = /"url":"(http:\/\/[^"]+)"/;
    const [url1, url2] = [await ready(api1, url), await ready(api2, url)];
    await ready(worker1, /"role":"worker"|case store ready/);

    const login = await fetch(`${url2}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const socket: Socket = io(url2, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('hello', () => resolve());
      socket.once('connect_error', reject);
    });
    const seen = new Set<string>();
    const ids = new Map<string, string>();
    socket.on('case:created', (e: { case: CaseSummary }) => {
      seen.add(e.case.reference);
      ids.set(e.case.reference, e.case.id);
    });

    const post = async (i: number) => {
      const res = await fetch(`${url1}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description: `klaster ${i}` }),
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { reference: string }).reference;
    };
    const first = await post(0);
    await eventually(async () => seen.has(first));

    // Presence crosses nodes through the Socket.IO Redis adapter: a counselor opening the case on
    // node 1 shows as viewing to the counselor on node 2.
    const login1 = await fetch(`${url1}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie1 = (login1.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const viewer: Socket = io(url1, {
      extraHeaders: { cookie: cookie1 },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      viewer.once('hello', () => resolve());
      viewer.once('connect_error', reject);
    });
    const caseId = ids.get(first) as string;
    const presence = new Promise<{ caseId: string; viewers: unknown[] }>((resolve) => {
      socket.on('presence:update', (p: { caseId: string; viewers: unknown[] }) => {
        if (p.caseId === caseId && p.viewers.length > 0) resolve(p);
      });
    });
    viewer.emit('case:watch', { caseId });
    expect((await presence).viewers.length).toBe(1);
    viewer.disconnect();

    // A stream of reports; the worker is killed in the middle of it.
    const refs: string[] = [];
    for (let i = 1; i <= 60; i++) {
      refs.push(await post(i));
      if (i === 20) worker1.child.kill('SIGKILL');
    }
    expect(await worker1.exited).not.toBe(0);
    const worker2 = spawnNode({ ...env, ROLE: 'worker' });
    nodes.push(worker2);
    await eventually(async () => {
      const [row] = await store.db.select({ n: count() }).from(cases);
      return row?.n === 61;
      // The killed worker's active jobs return when their locks expire (JOB_LOCK_SEC) and a
      // stalled-job check runs (as often): seconds, plus a cold start, on a machine running other
      // suites; the limit is generous for a loaded CI machine.
    }, 150_000).catch(async (err) => {
      const [row] = await store.db.select({ n: count() }).from(cases);
      const events = await store.db.execute(
        sql`select status, attempts, last_error, count(*)::int as n from inbound_events group by 1, 2, 3`,
      );
      console.error('CASES', row?.n, JSON.stringify((events as unknown as { rows: unknown[] }).rows));
      console.error('WORKER2', worker2.out().slice(-3000));
      throw err;
    });
    await eventually(async () => refs.every((r) => seen.has(r)), 20_000).catch((err) => {
      console.error(
        'MISSING',
        refs.filter((r) => !seen.has(r)),
      );
      throw err;
    });
    socket.disconnect();
    // Four cold process starts, and a killed worker's active jobs waiting for the stalled-job check.
  }, 300_000);
});
