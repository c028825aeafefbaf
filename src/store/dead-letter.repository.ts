import { and, asc, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import type { KnownHashLookup } from '../domain/known-hashes.ts';
import { writeAudit } from './audit.repository.ts';
import { blobKey, putBlob } from './blob.repository.ts';
import type { Db } from './db.ts';
import { blobs, caseAnonymisations, cases, deadLetters, inboundEvents, referrals } from './schema/index.ts';

export interface DeadLetterInput {
  queue: string;
  jobName: string;
  jobId: string | null;
  inboundEventId: string | null;
  /** The job's payload (an envelope, a job's data), kept as JSON when no raw bytes are given. */
  payload?: unknown;
  /** The payload as it arrived (an unreadable mail's source), kept byte for byte. */
  raw?: { bytes: Buffer; contentType: string };
  /** sha256 of bytes the payload stands for but does not hold whole (a mail cut at the size limit). */
  alsoCheck?: string[];
  /** The case it belongs to, when the caller knows it (an outbound reply's case). */
  caseId?: string | null;
  reason: string;
  attempts: number;
  now: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;

/** The quarantined files an envelope names (attachments, raw mail, withheld mail's headers): checked like the payload. */
function fileKeysOf(payload: unknown): string[] {
  const message = (payload as { message?: { attachments?: unknown; fields?: unknown } } | null)?.message;
  const keys: unknown[] = [];
  if (Array.isArray(message?.attachments))
    for (const a of message.attachments as { storageKey?: unknown; sha256?: unknown }[])
      keys.push(a?.storageKey, a?.sha256);
  const fields = message?.fields as { rawSha256?: unknown; headersSha256?: unknown } | undefined;
  keys.push(fields?.rawSha256, fields?.headersSha256);
  return keys.filter((k): k is string => typeof k === 'string' && SHA256.test(k));
}

/** A blob goes only when nothing else points at it: a file, a raw mail, a dead letter or a pending event. */
export const blobUnreferenced = sql`not exists (select 1 from attachments a where coalesce(a.storage_key, a.sha256) = "blobs"."sha256")
  and not exists (select 1 from messages m where m.fields->>'rawSha256' = "blobs"."sha256" or m.fields->>'headersSha256' = "blobs"."sha256")
  and not exists (select 1 from dead_letters d where d.blob_key = "blobs"."sha256")
  and not exists (select 1 from inbound_events e where e.status = 'received' and strpos(e.envelope::text, "blobs"."sha256") > 0)`;

const ERASED_ENVELOPE = { anonymised: true };

/**
 * Delete the dead letters `where` selects, with their quarantined payloads (unless still used)
 * and, for an event that never became a message, its envelope and the files it named.
 * Inside the caller's transaction.
 */
export async function eraseDeadLetters(t: Db, where: SQL): Promise<number> {
  const rows = await t
    .select({ id: deadLetters.id, blobKey: deadLetters.blobKey, eventId: deadLetters.inboundEventId })
    .from(deadLetters)
    .where(where);
  if (rows.length === 0) return 0;
  const keys = new Set(rows.flatMap((r) => (r.blobKey ? [r.blobKey] : [])));
  const eventIds = rows.flatMap((r) => (r.eventId ? [r.eventId] : []));
  // An applied event belongs to its case and goes with it; one nobody applied goes with its dead letter.
  const orphans = eventIds.length
    ? await t
        .select({ id: inboundEvents.id, envelope: inboundEvents.envelope })
        .from(inboundEvents)
        .where(and(inArray(inboundEvents.id, eventIds), isNull(inboundEvents.messageId)))
    : [];
  for (const e of orphans) for (const k of fileKeysOf(e.envelope)) keys.add(k);
  await t.delete(deadLetters).where(
    inArray(
      deadLetters.id,
      rows.map((r) => r.id),
    ),
  );
  if (orphans.length)
    await t
      .update(inboundEvents)
      .set({ envelope: ERASED_ENVELOPE, lastError: null })
      .where(
        inArray(
          inboundEvents.id,
          orphans.map((e) => e.id),
        ),
      );
  if (keys.size) await t.delete(blobs).where(and(inArray(blobs.sha256, [...keys]), blobUnreferenced));
  return rows.length;
}

/** Dead letters of anonymised cases, and those of no case older than the cutoff. */
export const expiredDeadLetters = (cutoff: Date): SQL =>
  or(
    and(isNull(deadLetters.caseId), lt(deadLetters.createdAt, cutoff)),
    sql`exists (select 1 from ${caseAnonymisations} x where x.case_id = ${deadLetters.caseId})`,
  ) as SQL;

/** Known abuse material that never reached a case: on record, for the admins who will see it listed. */
const auditKnownHash = (t: Db, dl: { id: string; caseId: string | null; queue: string }, now: Date) =>
  writeAudit(
    t,
    [
      {
        actorId: null,
        action: 'dead_letter.known_hash',
        entityType: 'dead_letter',
        entityId: dl.id,
        details: { caseId: dl.caseId, queue: dl.queue, reason: 'known_hash' },
      },
    ],
    now,
  );

/**
 * Dead letters with no known-hash match yet, in id order after `after`, each with the hashes it
 * stands for: its quarantined payload and the files its inbound event's envelope names (the
 * payload an inbound dead letter keeps is that envelope).
 */
export async function unmatchedDeadLetters(db: Db, after: string | null, limit: number) {
  const rows = await db
    .select({ id: deadLetters.id, blobKey: deadLetters.blobKey, envelope: inboundEvents.envelope })
    .from(deadLetters)
    .leftJoin(inboundEvents, eq(inboundEvents.id, deadLetters.inboundEventId))
    .where(and(isNull(deadLetters.knownHashEntry), after === null ? undefined : gt(deadLetters.id, after)))
    .orderBy(asc(deadLetters.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, keys: [...(r.blobKey ? [r.blobKey] : []), ...fileKeysOf(r.envelope)] }));
}

/** A match found after arrival: recorded and audited in one transaction, once (false: it was before). */
export function flagDeadLetter(db: Db, id: string, listEntry: string, now: Date): Promise<boolean> {
  return db.transaction(async (t) => {
    const [row] = await t
      .update(deadLetters)
      .set({ knownHashEntry: listEntry })
      .where(and(eq(deadLetters.id, id), isNull(deadLetters.knownHashEntry)))
      .returning({ id: deadLetters.id, caseId: deadLetters.caseId, queue: deadLetters.queue });
    if (!row) return false;
    await auditKnownHash(t, row, now);
    return true;
  });
}

export function createDeadLetterRepository(db: Db, opts: { knownHashes?: KnownHashLookup } = {}) {
  /** The first known-hash list entry among these hashes, if any. */
  const knownEntry = async (hashes: string[]): Promise<string | null> => {
    if (!opts.knownHashes) return null;
    for (const h of new Set(hashes)) {
      const entry = await opts.knownHashes.lookup(h);
      if (entry !== undefined) return entry;
    }
    return null;
  };

  return {
    /**
     * Quarantine a failed job's payload (content-addressed, like an attachment), check it and the
     * files it names against the known-hash list, and record where it is and why it failed. An
     * inbound event it carried is marked dead too. One transaction.
     */
    async add(input: DeadLetterInput): Promise<string> {
      const bytes = input.raw?.bytes ?? Buffer.from(JSON.stringify(input.payload ?? null), 'utf8');
      const contentType = input.raw?.contentType ?? 'application/json';
      const key = blobKey(bytes);
      const match = await knownEntry([key, ...(input.alsoCheck ?? []), ...fileKeysOf(input.payload)]);
      return db.transaction(async (t) => {
        await putBlob(t, bytes, contentType, input.now);
        const caseId = await caseOf(t, input);
        const [row] = await t
          .insert(deadLetters)
          .values({
            queue: input.queue,
            jobName: input.jobName,
            jobId: input.jobId,
            inboundEventId: input.inboundEventId,
            caseId,
            blobKey: key,
            size: bytes.length,
            knownHashEntry: match,
            reason: input.reason,
            attempts: input.attempts,
            createdAt: input.now,
          })
          .returning({ id: deadLetters.id });
        if (!row) throw new Error('dead letter insert returned nothing');
        if (input.inboundEventId) {
          await t
            .update(inboundEvents)
            .set({ status: 'dead', lastError: input.reason, attempts: input.attempts })
            .where(and(eq(inboundEvents.id, input.inboundEventId), eq(inboundEvents.status, 'received')));
        }
        if (match !== null) await auditKnownHash(t, { id: row.id, caseId, queue: input.queue }, input.now);
        return row.id;
      });
    },

    /** What an admin sees in the list: no payload, only where it came from, why it failed and its size. */
    async list(o: { includeReplayed: boolean; limit: number }) {
      return db
        .select({
          id: deadLetters.id,
          queue: deadLetters.queue,
          jobName: deadLetters.jobName,
          jobId: deadLetters.jobId,
          inboundEventId: deadLetters.inboundEventId,
          caseId: deadLetters.caseId,
          caseReference: cases.reference,
          reason: deadLetters.reason,
          attempts: deadLetters.attempts,
          size: deadLetters.size,
          knownMatch: sql<boolean>`${deadLetters.knownHashEntry} is not null`,
          createdAt: deadLetters.createdAt,
          replayedAt: deadLetters.replayedAt,
        })
        .from(deadLetters)
        .leftJoin(cases, eq(cases.id, deadLetters.caseId))
        .where(o.includeReplayed ? undefined : isNull(deadLetters.replayedAt))
        .orderBy(desc(deadLetters.createdAt))
        .limit(o.limit);
    },

    async get(id: string) {
      const [row] = await db.select().from(deadLetters).where(eq(deadLetters.id, id));
      return row;
    },

    /** The quarantined payload's bytes; undefined when the dead letter (or its payload) is gone. */
    async payload(id: string): Promise<{ bytes: Buffer; contentType: string; caseId: string | null } | undefined> {
      const [row] = await db
        .select({ bytes: blobs.bytes, contentType: blobs.contentType, caseId: deadLetters.caseId })
        .from(deadLetters)
        .innerJoin(blobs, eq(blobs.sha256, deadLetters.blobKey))
        .where(eq(deadLetters.id, id));
      return row;
    },

    /**
     * Claim a dead letter for replay; false when someone else replayed it first. The inbound event
     * it carried is marked received again (the worker applies it anew) and `audit` is written,
     * all in one transaction: the queue job follows once it is committed.
     */
    async markReplayed(id: string, userId: string, now: Date, audit: AuditOf<void>): Promise<boolean> {
      return db.transaction(async (t) => {
        const [row] = await t
          .update(deadLetters)
          .set({ replayedAt: now, replayedBy: userId })
          .where(and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt)))
          .returning({ inboundEventId: deadLetters.inboundEventId });
        if (!row) return false;
        if (row.inboundEventId)
          await t
            .update(inboundEvents)
            .set({ status: 'received', lastError: null })
            .where(eq(inboundEvents.id, row.inboundEventId));
        await writeAudit(t, audit(), now);
        return true;
      });
    },
  };
}

export type DeadLetterRepository = ReturnType<typeof createDeadLetterRepository>;

/** The case named (or the referral's case) when it exists, else its inbound event's case, else none. */
async function caseOf(t: Db, input: DeadLetterInput): Promise<string | null> {
  const data = (input.payload ?? {}) as { caseId?: unknown; referralId?: unknown };
  const given = input.caseId ?? data.caseId;
  if (typeof given === 'string' && UUID.test(given)) {
    const [c] = await t.select({ id: cases.id }).from(cases).where(eq(cases.id, given));
    if (c) return c.id;
  }
  if (typeof data.referralId === 'string' && UUID.test(data.referralId)) {
    const [r] = await t.select({ caseId: referrals.caseId }).from(referrals).where(eq(referrals.id, data.referralId));
    if (r) return r.caseId;
  }
  if (!input.inboundEventId) return null;
  const [e] = await t
    .select({ caseId: inboundEvents.caseId })
    .from(inboundEvents)
    .where(eq(inboundEvents.id, input.inboundEventId));
  return e?.caseId ?? null;
}
