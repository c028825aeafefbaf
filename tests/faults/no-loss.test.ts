/**
 * No loss under faults: a counted stream of messages on every channel (Meta webhook, web form,
 * PBX call posts, e-mail through a real Dovecot) while Redis is restarted empty, PostgreSQL is
 * stopped for 30 s, the worker is killed with SIGKILL in the middle of its jobs, and every channel
 * re-sends what it already delivered. Afterwards every acknowledged message is in the store
 * exactly once. Everything runs on private services, never the shared Redis and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mail } from '../fixtures/email/mime.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import {
  killNode,
  type Node,
  nodeReady,
  type PrivatePostgres,
  type PrivateRedis,
  spawnNode,
  startPrivatePostgres,
  startPrivateRedis,
  startTcpRelay,
  type TcpRelay,
} from './fault-kit.ts';

const CHANNELS = ['facebook', 'web_form', 'phone', 'email'] as const;
type Channel = (typeof CHANNELS)[number];
const PBX_TOKEN = 'faults-pbx-token-0123456789abcdef';
const METRICS_TOKEN = 'faults-metrics-token-0123456789abcdef';
const BOX = 'centar@faults.test';
const RUN = randomUUID().slice(0, 8);
/** Time between two new messages on each channel while the faults happen. */
const EVERY_MS = 800;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Tally {
  sent: number;
  acknowledged: Set<number>;
  attempts: number;
  refused: number;
  duplicatesSent: number;
}

describe('no loss under faults (private Redis, PostgreSQL, Dovecot; api and worker as processes)', () => {
  let redis: PrivateRedis;
  let postgres: PrivatePostgres;
  let dovecot: Dovecot;
  let imap: TcpRelay;
  let graph: GraphStandIn;
  let api: Node;
  const workers: Node[] = [];
  /** Like systemd's Restart=always: a worker that exits on its own (it started while PostgreSQL was down) starts again. */
  let supervising = true;
  let restarts = 0;
  const startWorker = (): Node => {
    const n = spawnNode({ ...env, ROLE: 'worker' });
    workers.push(n);
    void n.exited.then(() => {
      if (!supervising || n.child.signalCode === 'SIGKILL') return;
      restarts++;
      setTimeout(() => supervising && startWorker(), 1000);
    });
    return n;
  };
  let url: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    // One after the other, so that afterAll stops whatever did start when one of them fails.
    redis = await startPrivateRedis();
    postgres = await startPrivatePostgres();
    dovecot = await startDovecot();
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    dovecot.addUser(BOX);
    imap = await startTcpRelay(dovecot.port);
    env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `kt-faults-${RUN}`,
      DATA_DIR: `/tmp/kontakt-faults-${RUN}`,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: 'admin@faults.test',
      ADMIN_PASSWORD: 'faults admin password',
      REPORT_RATE_LIMIT: '100000',
      WEB_INBOX_DIR: '/nonexistent',
      // The sweep that re-enqueues what Redis lost, often enough for a test of a few minutes.
      RECOVERY_INTERVAL_SEC: '3',
      RECOVERY_GRACE_SEC: '5',
      CALLS_API_TOKEN: PBX_TOKEN,
      METRICS_TOKEN,
      IMAP_URL: `imap://${encodeURIComponent(BOX)}:${encodeURIComponent('lozinka-za-test')}@127.0.0.1:${imap.port}/INBOX`,
      EMAIL_RESYNC_SEC: '5',
      EMAIL_RECONNECT_MS: '200',
      EMAIL_LOCK_TTL_SEC: '3',
      ...P.metaEnv(graph.url),
    };
    api = spawnNode({ ...env, ROLE: 'api' });
    startWorker();
    url = await nodeReady(api, /"url":"(http:\/\/[^"]+)"/);
    await nodeReady(workers[0] as Node, /mailbox connected/);
  }, 180_000);

  afterAll(async () => {
    supervising = false;
    for (const n of [api, ...workers]) if (n) await killNode(n);
    // The nodes' logs, for a failure to be explained after the fact.
    const dir = path.join(import.meta.dirname, '../../test-artifacts/faults');
    fs.mkdirSync(dir, { recursive: true });
    if (api) fs.writeFileSync(path.join(dir, 'api.log'), api.out());
    for (const [i, w] of workers.entries()) fs.writeFileSync(path.join(dir, `worker-${i + 1}.log`), w.out());
    await imap?.close();
    await Promise.all([redis?.stop(), postgres?.destroy(), dovecot?.stop(), graph?.close()]);
  });

  it('every acknowledged message is stored exactly once; failing channels show in /healthz and recover', async () => {
    const tally = Object.fromEntries(
      CHANNELS.map((c) => [c, { sent: 0, acknowledged: new Set(), attempts: 0, refused: 0, duplicatesSent: 0 }]),
    ) as Record<Channel, Tally>;
    const marker = (c: Channel, i: number) => `FLT-${RUN}-${c}-${i}`;
    const t0 = Date.now() - 600_000;
    const timeout = () => AbortSignal.timeout(10_000);
    const formKeys = new Map<number, string>();
    // How long each sender waits for an answer (a browser waits minutes; Meta and a PBX give up sooner).
    const patience = (c: Channel) => AbortSignal.timeout(c === 'web_form' ? 120_000 : 30_000);

    /** One delivery attempt; true when the channel was told "accepted". */
    const deliver: Record<Channel, (i: number) => Promise<boolean>> = {
      facebook: async (i) => {
        const payload = P.webhook(
          'page',
          P.pageEntry(
            P.textMessage(`71000000${String(i % 40).padStart(4, '0')}`, `m_${RUN}_${i}`, marker('facebook', i)),
          ),
        );
        const body = JSON.stringify(payload);
        const res = await fetch(`${url}/webhooks/meta`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(body) },
          body,
          signal: patience('facebook'),
        });
        await res.arrayBuffer();
        return res.status === 200;
      },
      web_form: async (i) => {
        // One key per report, the same on every try: a browser re-posting the form it rendered.
        const key = formKeys.get(i) ?? randomUUID();
        formKeys.set(i, key);
        const res = await fetch(`${url}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ description: `Prijava ${marker('web_form', i)}` }),
          signal: patience('web_form'),
        });
        await res.arrayBuffer();
        return res.status === 202;
      },
      phone: async (i) => {
        // The same call, the same state, on every try: a PBX retrying a post it was not sure of.
        const started = new Date(t0 + i * 1000).toISOString();
        const res = await fetch(`${url}/api/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${PBX_TOKEN}` },
          body: JSON.stringify({
            callId: `flt-${RUN}-${i}`,
            line: '19833',
            from: `06412${String(i).padStart(5, '0')}`,
            to: '19833',
            direction: 'inbound',
            startedAt: started,
            answeredAt: started,
            endedAt: new Date(t0 + i * 1000 + 60_000).toISOString(),
            outcome: 'answered',
            transcript: marker('phone', i),
          }),
          signal: patience('phone'),
        });
        await res.arrayBuffer();
        return res.status === 202 || res.status === 200;
      },
      // The mail server's acceptance is the acknowledgement: from then on the mail is Kontakt's to keep.
      email: async (i) => {
        const raw = mail({
          from: `dete${i}@example.rs`,
          to: BOX,
          subject: `Poruka ${i}`,
          messageId: `<flt-${RUN}-${i}@example.rs>`,
          body: `Pomoć ${marker('email', i)}`,
        });
        await dovecot.append(BOX, raw);
        return true;
      },
    };

    /** Try until accepted (as Meta, a PBX, a browser and a mail server all do), with a pause between tries. */
    const sendUntilAccepted = async (c: Channel, i: number, counted: boolean) => {
      const deadline = Date.now() + 150_000;
      let tries = 0;
      while (Date.now() < deadline) {
        tally[c].attempts++;
        const ok = await deliver[c](i).catch(() => false);
        if (ok) {
          if (counted) tally[c].acknowledged.add(i);
          return;
        }
        tally[c].refused++;
        // Backing off as real senders do, so a returning service is not met by every retry at once.
        await sleep(Math.min(8000, 500 * 2 ** Math.min(tries++, 4)));
      }
    };

    const inFlight: Promise<void>[] = [];
    let streaming = true;
    const stream = (async () => {
      for (let i = 0; streaming; i++) {
        for (const c of CHANNELS) {
          tally[c].sent++;
          inFlight.push(
            sendUntilAccepted(c, i, true).then(async () => {
              // Every third message is delivered again later, as channels do when unsure (the web
              // form with the same submission key, as a browser re-posting after a lost answer).
              if (i % 3 === 0 && tally[c].acknowledged.has(i)) {
                await sleep(1500);
                tally[c].duplicatesSent++;
                await sendUntilAccepted(c, i, false);
              }
            }),
          );
        }
        await sleep(EVERY_MS);
      }
    })();

    let lastHealth: unknown = null;
    const health = async () => {
      const res = await fetch(`${url}/healthz`, { signal: timeout() }).catch((err: unknown) => String(err));
      if (typeof res === 'string') {
        lastHealth = res;
        return null;
      }
      // The public answer says only ok/degraded; which probe fails is read where a monitor reads it,
      // /metrics with its token (no session, so it answers while the database is down too).
      const metrics = await fetch(`${url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        signal: timeout(),
      }).catch((err: unknown) => String(err));
      const text = typeof metrics === 'string' ? '' : await metrics.text();
      const checks = Object.fromEntries(
        [...text.matchAll(/^kontakt_health_up\{probe="([^"]+)"\} (\d)$/gm)].map((m) => [m[1], { ok: m[2] === '1' }]),
      ) as Record<string, { ok: boolean }>;
      const h = { status: res.status, body: (await res.json()) as unknown, checks };
      lastHealth = h;
      return h;
    };
    const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline)
          throw new Error(
            `${what}: not within ${timeoutMs} ms; /healthz said ${JSON.stringify(lastHealth)}; api log: ${api.out().slice(-3000)}`,
          );
        await sleep(250);
      }
    };

    // Fault 1: Redis restarted, every key (queued jobs, locks) lost.
    await sleep(5000);
    await redis.restartEmpty();
    await sleep(6000);

    // Fault 2: the worker killed in the middle of its jobs (at a moment BullMQ lists some as
    // active, if one comes within 15 s); another one starts.
    const probe = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
    probe.on('error', () => {});
    await probe.connect();
    let activeAtKill = 0;
    for (const end = Date.now() + 15_000; activeAtKill === 0 && Date.now() < end; ) {
      activeAtKill = await probe.llen(`${env.REDIS_PREFIX}:inbound:active`);
      if (activeAtKill === 0) await sleep(10);
    }
    await killNode(workers[0] as Node);
    probe.disconnect();
    startWorker();
    await sleep(6000);

    // Fault 3: PostgreSQL stopped for 30 seconds; /healthz names it meanwhile.
    await postgres.stop();
    const stoppedAt = Date.now();
    await until('database unhealthy', async () => {
      const h = await health();
      return h?.status === 503 && h.checks.database?.ok === false;
    });
    // Outside, nothing is named.
    expect((await health())?.body).toEqual({ status: 'degraded' });
    await sleep(Math.max(0, 30_000 - (Date.now() - stoppedAt)));
    await postgres.start();
    await until('database healthy again', async () => (await health())?.checks.database?.ok === true, 120_000);
    await sleep(5000);
    streaming = false;
    await stream;
    await Promise.all(inFlight);

    // Fault 4: the mail server unreachable: unhealthy in /healthz, mail accepted meanwhile is fetched after.
    await until('e-mail healthy', async () => (await health())?.status === 200, 60_000);
    await imap.cut();
    await until('e-mail unhealthy', async () => {
      const h = await health();
      return h?.status === 503 && h.checks.email?.ok === false;
    });
    const late = tally.email.sent++;
    await sendUntilAccepted('email', late, true);
    await imap.restore();
    await until('e-mail back', async () => (await health())?.status === 200, 60_000);

    // Settle, then count what the store holds.
    const db = new pg.Client({ connectionString: postgres.url });
    db.on('error', () => {});
    await db.connect();
    try {
      const count = async () => {
        const { rows } = await db.query<{ channel: string; external_id: string | null; text: string }>(
          `select channel, external_id, text from messages where direction = 'inbound'`,
        );
        const stored = Object.fromEntries(CHANNELS.map((c) => [c, new Map<number, number>()])) as Record<
          Channel,
          Map<number, number>
        >;
        const bump = (c: Channel, i: number) => stored[c].set(i, (stored[c].get(i) ?? 0) + 1);
        const re = new RegExp(`FLT-${RUN}-(\\w+)-(\\d+)`);
        for (const r of rows) {
          if (r.channel === 'phone') {
            const m = new RegExp(`^flt-${RUN}-(\\d+)$`).exec(r.external_id ?? '');
            if (m) bump('phone', Number(m[1]));
            continue;
          }
          const m = re.exec(r.text);
          if (m && (CHANNELS as readonly string[]).includes(m[1] as string) && m[1] === r.channel)
            bump(r.channel as Channel, Number(m[2]));
        }
        return stored;
      };
      let stored = await count();
      const allIn = () => CHANNELS.every((c) => [...tally[c].acknowledged].every((i) => stored[c].has(i)));
      // A killed worker's active jobs come back after BullMQ's stalled-job check (30 s lock).
      const deadline = Date.now() + 120_000;
      while (!allIn() && Date.now() < deadline) {
        await sleep(1000);
        stored = await count();
      }
      const { rows: pending } = await db.query<{ status: string; n: string }>(
        `select status, count(*) as n from inbound_events group by status`,
      );
      const { rows: dead } = await db.query<{ reason: string }>(`select reason from dead_letters`);

      const table = CHANNELS.map((c) => {
        const acked = [...tally[c].acknowledged];
        return {
          channel: c,
          sent: tally[c].sent,
          acknowledged: acked.length,
          stored: [...stored[c].values()].reduce((a, b) => a + b, 0),
          duplicated: [...stored[c].values()].filter((n) => n > 1).length,
          lost: acked.filter((i) => !stored[c].has(i)).length,
          'refused tries': tally[c].refused,
          're-sent': tally[c].duplicatesSent,
        };
      });
      console.log(
        `\nno loss under faults (run ${RUN}; inbound jobs active when the worker was killed: ${activeAtKill}; workers restarted by the supervisor: ${restarts}):`,
      );
      console.table(table);
      console.log('inbound events by status:', Object.fromEntries(pending.map((r) => [r.status, Number(r.n)])));

      for (const row of table) {
        expect(row.acknowledged, `${row.channel}: everything sent was finally accepted`).toBe(row.sent);
        expect(row.lost, `${row.channel}: acknowledged but not stored`).toBe(0);
        expect(row.duplicated, `${row.channel}: stored more than once`).toBe(0);
        // Nothing is stored that was never acknowledged (a refused try that still left a row).
        expect(row.stored, row.channel).toBe(row.acknowledged);
        expect(row.sent).toBeGreaterThan(30);
      }
      expect(
        table.reduce((n, r) => n + r['refused tries'], 0),
        'the faults were felt',
      ).toBeGreaterThan(0);
      expect(pending.filter((r) => r.status !== 'applied')).toEqual([]);
      expect(dead.map((d) => d.reason)).toEqual([]);
      expect(api.child.exitCode, `api node exited: ${api.out().slice(-3000)}`).toBeNull();
      expect(workers.at(-1)?.child.exitCode, 'the last worker runs').toBeNull();
    } finally {
      await db.end();
    }
  }, 330_000);
});
