import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { type Kontakt, startKontakt } from '../../src/kontakt.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { cases, deadLetters, inboundEvents, messages } from '../../src/store/schema/index.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { TEST_REDIS_URL } from '../helpers/services.ts';

const startRole = async (env: Record<string, string>, role: 'api' | 'worker'): Promise<Kontakt> => {
  const config = loadConfig({ ...env, ROLE: role });
  return startKontakt(config, createLogger(config.LOG_LEVEL), { ...env, ROLE: role });
};

describe('ingestion pipeline (PostgreSQL, Redis)', () => {
  let t: TestKontakt;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestKontakt('postgres');
    cookie = await t.login();
  });
  afterAll(async () => t?.cleanup());

  const caseByReference = (reference: string) =>
    t.k.store.db
      .select()
      .from(cases)
      .where(eq(cases.reference, reference))
      .then((r) => r[0]);

  it('a job that fails permanently lands in the dead-letter table with its payload, and can be replayed', async () => {
    const envelope = { channel: 'carrier_pigeon', externalId: 'coo-1', receivedAt: new Date().toISOString() };
    const [row] = await t.k.store.db
      .insert(inboundEvents)
      .values({ channel: 'carrier_pigeon', externalId: 'coo-1', envelope, status: 'received', receivedAt: new Date(0) })
      .returning();
    await t.k.recoverNow();
    const dl = await eventually(async () => {
      const res = await t.api('/api/admin/dead-letters', { cookie });
      const { items } = (await res.json()) as {
        items: {
          id: string;
          inboundEventId: string;
          reason: string;
          attempts: number;
          replayable: boolean;
        }[];
      };
      return items.find((i) => i.inboundEventId === row?.id);
    });
    // Listed without its payload; an admin opens that on purpose (audited), as a download.
    expect(dl).not.toHaveProperty('payload');
    const kept = await t.api(`/api/admin/dead-letters/${dl.id}/payload`, { cookie });
    expect(kept.headers.get('content-type')).toBe('application/octet-stream');
    expect(await kept.json()).toEqual(envelope);
    expect(dl.reason).toMatch(/invalid envelope at channel/);
    expect(dl.attempts).toBe(1); // permanent: no pointless retries
    expect(dl.replayable).toBe(true);
    const [ev] = await t.k.store.db
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.id, row?.id ?? ''));
    expect(ev?.status).toBe('dead');

    // An operator repairs the cause (here: the payload), then replays.
    await t.k.store.db
      .update(inboundEvents)
      .set({
        channel: 'web_form',
        envelope: {
          channel: 'web_form',
          externalId: 'coo-1',
          receivedAt: new Date().toISOString(),
          thread: { newCase: { kind: 'report', anonymous: true, consent: false, reference: 'KC-2026-990001' } },
          message: { text: 'replayed' },
        },
      })
      .where(eq(inboundEvents.id, row?.id ?? ''));
    const replay = await t.api(`/api/admin/dead-letters/${dl.id}/replay`, { method: 'POST', cookie, json: {} });
    expect(replay.status).toBe(202);
    const again = await t.api(`/api/admin/dead-letters/${dl.id}/replay`, { method: 'POST', cookie, json: {} });
    expect(again.status).toBe(409);
    const c = await eventually(() => caseByReference('KC-2026-990001'));
    expect(c.preview).toBe('replayed');
  });

  it('retries a failing job with backoff and dead-letters it after the last attempt', async () => {
    // A database that refuses this one message, as a broken disk or a bad migration would.
    await t.k.store.db.execute(sql`
      create or replace function refuse_poison() returns trigger language plpgsql as $$
      begin if new.text = 'POISON' then raise exception 'disk on fire'; end if; return new; end $$;`);
    await t.k.store.db.execute(
      sql`create trigger refuse_poison before insert on messages for each row execute function refuse_poison()`,
    );
    try {
      const res = await t.api('/api/reports', { method: 'POST', json: { description: 'POISON' } });
      const { reference } = (await res.json()) as { reference: string };
      const dl = await eventually(async () => {
        const rows = await t.k.store.db
          .select({ dl: deadLetters })
          .from(deadLetters)
          .innerJoin(inboundEvents, eq(inboundEvents.id, deadLetters.inboundEventId))
          .where(sql`${inboundEvents.envelope}->'thread'->'newCase'->>'reference' = ${reference}`);
        return rows[0]?.dl;
      });
      expect(dl.attempts).toBe(3);
      expect(dl.reason).toContain('disk on fire');
      expect(await caseByReference(reference)).toBeUndefined();
    } finally {
      await t.k.store.db.execute(sql`drop trigger refuse_poison on messages`);
    }
  });

  it('non-admins cannot see or replay dead letters', async () => {
    const res = await t.api('/api/admin/dead-letters');
    expect(res.status).toBe(401);
  });
});

describe('nothing accepted is lost when no worker runs or Redis loses its jobs', () => {
  let t: TestKontakt;
  beforeAll(async () => {
    // An api-only node: it accepts and records, nobody applies.
    t = await startTestKontakt('postgres', { ROLE: 'api' });
  });
  afterAll(async () => t?.cleanup());

  it('applies an event recorded while no worker ran once a worker starts, even after Redis lost the job', async () => {
    const posted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.api('/api/reports', {
        method: 'POST',
        json: { description: `offline ${i} ${randomUUID()}` },
      });
      expect(res.status).toBe(202);
      posted.push(((await res.json()) as { reference: string }).reference);
    }
    const pending = await t.k.store.db.select().from(inboundEvents).where(eq(inboundEvents.status, 'received'));
    expect(pending).toHaveLength(5);
    expect(await t.k.store.db.select().from(cases)).toHaveLength(0);

    // Redis restarted without persistence: every queued job of this installation is gone.
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${t.env.REDIS_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    redis.disconnect();

    const worker = await startRole(t.env, 'worker');
    try {
      const stored = await eventually(async () => {
        const rows = await t.k.store.db.select({ reference: cases.reference }).from(cases);
        return rows.length === 5 ? rows : undefined;
      });
      expect(stored.map((r) => r.reference).sort()).toEqual(posted.sort());
      const msgs = await t.k.store.db.select().from(messages);
      expect(msgs).toHaveLength(5);
    } finally {
      await worker.stop();
    }
  });
});
