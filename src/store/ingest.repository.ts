import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { SenderIdentity } from '../../connectors/contract.ts';
import type { IngestTx, IngestUnitOfWork } from '../domain/ingest.service.ts';
import { formatReference } from '../domain/reference.ts';
import { firstResponseDueAt } from '../domain/service-levels.ts';
import { previewOf } from '../domain/views.ts';
import { attachmentArrivalTx } from './attachment-checks.repository.ts';
import { createAuditRepository } from './audit.repository.ts';
import { loadCaseSummary, loadMessage } from './case-views.ts';
import type { Db } from './db.ts';
import { messageUpdateTx } from './message-update.repository.ts';
import { attachments, cases, contactIdentities, contacts, inboundEvents, messages, referrals } from './schema/index.ts';
import { raisedDue } from './service-levels.repository.ts';

/** Per database handle: tests and tools open several stores in one process. */
const ensuredYears = new WeakMap<object, Set<number>>();
const sequenceFor = (year: number) => `case_reference_${year}`;

/**
 * One sequence per year (KC-2026-000001 …). A sequence, unlike a counter row, takes no lock that
 * lives until commit, so concurrent ingests do not queue behind each other. Created outside any
 * transaction; creating it twice at once is harmless.
 */
export async function ensureReferenceSequences(db: Db, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  const done = ensuredYears.get(db) ?? new Set<number>();
  ensuredYears.set(db, done);
  for (const y of [year, year + 1]) {
    if (done.has(y)) continue;
    try {
      await db.execute(sql.raw(`create sequence if not exists ${sequenceFor(y)}`));
    } catch (err) {
      // Two nodes creating it at the same moment: the loser sees a duplicate; the sequence exists.
      const exists = (await db.execute(
        sql`select 1 from pg_class where relkind = 'S' and relname = ${sequenceFor(y)}`,
      )) as unknown as { rows: unknown[] };
      if (exists.rows.length === 0) throw err;
    }
    done.add(y);
  }
}

/** Next case reference for the year of `now`. */
export async function allocateReference(db: Db, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const result = (await db.execute(sql.raw(`select nextval('${sequenceFor(year)}') as value`))) as unknown as {
    rows: unknown[];
  };
  const value = Number((result.rows[0] as { value: string | number } | undefined)?.value);
  if (!Number.isFinite(value)) throw new Error('reference sequence returned nothing');
  return formatReference(year, value);
}

function ingestTx(db: Db): IngestTx {
  return {
    async findMessage(channel, externalId) {
      const [m] = await db
        .select({ id: messages.id, caseId: messages.caseId })
        .from(messages)
        .where(and(eq(messages.channel, channel), eq(messages.externalId, externalId)))
        .limit(1);
      return m ?? null;
    },

    async resolveContact(identities: SenderIdentity[], now) {
      if (identities.length === 0) return null;
      const known = await db
        .select({
          contactId: contactIdentities.contactId,
          kind: contactIdentities.kind,
          value: contactIdentities.value,
        })
        .from(contactIdentities)
        .where(
          sql`(${contactIdentities.kind}, ${contactIdentities.value}) in (${sql.join(
            identities.map((i) => sql`(${i.kind}, ${i.value})`),
            sql`, `,
          )})`,
        );
      let contactId = known[0]?.contactId;
      if (!contactId) {
        const name = identities.find((i) => i.displayName)?.displayName ?? null;
        const [c] = await db
          .insert(contacts)
          .values({ displayName: name, createdAt: now, updatedAt: now })
          .returning({ id: contacts.id });
        if (!c) throw new Error('contact insert returned nothing');
        contactId = c.id;
      }
      for (const i of identities) {
        if (known.some((k) => k.kind === i.kind && k.value === i.value)) continue;
        await db
          .insert(contactIdentities)
          .values({ contactId, kind: i.kind, value: i.value, displayName: i.displayName ?? null, createdAt: now })
          .onConflictDoNothing();
      }
      // A concurrent transaction may have created the same first identity; the stored row decides.
      const first = identities[0];
      if (first && known.length === 0) {
        const [winner] = await db
          .select({ contactId: contactIdentities.contactId })
          .from(contactIdentities)
          .where(and(eq(contactIdentities.kind, first.kind), eq(contactIdentities.value, first.value)));
        if (winner) contactId = winner.contactId;
      }
      return contactId;
    },

    async findCaseByReference(reference) {
      const [c] = await db
        .select({ id: cases.id, status: cases.status, closedAt: cases.closedAt })
        .from(cases)
        .where(eq(cases.reference, reference))
        .limit(1);
      return c ?? null;
    },

    async findCaseById(caseId) {
      const [c] = await db
        .select({ id: cases.id, status: cases.status, closedAt: cases.closedAt })
        .from(cases)
        .where(eq(cases.id, caseId))
        .limit(1);
      return c ?? null;
    },

    async findOpenCaseOfContact(contactId, channel) {
      const [c] = await db
        .select({ id: cases.id, status: cases.status, closedAt: cases.closedAt })
        .from(cases)
        .where(and(eq(cases.contactId, contactId), eq(cases.channel, channel), ne(cases.status, 'closed')))
        .orderBy(desc(cases.lastActivityAt))
        .limit(1);
      return c ?? null;
    },

    async findCaseByMessageExternalIds(externalIds) {
      const [c] = await db
        .select({ id: cases.id, status: cases.status, closedAt: cases.closedAt })
        .from(messages)
        .innerJoin(cases, eq(cases.id, messages.caseId))
        .where(inArray(messages.externalId, externalIds))
        .orderBy(desc(messages.createdAt))
        .limit(1);
      if (c) return c;
      // An institution answering a referral e-mail: our Message-ID is kept on the referral, not as a message.
      const [viaReferral] = await db
        .select({ id: cases.id, status: cases.status, closedAt: cases.closedAt })
        .from(referrals)
        .innerJoin(cases, eq(cases.id, referrals.caseId))
        .where(inArray(referrals.emailMessageId, externalIds))
        .limit(1);
      return viaReferral ?? null;
    },

    allocateReference: (now) => allocateReference(db, now),

    async createCase({ hints, reference, channel, contactId, subject, linkedCaseId, priority, now }) {
      const [c] = await db
        .insert(cases)
        .values({
          reference,
          kind: hints.kind,
          status: 'new',
          priority,
          category: hints.category ?? null,
          channel,
          contactId,
          anonymous: hints.anonymous,
          consent: hints.consent,
          receiptHash: hints.receiptHash ?? null,
          reporterRole: hints.reporterRole ?? null,
          ageGroup: hints.ageGroup ?? null,
          language: hints.language ?? null,
          subject,
          linkedCaseId,
          firstResponseDueAt: firstResponseDueAt(now, priority),
          createdAt: now,
          updatedAt: now,
          lastActivityAt: now,
        })
        .returning({ id: cases.id });
      if (!c) throw new Error('case insert returned nothing');
      return c.id;
    },

    async raiseToUrgent(caseId, now) {
      const rows = await db
        .update(cases)
        .set({ priority: 'urgent', updatedAt: now, firstResponseDueAt: raisedDue() })
        .where(and(eq(cases.id, caseId), ne(cases.priority, 'urgent')))
        .returning({ id: cases.id });
      return rows.length === 1;
    },

    async recordAutoUrgent(caseId, details, now) {
      await createAuditRepository(db).write(
        { actorId: null, action: 'case.auto_urgent', entityType: 'case', entityId: caseId, details },
        now,
      );
    },

    async insertMessage(m) {
      const [row] = await db
        .insert(messages)
        .values({
          caseId: m.caseId,
          channel: m.channel,
          externalId: m.externalId,
          text: m.text,
          html: m.html,
          subject: m.subject,
          fields: m.fields,
          flags: m.flags,
          direction: m.direction,
          createdAt: m.occurredAt,
          receivedAt: m.receivedAt,
        })
        .onConflictDoNothing()
        .returning({ id: messages.id });
      if (!row) return null;
      if (m.attachments.length > 0) {
        await db.insert(attachments).values(
          m.attachments.map((a) => ({
            messageId: row.id,
            fileName: a.fileName,
            contentType: a.contentType,
            size: a.size,
            sha256: a.sha256,
            storageKey: a.storageKey ?? null,
            withheldReason: a.withheldReason ?? null,
            createdAt: m.receivedAt,
          })),
        );
      }
      return row.id;
    },

    async touchCase(caseId, text, now, { reopen }) {
      await db
        .update(cases)
        .set({
          preview: previewOf(text),
          messageCount: sql`${cases.messageCount} + 1`,
          lastActivityAt: now,
          updatedAt: now,
          ...(reopen && {
            status: sql`case when ${cases.status} = 'closed' then 'open' else ${cases.status} end`,
            closedAt: sql`case when ${cases.status} = 'closed' then null else ${cases.closedAt} end`,
          }),
        })
        .where(eq(cases.id, caseId));
    },

    async claimEvent(eventId, now) {
      const rows = await db
        .update(inboundEvents)
        .set({ status: 'applied', appliedAt: now, lastError: null })
        .where(and(eq(inboundEvents.id, eventId), ne(inboundEvents.status, 'applied')))
        .returning({ id: inboundEvents.id });
      return rows.length === 1;
    },

    async markEventApplied(eventId, caseId, messageId, now) {
      await db
        .update(inboundEvents)
        .set({ status: 'applied', appliedAt: now, caseId, messageId, lastError: null })
        .where(eq(inboundEvents.id, eventId));
    },

    ...messageUpdateTx(db),
    ...attachmentArrivalTx(db),
    caseSummary: (caseId) => loadCaseSummary(db, caseId),
    messageView: (messageId) => loadMessage(db, messageId),
  };
}

export function createIngestUnitOfWork(db: Db): IngestUnitOfWork {
  return {
    run: async (fn) => {
      await ensureReferenceSequences(db);
      return db.transaction((tx) => fn(ingestTx(tx as unknown as Db)));
    },
  };
}

/** A batch run without savepoints hit an error: it was rolled back whole, to be run again with them. */
export class BatchAborted extends Error {
  constructor(readonly reason: unknown) {
    super('ingest batch rolled back; run it again with savepoints');
    this.name = 'BatchAborted';
  }
}

/**
 * Several envelopes in one transaction. With `savepoints`, each envelope's unit of work is a
 * savepoint: one that fails rolls back alone and the others still commit together. Without, the
 * batch saves those round trips, and the first error rolls back the whole batch and rejects with
 * BatchAborted (every later unit of work fails at once) so the caller can run it again with
 * savepoints. Nothing of the batch is visible (and no event may be published) until `batch` resolves.
 */
export interface BatchIngest {
  batch<T>(fn: (uow: IngestUnitOfWork) => Promise<T>, opts: { savepoints: boolean }): Promise<T>;
}

export function createBatchIngest(db: Db): BatchIngest {
  return {
    batch: async (fn, opts) => {
      await ensureReferenceSequences(db);
      return db.transaction(async (tx) => {
        if (opts.savepoints)
          return fn({ run: (apply) => tx.transaction((savepoint) => apply(ingestTx(savepoint as unknown as Db))) });
        let failed: { err: unknown } | null = null;
        const result = await fn({
          run: async (apply) => {
            if (failed) throw failed.err;
            try {
              return await apply(ingestTx(tx as unknown as Db));
            } catch (err) {
              failed = { err };
              throw err;
            }
          },
        });
        if (failed) throw new BatchAborted((failed as { err: unknown }).err);
        return result;
      });
    },
  };
}
