import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { RetentionPort, RetentionWrites } from '../domain/retention.service.ts';
import { anonymiseCase, retentionCandidates } from './anonymise.repository.ts';
import { atomically } from './audit.repository.ts';
import type { Db } from './db.ts';
import { eraseDeadLetters, expiredDeadLetters } from './dead-letter.repository.ts';
import { attachments, caseAnonymisations, cases, messages, retentionRuns } from './schema/index.ts';

const heldExpr = sql<boolean>`exists (select 1 from legal_holds h where h.case_id = "cases"."id" and h.lifted_at is null)`;

/** What a run's end and an erasure write; `atomically` puts them on one transaction with their audit entry. */
function retentionWrites(db: Db): RetentionWrites {
  return {
    anonymise: (caseId, o) => anonymiseCase(db, caseId, o),

    async finishRun(id, r, now) {
      await db
        .update(retentionRuns)
        .set({ ...r, finishedAt: now })
        .where(eq(retentionRuns.id, id));
    },
  };
}

export function createRetentionRepository(db: Db): RetentionPort {
  return {
    ...retentionWrites(db),
    atomically: atomically(db, retentionWrites),

    candidates: (cutoff, limit, exclude) => retentionCandidates(db, cutoff, limit, exclude),

    async counts(cutoff) {
      const old = and(eq(cases.status, 'closed'), lt(cases.closedAt, cutoff), isNull(caseAnonymisations.caseId));
      const [c] = await db
        .select({
          eligible: sql<number>`count(*) filter (where not ${heldExpr})`,
          held: sql<number>`count(*) filter (where ${heldExpr})`,
        })
        .from(cases)
        .leftJoin(caseAnonymisations, eq(caseAnonymisations.caseId, cases.id))
        .where(old);
      const [m] = await db
        .select({
          messages: sql<number>`count(distinct ${messages.id})`,
          attachments: sql<number>`count(${attachments.id})`,
        })
        .from(cases)
        .leftJoin(caseAnonymisations, eq(caseAnonymisations.caseId, cases.id))
        .innerJoin(messages, eq(messages.caseId, cases.id))
        .leftJoin(attachments, eq(attachments.messageId, messages.id))
        .where(and(old, sql`not ${heldExpr}`));
      return {
        eligible: Number(c?.eligible ?? 0),
        held: Number(c?.held ?? 0),
        messages: Number(m?.messages ?? 0),
        attachments: Number(m?.attachments ?? 0),
      };
    },

    eraseExpiredDeadLetters: (cutoff) => db.transaction(async (t) => eraseDeadLetters(t, expiredDeadLetters(cutoff))),

    async startRun(trigger, cutoff, now) {
      const [r] = await db
        .insert(retentionRuns)
        .values({ trigger, status: 'running', cutoff, startedAt: now })
        .returning({ id: retentionRuns.id });
      if (!r) throw new Error('retention run insert returned nothing');
      return r.id;
    },

    async runs(limit) {
      const rows = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(limit);
      return rows.map((r) => ({
        ...r,
        cutoff: r.cutoff.toISOString(),
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      }));
    },

    async reporterCases(by) {
      let contactId: string | null = null;
      let ids: string[] = [];
      if ('caseId' in by) {
        const [c] = await db.select({ contactId: cases.contactId }).from(cases).where(eq(cases.id, by.caseId));
        if (!c) return [];
        contactId = c.contactId;
        ids = [by.caseId];
      } else contactId = by.contactId;
      const rows = await db
        .select({ id: cases.id, reference: cases.reference, held: heldExpr })
        .from(cases)
        .where(
          contactId
            ? ids.length
              ? sql`${cases.contactId} = ${contactId} or ${inArray(cases.id, ids)}`
              : eq(cases.contactId, contactId)
            : inArray(cases.id, ids),
        )
        .orderBy(cases.createdAt);
      return rows.map((r) => ({ ...r, held: Boolean(r.held) }));
    },
  };
}
