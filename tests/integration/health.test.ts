import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await eventually(async () => {
    const r = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    r.on('error', () => {});
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  });
  return child;
}

describe('/healthz follows its dependencies', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestKontakt;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    // A short grace: after the Redis restart BullMQ's close waits for the whole of it.
    t = await startTestKontakt('pglite', { REDIS_URL: `redis://127.0.0.1:${port}`, SHUTDOWN_GRACE_MS: '2000' });
  });
  afterAll(async () => {
    redis.kill('SIGKILL');
    await t?.cleanup();
  });

  it('answers 503 naming Redis while it is down, 200 again once it is back, and keeps taking reports and replies', async () => {
    const up = await fetch(`${t.url}/healthz`);
    expect([up.status, await up.json()]).toEqual([200, { status: 'ok' }]);
    const cookie = await t.login();
    const earlier = await t.api('/api/reports', { method: 'POST', json: { description: 'pre prekida' } });
    const earlierRef = ((await earlier.json()) as { reference: string }).reference;
    const earlierCase = await eventually(async () => {
      const list = (await (await t.api(`/api/cases?q=${earlierRef}`, { cookie })).json()) as {
        items: { id: string }[];
      };
      return list.items[0];
    });

    const stopped = new Promise((r) => redis.once('exit', r));
    redis.kill('SIGTERM');
    await stopped;
    const down = await eventually(async () => {
      const res = await fetch(`${t.url}/healthz`);
      return res.status === 503 ? ((await res.json()) as unknown) : undefined;
    });
    // The public answer says only that something is wrong; which, and why, is for admins.
    expect(down).toEqual({ status: 'degraded' });
    const detail = await t.api('/api/health', { cookie });
    expect(detail.status).toBe(503);
    const { checks } = (await detail.json()) as { checks: Record<string, { ok: boolean }> };
    expect(checks.redis?.ok).toBe(false);
    expect(checks.database?.ok).toBe(true);

    // The store is the record: a report is accepted while the queue is unreachable.
    const res = await fetch(`${t.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'dok Redis ne radi' }),
    });
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };
    // A counselor's reply is stored (pending) even though it cannot be queued now.
    const reply = await t.api(`/api/cases/${earlierCase.id}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'dok Redis ne radi' },
    });
    expect(reply.status).toBe(201);
    const replyId = ((await reply.json()) as { id: string }).id;

    redis = await startRedis(port);
    await eventually(async () => (await fetch(`${t.url}/healthz`)).status === 200, 20_000);
    // The fresh Redis has no job for that report; the recovery sweep applies it.
    await t.k.recoverNow();
    await eventually(async () => {
      const list = (await (await t.api(`/api/cases?q=${reference}`, { cookie })).json()) as { items: unknown[] };
      return list.items.length === 1;
    }, 20_000);
    // The reply's job was re-created by the sweep and ran (no channel reaches an anonymous reporter).
    await eventually(async () => {
      const d = (await (await t.api(`/api/cases/${earlierCase.id}`, { cookie })).json()) as {
        messages: { id: string; deliveryError: string | null }[];
      };
      return d.messages.find((m) => m.id === replyId)?.deliveryError === 'no_channel_for_contact';
    }, 20_000);
  });
});
