import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { KnownHashRecheckPort } from '../domain/known-hash-recheck.ts';
import { attachmentArrivalTx } from './attachment-checks.repository.ts';
import { writeAudit } from './audit.repository.ts';
import { loadCaseSummary, loadMessage } from './case-views.ts';
import type { Db } from './db.ts';
import { flagDeadLetter, unmatchedDeadLetters } from './dead-letter.repository.ts';
import { lockCase } from './legal-hold.repository.ts';
import { attachments, caseAnonymisations, cases, knownHashMatches, messages } from './schema/index.ts';
import { raisedDue } from './service-levels.repository.ts';

/** Stored files checked again against hashes added to the known-hash list. */
export function createKnownHashRecheckRepository(db: Db): KnownHashRecheckPort {
  return {
    async unmatched(hashes) {
      if (hashes.length === 0) return [];
      return db
        .select({
          attachmentId: attachments.id,
          caseId: messages.caseId,
          messageId: attachments.messageId,
          sha256: attachments.sha256,
        })
        .from(attachments)
        .innerJoin(messages, eq(messages.id, attachments.messageId))
        .leftJoin(knownHashMatches, eq(knownHashMatches.attachmentId, attachments.id))
        .leftJoin(caseAnonymisations, eq(caseAnonymisations.caseId, messages.caseId))
        .where(
          and(inArray(attachments.sha256, hashes), isNull(knownHashMatches.id), isNull(caseAnonymisations.caseId)),
        );
    },

    applyMatch(m, now) {
      return db.transaction(async (t) => {
        if (!(await lockCase(t, m.caseId))) return null;
        const [added] = await t
          .insert(knownHashMatches)
          .values({
            attachmentId: m.attachmentId,
            caseId: m.caseId,
            sha256: m.sha256,
            listEntry: m.listEntry,
            matchedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: knownHashMatches.id });
        if (!added) return null;
        const raisedRows = await t
          .update(cases)
          .set({ priority: 'urgent', updatedAt: now, firstResponseDueAt: raisedDue() })
          .where(and(eq(cases.id, m.caseId), ne(cases.priority, 'urgent')))
          .returning({ id: cases.id });
        const raised = raisedRows.length === 1;
        await writeAudit(
          t,
          [
            {
              actorId: null,
              action: 'case.auto_urgent',
              entityType: 'case',
              entityId: m.caseId,
              details: { rules: [m.rule], messageId: m.messageId, attachmentId: m.attachmentId, raised },
            },
          ],
          now,
        );
        const tags = await attachmentArrivalTx(t).addSystemTag(m.caseId, m.tag, now);
        return {
          raised,
          tags,
          summary: await loadCaseSummary(t, m.caseId),
          message: await loadMessage(t, m.messageId),
        };
      });
    },

    unmatchedDeadLetters: (after, limit) => unmatchedDeadLetters(db, after, limit),
    flagDeadLetter: (id, listEntry, now) => flagDeadLetter(db, id, listEntry, now),
  };
}
