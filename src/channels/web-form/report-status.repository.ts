import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ReportStatusPort } from '../../domain/report-status.ts';
import type { Db } from '../../store/db.ts';
import { latestOutcome } from '../../store/outcome.repository.ts';
import { cases, messages } from '../../store/schema/index.ts';

export function createReportStatusRepository(db: Db): ReportStatusPort {
  return {
    async findByReceipt(reference, receiptHash) {
      const [own] = await db
        .select({
          id: cases.id,
          reference: cases.reference,
          status: cases.status,
          createdAt: cases.createdAt,
          lastActivityAt: cases.lastActivityAt,
          mergedIntoId: cases.mergedIntoId,
        })
        .from(cases)
        .where(and(eq(cases.reference, reference), eq(cases.receiptHash, receiptHash)))
        .limit(1);
      if (!own) return null;
      // A report merged into another case: the reporter's own number and date, that case's progress.
      const [into] = own.mergedIntoId
        ? await db
            .select({ id: cases.id, status: cases.status, lastActivityAt: cases.lastActivityAt })
            .from(cases)
            .where(eq(cases.id, own.mergedIntoId))
        : [];
      const c = { reference: own.reference, createdAt: own.createdAt, ...(into ?? own) };
      // Only what was written to the reporter: outbound messages, never notes or what others sent.
      // Outcome messages are shown once, as the outcome.
      const out = await db
        .select({ text: messages.text, createdAt: messages.createdAt })
        .from(messages)
        .where(
          and(
            eq(messages.caseId, c.id),
            eq(messages.direction, 'outbound'),
            isNull(messages.unsentAt),
            sql`(${messages.fields} ->> 'outcome') is null`,
          ),
        )
        .orderBy(asc(messages.createdAt));
      return {
        id: c.id,
        reference: c.reference,
        status: c.status,
        createdAt: c.createdAt,
        lastActivityAt: c.lastActivityAt,
        messages: out,
        outcome: await latestOutcome(db, c.id),
      };
    },
  };
}
