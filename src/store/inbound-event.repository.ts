import { and, asc, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { AnyEnvelope, InboundEnvelope } from '../../connectors/contract.ts';
import { putBlob } from './blob.repository.ts';
import type { Db } from './db.ts';
import { allocateReference, ensureReferenceSequences } from './ingest.repository.ts';
import { type DeadLetterRow, deadLetters, type InboundEventRow, inboundEvents } from './schema/index.ts';

export interface RecordedEvent {
  id: string;
  /** False when this (channel, external id) was recorded before: a redelivery. */
  created: boolean;
}

async function recordIn(db: Db, env: AnyEnvelope, now: Date): Promise<RecordedEvent> {
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

export function createInboundEventRepository(db: Db) {
  return {
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
        const env = build(reference);
        const [row] = await t
          .insert(inboundEvents)
          .values({
            channel: env.channel,
            externalId: env.externalId,
            envelope: env,
            status: 'received',
            receivedAt: now,
          })
          .returning({ id: inboundEvents.id });
        if (!row) throw new Error('inbound event insert returned nothing');
        return { id: row.id, reference };
      });
    },

    async get(id: string): Promise<InboundEventRow | undefined> {
      const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, id));
      return row;
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
