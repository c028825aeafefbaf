import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { eq, inArray, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { DEFAULT_INGEST_OPTIONS } from '../../src/domain/ingest.service.ts';
import type { DomainEvent } from '../../src/domain/views.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createAccept } from '../../src/pipeline/accept.ts';
import { BatcherFullError } from '../../src/pipeline/batcher.ts';
import { readBusMessage } from '../../src/pipeline/event-bus.ts';
import { applyInboundBatch } from '../../src/pipeline/inbound.worker.ts';
import { createProducers, type Producers } from '../../src/pipeline/producers.ts';
import { loadAppliedViews } from '../../src/store/case-views.ts';
import type { Store } from '../../src/store/db.ts';
import { createDeadLetterRepository } from '../../src/store/dead-letter.repository.ts';
import { createInboundEventRepository } from '../../src/store/inbound-event.repository.ts';
import { createBatchIngest } from '../../src/store/ingest.repository.ts';
import { deadLetters, inboundEvents, messages } from '../../src/store/schema/index.ts';
import { eventually, startTestKontakt } from '../helpers/kontakt.ts';
import { openTestStore, TEST_REDIS_URL, uniquePrefix } from '../helpers/services.ts';

const log = createLogger('silent');

/** An anonymous web-form report; `poison` carries an attachment size no integer column holds. */
function report(externalId: string, opts: { poison?: boolean; text?: string } = {}): InboundEnvelope {
  return {
    channel: 'web_form',
    externalId,
    receivedAt: new Date().toISOString(),
    thread: { senderAsserted: false, newCase: { kind: 'report', anonymous: true, consent: false } },
    message: {
      text: opts.text ?? `Prijava ${externalId}: neko mi preti.`,
      ...(opts.poison && {
        attachments: [
          { fileName: 'x.bin', contentType: 'application/octet-stream', size: 3_000_000_000, sha256: 'ab' },
        ],
      }),
    },
  };
}

const waitingJobs = (p: Producers) => p.queues.inbound.getJobCounts('waiting').then((c) => c.waiting ?? 0);

describe.each(['postgres', 'pglite'] as const)('ingest batching (%s)', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let producers: Producers;
  const events = () => createInboundEventRepository(store.db);
  /** What applyInboundBatch needs, on this store, with the given publish (and more, if given). */
  const applyDeps = (
    publish: (evs: DomainEvent[]) => Promise<void>,
    more: Partial<Parameters<typeof applyInboundBatch>[1]> = {},
  ): Parameters<typeof applyInboundBatch>[1] => ({
    ingest: createBatchIngest(store.db),
    ingestOptions: DEFAULT_INGEST_OPTIONS,
    events: events(),
    deadLetters: createDeadLetterRepository(store.db),
    publisher: { publish },
    log,
    ...more,
  });

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(engine));
    producers = createProducers({
      redis: { url: TEST_REDIS_URL },
      prefix: uniquePrefix(),
      inboundAttempts: 3,
      inboundBackoffMs: 50,
    });
  }, 180_000);
  afterAll(async () => {
    await producers?.queues.inbound.obliterate({ force: true }).catch(() => {});
    await producers?.close();
    await dispose?.();
  }, 60_000);

  it('concurrent accepts share inserts; duplicates within and across batches are stored once, with the right flags', async () => {
    const repo = events();
    const flushes: number[] = [];
    const counted = {
      ...repo,
      recordMany: (envs: Parameters<typeof repo.recordMany>[0], now: Date) => {
        flushes.push(envs.length);
        return repo.recordMany(envs, now);
      },
    };
    const accept = createAccept(counted, producers, log, { maxBatch: 8, windowMs: 5, flushes: 1, maxPending: 1000 });
    const tag = randomUUID().slice(0, 8);
    const ids = Array.from({ length: 12 }, (_, i) => `${tag}-${i}`);
    // Wave 1: every id once, ids 0–3 twice in a row (Meta redelivering at once: same batch).
    const wave1 = ids.flatMap((id, i) => (i < 4 ? [id, id] : [id])).map((id) => ({ id, result: accept(report(id)) }));
    const first = await Promise.all(wave1.map(async (w) => ({ id: w.id, ...(await w.result) })));
    // Wave 2: ids 0–5 again, later: redeliveries of rows stored by earlier batches.
    const second = await Promise.all(ids.slice(0, 6).map(async (id) => ({ id, ...(await accept(report(id))) })));

    // Several callers per insert, never more than the batch size.
    expect(flushes.reduce((a, b) => a + b, 0)).toBe(wave1.length + 6);
    expect(flushes.length).toBeLessThan(wave1.length + 6);
    expect(Math.max(...flushes)).toBeGreaterThan(1);
    expect(Math.max(...flushes)).toBeLessThanOrEqual(8);

    for (const id of ids) {
      const answers = first.filter((a) => a.id === id);
      expect(answers.filter((a) => a.created)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.eventId)).size).toBe(1);
    }
    // Every redelivery of wave 2 answers with the event wave 1 stored, and creates nothing.
    const firstEvent = new Map(first.map((a) => [a.id, a.eventId]));
    expect(second.map((a) => [a.id, a.created, a.eventId])).toEqual(
      ids.slice(0, 6).map((id) => [id, false, firstEvent.get(id) ?? 'missing from wave 1']),
    );
    const rows = await store.db
      .select({ id: inboundEvents.id, externalId: inboundEvents.externalId })
      .from(inboundEvents)
      .where(inArray(inboundEvents.externalId, ids));
    expect(rows).toHaveLength(ids.length);
    // Jobs go to Redis after the answers.
    await accept.settled();
    // settled() waits for each hand-over up to ENQUEUE_WAIT_MS; on a loaded machine an addBulk can
    // land just after that (by design: the row is the promise), so wait for what must arrive.
    const groupedIds = (jobs: Job[]) =>
      jobs.flatMap((j) =>
        Array.isArray(j.data.events) ? (j.data.events as { eventId: string }[]).map((e) => e.eventId) : [],
      );
    // A new event travels in a group job, or in a job of its own (under ev-<id>) when its hand-over
    // had no company: a loaded machine can split the accept batches so. A redelivery of an event
    // (ids 0–5) is enqueued alone under ev-<id>, a no-op if that job is there already; when the
    // redelivery reaches the hand-over before its first arrival's group was flushed (a loaded
    // machine), the one flush takes the event once, in its group.
    const redelivered = new Set(rows.filter((r) => ids.slice(0, 6).includes(r.externalId)).map((r) => r.id));
    const stored = rows.map((r) => r.id).sort();
    const loneIds = (jobs: Job[]) =>
      jobs.filter((j) => typeof j.data.eventId === 'string').map((j) => j.data.eventId as string);
    const waiting = await eventually(async () => {
      const jobs = await producers.queues.inbound.getJobs(['waiting']);
      const lone = loneIds(jobs);
      const all = new Set([...groupedIds(jobs), ...lone]);
      return stored.every((id) => all.has(id)) ? jobs : null;
    });
    const inGroups = groupedIds(waiting);
    const lone = loneIds(waiting);
    expect(new Set(inGroups).size).toBe(inGroups.length);
    expect([...new Set([...inGroups, ...lone])].sort()).toEqual(stored);
    // Nothing more: a lone job is a redelivery's, or a new event's that is in no group.
    for (const id of lone) expect(redelivered.has(id) || !inGroups.includes(id)).toBe(true);
    expect(
      waiting
        .filter((j) => typeof j.data.eventId === 'string')
        .map((j) => j.id)
        .sort(),
    ).toEqual(lone.map((id) => `ev-${id}`).sort());
    expect(waiting.length).toBeLessThan(ids.length);
    await producers.queues.inbound.drain();
  });

  it('refuses at once past the pending bound instead of buffering', async () => {
    const accept = createAccept(events(), producers, log, { maxBatch: 10, windowMs: 20, flushes: 1, maxPending: 5 });
    const tag = randomUUID().slice(0, 8);
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => accept(report(`${tag}-${i}`))));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(4);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BatcherFullError);
    const stored = await store.db
      .select({ n: sql<number>`count(*)::int` })
      .from(inboundEvents)
      .where(sql`${inboundEvents.externalId} like ${`${tag}-%`}`);
    expect(stored[0]?.n).toBe(5);
    await accept.settled();
  });

  it('a database failure during a flush acknowledges nobody in that batch and stores none of it', async () => {
    await store.db.execute(
      sql.raw(`create or replace function refuse_boom() returns trigger language plpgsql as $$
        begin
          if new.external_id like '%-boom' then raise exception 'disk full (test)'; end if;
          return new;
        end $$`),
    );
    await store.db.execute(
      sql.raw('create trigger refuse_boom before insert on inbound_events for each row execute function refuse_boom()'),
    );
    const accept = createAccept(events(), producers, log, { maxBatch: 10, windowMs: 5, flushes: 1, maxPending: 100 });
    const tag = randomUUID().slice(0, 8);
    const good = [1, 2, 3, 4].map((i) => `${tag}-ok${i}`);
    const jobsBefore = await waitingJobs(producers);
    try {
      const results = await Promise.allSettled([...good, `${tag}-boom`].map((id) => accept(report(id))));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
      const stored = await store.db.select().from(inboundEvents).where(inArray(inboundEvents.externalId, good));
      expect(stored).toHaveLength(0);
      await accept.settled();
      expect(await waitingJobs(producers)).toBe(jobsBefore);
    } finally {
      await store.db.execute(sql.raw('drop trigger refuse_boom on inbound_events'));
    }
    // The channel delivers again: nothing was acknowledged, so each is new now.
    const again = await Promise.all(good.map((id) => accept(report(id))));
    expect(again.every((a) => a.created)).toBe(true);
  });

  it('applies a batch in one transaction; a poison envelope fails alone; events go out after commit', async () => {
    const tag = randomUUID().slice(0, 8);
    const envs = [
      report(`${tag}-a`),
      report(`${tag}-b`),
      report(`${tag}-poison`, { poison: true }),
      report(`${tag}-c`),
    ];
    const recorded = await events().recordMany(envs, new Date());
    const jobs = recorded.map((r) => ({ id: `ev-${r.id}`, name: 'apply', data: { eventId: r.id } }) as unknown as Job);
    jobs.push({ id: 'bad', name: 'apply', data: { eventId: 'not-a-uuid' } } as unknown as Job);
    const published: DomainEvent[][] = [];
    const visibleAtPublish: boolean[] = [];
    const outcomes = await applyInboundBatch(
      jobs,
      applyDeps(async (evs) => {
        published.push(evs);
        const ids = evs.flatMap((e) => (e.type === 'message:created' ? [e.message.id] : []));
        const rows = await store.db.select({ id: messages.id }).from(messages).where(inArray(messages.id, ids));
        visibleAtPublish.push(rows.length === ids.length);
      }),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true, false]);
    const poison = outcomes[2] as { ok: false; error: unknown };
    expect(String((poison.error as Error).cause ?? poison.error)).toMatch(/out of range/);
    expect(String((outcomes[4] as { ok: false; error: unknown }).error)).toMatch(/malformed job payload/);

    // One publish for the batch, after the commit: every message it names is already visible.
    expect(published).toHaveLength(1);
    expect(visibleAtPublish).toEqual([true]);
    expect(published[0]?.filter((e) => e.type === 'message:created')).toHaveLength(3);

    const stored = await store.db
      .select({ externalId: messages.externalId })
      .from(messages)
      .where(inArray(messages.externalId, [`${tag}-a`, `${tag}-b`, `${tag}-c`, `${tag}-poison`]));
    expect(stored.map((s) => s.externalId).sort()).toEqual([`${tag}-a`, `${tag}-b`, `${tag}-c`]);
    const [poisonEvent] = await store.db
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.externalId, `${tag}-poison`));
    expect(poisonEvent?.status).toBe('received');
    // The others' "applied" marks (written once, before the commit) survived the poison's savepoint.
    const marked = await store.db
      .select({ status: inboundEvents.status, messageId: inboundEvents.messageId })
      .from(inboundEvents)
      .where(inArray(inboundEvents.externalId, [`${tag}-a`, `${tag}-b`, `${tag}-c`]));
    expect(marked.map((m) => m.status)).toEqual(['applied', 'applied', 'applied']);
    expect(marked.every((m) => m.messageId !== null)).toBe(true);

    // The same jobs again (a retry after a lost acknowledgement): nothing is stored twice.
    const again = await applyInboundBatch(
      jobs.slice(0, 2),
      applyDeps(async () => {}),
    );
    expect(again.map((o) => (o.ok ? o.value.outcome : 'failed'))).toEqual(['duplicate', 'duplicate']);

    // A job run again after its worker died (stalled) may have committed without publishing: its
    // live events go out again. A retry after a failure (its run published what it committed)
    // that finds its event applied publishes nothing.
    const republished: DomainEvent[][] = [];
    const rerun = (job: Job, more: Record<string, number>) => ({ ...job, ...more }) as unknown as Job;
    const views = (caseId: string, messageId: string) => loadAppliedViews(store.db, caseId, messageId, true);
    await applyInboundBatch(
      [rerun(jobs[0] as Job, { stalledCounter: 1, attemptsMade: 0 })],
      applyDeps(async (evs) => void republished.push(evs), { appliedViews: views }),
    );
    await applyInboundBatch(
      [rerun(jobs[1] as Job, { stalledCounter: 0, attemptsMade: 1 })],
      applyDeps(async (evs) => void republished.push(evs), { appliedViews: views }),
    );
    expect(republished).toHaveLength(1);
    expect(republished[0]?.map((e) => e.type)).toEqual(['case:created', 'message:created']);
    const created = republished[0]?.[1] as Extract<DomainEvent, { type: 'message:created' }>;
    expect(created.message.externalId).toBe(`${tag}-a`);
  });

  it("reads a batch's messages at once (not under intake pressure); either way one contact and one case per sender", async () => {
    for (const atOnce of [true, false]) {
      const tag = randomUUID().slice(0, 8);
      const chat = (n: number, sender: string): InboundEnvelope => ({
        channel: 'facebook',
        externalId: `${tag}-${n}`,
        receivedAt: new Date().toISOString(),
        sender: { kind: 'facebook_psid', value: `${tag}-${sender}` },
        thread: {
          senderAsserted: false,
          newCase: { kind: 'conversation', anonymous: false, consent: true },
          joinOpenCase: true,
        },
        message: { text: `Poruka ${n}` },
      });
      const envs = [chat(1, 'a'), chat(2, 'b'), chat(3, 'a'), chat(4, 'b'), chat(5, 'a')];
      const recorded = await events().recordMany(envs, new Date());
      const jobs = recorded.map(
        (r) => ({ id: `ev-${r.id}`, name: 'apply', data: { eventId: r.id } }) as unknown as Job,
      );
      const ingest = createBatchIngest(store.db);
      const asked: unknown[] = [];
      const outcomes = await applyInboundBatch(
        jobs,
        applyDeps(async () => {}, {
          ingest: {
            batch: (fn, opts) => {
              asked.push(opts.prefetch);
              return ingest.batch(fn, opts);
            },
          },
          readsAtOnce: () => atOnce,
        }),
      );
      expect(asked).toEqual([
        atOnce
          ? envs.map((e) => ({ channel: 'facebook', externalId: e.externalId, identities: [e.sender] }))
          : undefined,
      ]);
      const value = (i: number) => (outcomes[i] as { ok: true; value: { caseId: string } }).value;
      expect(outcomes.every((o) => o.ok && o.value.outcome === 'applied')).toBe(true);
      expect(new Set([value(0).caseId, value(2).caseId, value(4).caseId]).size).toBe(1);
      expect(new Set([value(1).caseId, value(3).caseId]).size).toBe(1);
      expect(value(0).caseId).not.toBe(value(1).caseId);
      const contacts = await store.db.execute(
        sql`select count(distinct contact_id)::int as n from contact_identities where value like ${`${tag}-%`}`,
      );
      expect((contacts as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(2);
      const orphans = await store.db.execute(
        sql`select count(*)::int as n from contacts c where not exists (select 1 from contact_identities i where i.contact_id = c.id)`,
      );
      expect((orphans as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    }
  });

  it('a batch is one transaction: a failure at its commit fails every envelope in it and publishes nothing', async () => {
    // A deferred check runs at COMMIT, after every savepoint of the batch succeeded.
    await store.db.execute(
      sql.raw(`create or replace function refuse_at_commit() returns trigger language plpgsql as $$
        begin
          if new.text like '%refused at commit%' then raise exception 'commit refused (test)'; end if;
          return null;
        end $$`),
    );
    await store.db.execute(
      sql.raw(`create constraint trigger refuse_at_commit after insert on messages
        deferrable initially deferred for each row execute function refuse_at_commit()`),
    );
    const tag = randomUUID().slice(0, 8);
    const envs = [report(`${tag}-1`), report(`${tag}-2`, { text: 'refused at commit' }), report(`${tag}-3`)];
    const recorded = await events().recordMany(envs, new Date());
    const jobs = recorded.map((r) => ({ id: `ev-${r.id}`, name: 'apply', data: { eventId: r.id } }) as unknown as Job);
    const published: DomainEvent[][] = [];
    const deps = applyDeps(async (evs) => void published.push(evs));
    try {
      const outcomes = await applyInboundBatch(jobs, deps);
      expect(outcomes.map((o) => o.ok)).toEqual([false, false, false]);
      expect(published).toHaveLength(0);
      const stored = await store.db
        .select()
        .from(messages)
        .where(inArray(messages.externalId, [`${tag}-1`, `${tag}-2`, `${tag}-3`]));
      expect(stored).toHaveLength(0);
    } finally {
      await store.db.execute(sql.raw('drop trigger refuse_at_commit on messages'));
    }
    // Retried (as BullMQ would), the same jobs now apply.
    const retried = await applyInboundBatch(jobs, deps);
    expect(retried.map((o) => (o.ok ? o.value.outcome : 'failed'))).toEqual(['applied', 'applied', 'applied']);
    // A batch without failures is written by one transaction (no savepoints): one xmin for its rows.
    const rows = await store.db
      .select({ xmin: sql<string>`${messages}.xmin::text` })
      .from(messages)
      .where(inArray(messages.externalId, [`${tag}-1`, `${tag}-2`, `${tag}-3`]));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
  });
});

describe.each(['postgres', 'pglite'] as const)('batched worker end to end (%s)', (engine) => {
  it('the worker applies a backlog in batches; the poison one is retried alone and dead-lettered with its reason', async () => {
    const batchEnv = { INBOUND_BATCH_SIZE: '10', INBOUND_BATCH_WAIT_MS: '20', INBOUND_CONCURRENCY: '2' };
    let t = await startTestKontakt(engine, { ROLE: 'api', ...batchEnv });
    const sub = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    try {
      const producers = createProducers({
        redis: { url: TEST_REDIS_URL },
        prefix: t.env.REDIS_PREFIX as string,
        inboundAttempts: 3,
        inboundBackoffMs: 50,
      });
      const accept = createAccept(createInboundEventRepository(t.k.store.db), producers, log);
      const good = Array.from({ length: 15 }, (_, i) => `e2e-${i}`);
      const answers = await Promise.all([
        ...good.map((id) => accept(report(id))),
        accept(report('e2e-poison', { poison: true })),
        ...good.slice(0, 5).map((id) => accept(report(id))),
      ]);
      expect(answers.filter((a) => a.created)).toHaveLength(16);
      await accept.settled();
      await producers.close();

      const seen: DomainEvent[] = [];
      await sub.connect();
      sub.on('message', (_ch: string, payload: string) => seen.push(...(readBusMessage(payload)?.events ?? [])));
      await sub.subscribe(`${t.env.REDIS_PREFIX}:events`);

      t = await t.restart({ ROLE: 'all' });
      const dl = await eventually(async () => {
        const [row] = await t.k.store.db
          .select()
          .from(deadLetters)
          .where(eq(deadLetters.inboundEventId, answers[15]?.eventId ?? ''));
        return row;
      }, 120_000);
      expect(dl.reason).toMatch(/out of range/);
      expect(dl.attempts).toBe(3);
      const stored = await eventually(async () => {
        const rows = await t.k.store.db
          .select({ externalId: messages.externalId })
          .from(messages)
          .where(inArray(messages.externalId, [...good, 'e2e-poison']));
        return rows.length === good.length && rows;
      }, 120_000);
      expect(new Set(stored.map((r) => r.externalId))).toEqual(new Set(good));
      const statuses = await t.k.store.db
        .select({ externalId: inboundEvents.externalId, status: inboundEvents.status })
        .from(inboundEvents)
        .where(inArray(inboundEvents.externalId, [...good, 'e2e-poison']));
      // Every event has its row: the poison one dead, all others applied (none left out of the check).
      expect(Object.fromEntries(statuses.map((s) => [s.externalId, s.status]))).toEqual({
        ...Object.fromEntries(good.map((id) => [id, 'applied'])),
        'e2e-poison': 'dead',
      });
      await eventually(async () => seen.filter((e) => e.type === 'message:created').length === good.length, 60_000);
    } finally {
      sub.disconnect();
      await t.cleanup();
    }
  }, 300_000);
});
