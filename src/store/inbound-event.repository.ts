import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AnyEnvelope, InboundEnvelope } from '../../connectors/contract.ts';
import { putBlob } from './blob.repository.ts';
import type { Db } from './db.ts';
import { allocateReference, ensureReferenceSequences } from './ingest.repository.ts';
import { type DeadLetterRow, deadLetters, type InboundEventRow, inboundEvents } from './schema/index.ts';
import { storable } from './storable-text.ts';

export interface RecordedEvent {
  id: string;
  /** False when this (channel, external id) was recorded before: a redelivery. */
  created: boolean;
}

async function recordIn(db: Db, received: AnyEnvelope, now: Date): Promise<RecordedEvent> {
  const env = storable(received);
  const [row] = await db
    .insert(inboundEvents)
    .values({ channel: env.channel, externalId: env.externalId, envelope: env, status: 'received', receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: inboundEvents.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await db
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.channel, env.channel), eq(inboundEvents.externalId, env.externalId)));
  if (!existing) throw new Error('inbound event neither inserted nor found');
  return { id: existing.id, created: false };
}

const keyOf = (e: { channel: string; externalId: string }) => `${e.channel}\u0000${e.externalId}`;

/**
 * Group commit: several envelopes in one multi-row insert. Within the batch the first of equal keys
 * is the one recorded and the rest are redeliveries, like a redelivery of a row stored before.
 * One statement, so either every row of the batch is durable or none is.
 */
async function recordManyIn(db: Db, received: AnyEnvelope[], now: Date): Promise<RecordedEvent[]> {
  const envs = received.map((e) => storable(e));
  if (envs.length === 0) return [];
  const first = new Map<string, number>();
  const unique: AnyEnvelope[] = [];
  envs.forEach((e, i) => {
    const k = keyOf(e);
    if (first.has(k)) return;
    first.set(k, i);
    unique.push(e);
  });
  // One key order for every flush: two flushes inserting the same keys never wait on each other in a cycle.
  unique.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const inserted = await db
    .insert(inboundEvents)
    .values(
      unique.map((env) => ({
        channel: env.channel,
        externalId: env.externalId,
        envelope: env,
        status: 'received' as const,
        receivedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: inboundEvents.id, channel: inboundEvents.channel, externalId: inboundEvents.externalId });
  const created = new Map(inserted.map((r) => [keyOf(r), r.id]));
  const known = new Map<string, string>();
  const missing = unique.filter((e) => !created.has(keyOf(e)));
  if (missing.length > 0) {
    const rows = await db
      .select({ id: inboundEvents.id, channel: inboundEvents.channel, externalId: inboundEvents.externalId })
      .from(inboundEvents)
      .where(
        sql`(${inboundEvents.channel}, ${inboundEvents.externalId}) in (${sql.join(
          missing.map((e) => sql`(${e.channel}, ${e.externalId})`),
          sql`, `,
        )})`,
      );
    for (const r of rows) known.set(keyOf(r), r.id);
  }
  return envs.map((e, i) => {
    const k = keyOf(e);
    const createdId = created.get(k);
    if (createdId) return { id: createdId, created: first.get(k) === i };
    const existing = known.get(k);
    if (!existing) throw new Error('inbound event neither inserted nor found');
    return { id: existing, created: false };
  });
}

export function createInboundEventRepository(db: Db) {
  return {
    /** Several envelopes recorded by one statement (group commit); one answer per envelope, in order. */
    recordMany: (envs: AnyEnvelope[], now: Date): Promise<RecordedEvent[]> => recordManyIn(db, envs, now),

    /** Durable record of an accepted envelope; a redelivery returns the existing row. */
    /**
     * Durable record of an accepted envelope; a redelivery returns the existing row. Quarantined
     * bytes the envelope refers to (attachments, a raw source) are written in the same
     * transaction: one commit, and never an event whose files are missing.
     */
    async record(
      env: AnyEnvelope,
      now: Date,
      files: { bytes: Buffer; contentType: string }[] = [],
    ): Promise<RecordedEvent> {
      if (files.length === 0) return recordIn(db, env, now);
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        for (const f of files) await putBlob(t, f.bytes, f.contentType, now);
        return recordIn(t, env, now);
      });
    },

    /**
     * Record an envelope that opens a new case whose reference the reporter is told at once:
     * the reference and the event are written in one transaction, so neither exists alone.
     */
    async recordWithReference(
      build: (reference: string) => InboundEnvelope,
      now: Date,
    ): Promise<{ id: string; reference: string }> {
      await ensureReferenceSequences(db, now);
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const reference = await allocateReference(t, now);
        const env = storable(build(reference));
        const [row] = await t
          .insert(inboundEvents)
          .values({
            channel: env.channel,
            externalId: env.externalId,
            envelope: env,
            status: 'received',
            receivedAt: now,
          })
          .onConflictDoNothing({ target: [inboundEvents.channel, inboundEvents.externalId] })
          .returning({ id: inboundEvents.id });
        if (row) return { id: row.id, reference };
        // The same submission again (a post repeated after a lost answer): the first one's reference.
        // The number just drawn is left unused; references may have gaps.
        const [first] = await t
          .select({ id: inboundEvents.id, envelope: inboundEvents.envelope })
          .from(inboundEvents)
          .where(and(eq(inboundEvents.channel, env.channel), eq(inboundEvents.externalId, env.externalId)));
        const firstRef = (first?.envelope as InboundEnvelope | undefined)?.thread.newCase.reference;
        if (!first || !firstRef) throw new Error('inbound event insert returned nothing');
        return { id: first.id, reference: firstRef };
      });
    },

    async get(id: string): Promise<InboundEventRow | undefined> {
      const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, id));
      return row;
    },

    /** Several events by id in one query (the batched worker); missing ids are simply absent. */
    async getMany(ids: string[]): Promise<InboundEventRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(inboundEvents).where(inArray(inboundEvents.id, ids));
    },

    /** Events still waiting to be applied, oldest first: what Redis may have lost. */
    async pending(
      olderThan: Date,
      limit: number,
      after?: { receivedAt: Date; id: string },
    ): Promise<Pick<InboundEventRow, 'id' | 'receivedAt'>[]> {
      return db
        .select({ id: inboundEvents.id, receivedAt: inboundEvents.receivedAt })
        .from(inboundEvents)
        .where(
          and(
            eq(inboundEvents.status, 'received'),
            lt(inboundEvents.receivedAt, olderThan),
            after &&
              or(
                gt(inboundEvents.receivedAt, after.receivedAt),
                and(eq(inboundEvents.receivedAt, after.receivedAt), gt(inboundEvents.id, after.id)),
              ),
          ),
        )
        .orderBy(asc(inboundEvents.receivedAt), asc(inboundEvents.id))
        .limit(limit);
    },

    async noteAttempt(id: string, attempts: number, error: string): Promise<void> {
      await db.update(inboundEvents).set({ attempts, lastError: error }).where(eq(inboundEvents.id, id));
    },

    async markReceived(id: string): Promise<void> {
      await db.update(inboundEvents).set({ status: 'received', lastError: null }).where(eq(inboundEvents.id, id));
    },
  };
}

export type InboundEventRepository = ReturnType<typeof createInboundEventRepository>;

export function createDeadLetterRepository(db: Db) {
  return {
    /** Store a failed job with its payload and reason; an inbound event it carried is marked dead too. */
    async add(input: {
      queue: string;
      jobName: string;
      jobId: string | null;
      inboundEventId: string | null;
      payload: unknown;
      reason: string;
      attempts: number;
      now: Date;
    }): Promise<string> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(deadLetters)
          .values({
            queue: input.queue,
            jobName: input.jobName,
            jobId: input.jobId,
            inboundEventId: input.inboundEventId,
            payload: input.payload as object,
            reason: input.reason,
            attempts: input.attempts,
            createdAt: input.now,
          })
          .returning({ id: deadLetters.id });
        if (input.inboundEventId) {
          await tx
            .update(inboundEvents)
            .set({ status: 'dead', lastError: input.reason, attempts: input.attempts })
            .where(and(eq(inboundEvents.id, input.inboundEventId), eq(inboundEvents.status, 'received')));
        }
        if (!row) throw new Error('dead letter insert returned nothing');
        return row.id;
      });
    },

    async list(opts: { includeReplayed: boolean; limit: number }): Promise<DeadLetterRow[]> {
      return db
        .select()
        .from(deadLetters)
        .where(opts.includeReplayed ? undefined : isNull(deadLetters.replayedAt))
        .orderBy(desc(deadLetters.createdAt))
        .limit(opts.limit);
    },

    async get(id: string): Promise<DeadLetterRow | undefined> {
      const [row] = await db.select().from(deadLetters).where(eq(deadLetters.id, id));
      return row;
    },

    /** Claim a dead letter for replay; false when someone else replayed it first. */
    async markReplayed(id: string, userId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(deadLetters)
        .set({ replayedAt: now, replayedBy: userId })
        .where(and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt)))
        .returning({ id: deadLetters.id });
      return rows.length === 1;
    },
  };
}

export type DeadLetterRepository = ReturnType<typeof createDeadLetterRepository>;
