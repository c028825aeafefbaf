import { and, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { SenderIdentity } from '../../connectors/contract.ts';
import type { ClaimedCase, IngestTx, ThreadTarget } from '../domain/ingest.service.ts';
import { firstResponseDueAt } from '../domain/service-levels.ts';
import { previewOf } from '../domain/views.ts';
import { attachmentArrivalTx } from './attachment-checks.repository.ts';
import { writeAudit } from './audit.repository.ts';
import { appliedViewsFromRow, loadAppliedViews, loadMessage } from './case-views.ts';
import type { Db } from './db.ts';
import { type BatchPrefetch, identitiesParam, type KnownIdentity, prefetchedReads } from './ingest-prefetch.ts';
import {
  FIND_MESSAGE,
  INSERT_AND_TOUCH,
  KNOWN_IDENTITIES,
  MARK_APPLIED,
  OPEN_CASE_OF_CONTACT,
} from './ingest-statements.ts';
import { messageUpdateTx } from './message-update.repository.ts';
import { runStatement } from './raw-sql.ts';
import { allocateReference } from './reference-sequence.ts';
import { attachments, cases, contactIdentities, contacts, inboundEvents, messages, referrals } from './schema/index.ts';
import { raisedDue } from './service-levels.repository.ts';

/*
 * One message's reads and writes inside the ingest transaction: the store side of the domain's
 * IngestTx. The unit of work and the batch around it are in ingest.repository.ts.
 */

/** "Applied" marks a batch transaction writes in one statement just before its commit. */
export interface DeferredMarks {
  marks: { id: string; case_id: string | null; message_id: string | null; applied_at: string }[];
}

/** A case found by a claim, with whose it is (see ClaimedCase); `addressee` is added per query. */
const claimedColumns = {
  id: cases.id,
  status: cases.status,
  closedAt: cases.closedAt,
  contactId: cases.contactId,
  // Spelled out: drizzle leaves a one-table select's columns unqualified, and "id" would be m's.
  mergedContactIds: sql<string[]>`array(select m.contact_id::text from cases m
    where m.merged_into_id = "cases"."id" and m.contact_id is not null)`,
};

/** The case of a referral e-mail with one of these Message-IDs, and the address it went to. */
async function caseByReferralMessageIds(db: Db, externalIds: string[]): Promise<ClaimedCase | null> {
  const [viaReferral] = await db
    .select({ ...claimedColumns, addressee: sql<string | null>`lower(${referrals.emailTo})` })
    .from(referrals)
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .where(inArray(referrals.emailMessageId, externalIds))
    .limit(1);
  return viaReferral ?? null;
}

/** The id of the case `where` finds, or of the case it was merged into. */
const survivorOf = (where: SQL) =>
  sql`(select coalesce(${cases.mergedIntoId}, ${cases.id}) from ${cases} where ${where})`;

/** A JSON parameter: null stays SQL null (not the JSON value null). */
const jsonParam = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * `deferred`: inside a batch, the events' applied marks are collected and written once, before the
 * commit. `batchPrefetch`: the batch's answers read at its start, used by `prefetch` where still true.
 */
export function ingestTx(db: Db, deferred?: DeferredMarks, batchPrefetch?: BatchPrefetch): IngestTx {
  const pre = prefetchedReads(db, batchPrefetch);
  return {
    prefetch: pre.prefetch,

    async findMessage(channel, externalId) {
      const cached = pre.takeMessage(channel, externalId);
      if (cached) return cached.found;
      const [m] = await runStatement<{ id: string; caseId: string }>(db, FIND_MESSAGE, [channel, externalId]);
      return m ?? null;
    },

    async resolveContact(identities: SenderIdentity[], now) {
      if (identities.length === 0) return null;
      const param = identitiesParam(identities);
      const known = pre.takeKnown(param) ?? (await runStatement<KnownIdentity>(db, KNOWN_IDENTITIES, [param]));
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

    // A merged case's reference and id lead to the case it was merged into (one hop: merges repoint).
    async findCaseByReference(reference) {
      const [c] = await db
        .select({ ...claimedColumns, addressee: sql<string | null>`null` })
        .from(cases)
        .where(eq(cases.id, survivorOf(eq(cases.reference, reference))))
        .limit(1);
      return c ?? null;
    },

    async findCaseById(caseId) {
      const [c] = await db
        .select({ id: cases.id, status: cases.status, closedAt: cases.closedAt })
        .from(cases)
        .where(eq(cases.id, survivorOf(eq(cases.id, caseId))))
        .limit(1);
      return c ?? null;
    },

    async findOpenCaseOfContact(contactId, channel) {
      const cached = pre.takeOpenCase(contactId, channel);
      if (cached) return cached.found;
      const [c] = await runStatement<ThreadTarget>(db, OPEN_CASE_OF_CONTACT, [contactId, channel]);
      return c ?? null;
    },

    async findCaseByMessageExternalIds(externalIds) {
      const [c] = await db
        .select({ ...claimedColumns, addressee: sql<string | null>`null` })
        .from(messages)
        .innerJoin(cases, eq(cases.id, messages.caseId))
        .where(inArray(messages.externalId, externalIds))
        .orderBy(desc(messages.createdAt))
        .limit(1);
      if (c) return c;
      // An institution answering a referral e-mail: our Message-ID is kept on the referral, not as a message.
      return caseByReferralMessageIds(db, externalIds);
    },

    async findCaseBySentMessageIds(externalIds) {
      const [c] = await db
        .select({ ...claimedColumns, addressee: sql<string | null>`null` })
        .from(messages)
        .innerJoin(cases, eq(cases.id, messages.caseId))
        .where(and(inArray(messages.externalId, externalIds), eq(messages.direction, 'outbound')))
        .orderBy(desc(messages.createdAt))
        .limit(1);
      return c ?? caseByReferralMessageIds(db, externalIds);
    },

    findCaseByReferralMessageIds: (externalIds) => caseByReferralMessageIds(db, externalIds),

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

    async recordForeignReference(quotedCaseId, details, now) {
      await writeAudit(
        db,
        [{ actorId: null, action: 'case.foreign_reference', entityType: 'case', entityId: quotedCaseId, details }],
        now,
      );
    },

    async recordAutoUrgent(caseId, details, now) {
      await writeAudit(
        db,
        [{ actorId: null, action: 'case.auto_urgent', entityType: 'case', entityId: caseId, details }],
        now,
      );
    },

    async insertMessage(m) {
      const [row] = await runStatement<Record<string, unknown>>(db, INSERT_AND_TOUCH, [
        m.caseId,
        m.channel,
        m.externalId,
        m.text,
        m.html,
        m.subject,
        jsonParam(m.fields),
        jsonParam(m.flags),
        m.direction,
        m.occurredAt,
        m.receivedAt,
        previewOf(m.text),
        m.touch.now,
        m.touch.reopen,
      ]);
      if (!row) return null;
      const messageId = row.id as string;
      if (m.attachments.length === 0) return { messageId, views: appliedViewsFromRow(row) };
      await db.insert(attachments).values(
        m.attachments.map((a) => ({
          messageId,
          fileName: a.fileName,
          contentType: a.contentType,
          size: a.size,
          sha256: a.sha256,
          storageKey: a.storageKey ?? null,
          withheldReason: a.withheldReason ?? null,
          createdAt: m.receivedAt,
        })),
      );
      return { messageId, views: null };
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
      if (deferred)
        deferred.marks.push({ id: eventId, case_id: caseId, message_id: messageId, applied_at: now.toISOString() });
      else await runStatement(db, MARK_APPLIED, [eventId, now, caseId, messageId]);
    },

    ...messageUpdateTx(db),
    ...attachmentArrivalTx(db),
    messageView: (messageId) => loadMessage(db, messageId),
    appliedViews: (caseId, messageId, withFiles) => loadAppliedViews(db, caseId, messageId, withFiles),
  };
}
