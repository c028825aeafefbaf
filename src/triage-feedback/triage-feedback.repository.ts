import { and, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import { writeAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { cases, triageFeedback, users } from '../store/schema/index.ts';
import type { FeedbackListFilter, TriageFeedbackPort } from './triage-feedback.service.ts';
import { TRIAGE_MARKS, type TriageMark } from './triage-feedback.ts';

const period = (f: Pick<FeedbackListFilter, 'from' | 'to'>): SQL[] => [
  ...(f.from ? [gte(triageFeedback.markedAt, f.from)] : []),
  ...(f.to ? [lt(triageFeedback.markedAt, f.to)] : []),
];

/** The marks, each with its case locked while it changes (so two marks on one case queue up). */
export function createTriageFeedbackRepository(db: Db): TriageFeedbackPort {
  const lockCase = async (t: Db, caseId: string) =>
    (
      await t.select({ id: cases.id, priority: cases.priority }).from(cases).where(eq(cases.id, caseId)).for('update')
    )[0];
  const mineOn = async (t: Db, caseId: string, userId: string) =>
    (
      await t
        .select({ id: triageFeedback.id, mark: triageFeedback.mark })
        .from(triageFeedback)
        .where(and(eq(triageFeedback.caseId, caseId), eq(triageFeedback.markedBy, userId)))
    )[0];

  return {
    mark(caseId, userId, mark, now, audit) {
      return db.transaction(async (t) => {
        const c = await lockCase(t, caseId);
        if (!c) return null;
        const before = await mineOn(t, caseId, userId);
        const previous = before?.mark ?? null;
        if (!before)
          await t
            .insert(triageFeedback)
            .values({ caseId, mark, markedBy: userId, markedAt: now, priorityAtMark: c.priority });
        else if (previous !== mark)
          await t
            .update(triageFeedback)
            .set({ mark, markedAt: now, priorityAtMark: c.priority })
            .where(eq(triageFeedback.id, before.id));
        await writeAudit(t, audit({ previous }), now);
        return { previous };
      });
    },

    withdraw(caseId, userId, now, audit: AuditOf<TriageMark>) {
      return db.transaction(async (t) => {
        if (!(await lockCase(t, caseId))) return 'no_case' as const;
        const before = await mineOn(t, caseId, userId);
        if (!before) return 'no_mark' as const;
        await t.delete(triageFeedback).where(eq(triageFeedback.id, before.id));
        await writeAudit(t, audit(before.mark), now);
        return before.mark;
      });
    },

    async forCase(caseId) {
      const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
      if (!c) return null;
      const rows = await db
        .select({
          mark: triageFeedback.mark,
          byId: triageFeedback.markedBy,
          byName: users.name,
          at: triageFeedback.markedAt,
        })
        .from(triageFeedback)
        .leftJoin(users, eq(users.id, triageFeedback.markedBy))
        .where(eq(triageFeedback.caseId, caseId))
        .orderBy(desc(triageFeedback.markedAt));
      return rows.map((r) => ({ mark: r.mark, by: { id: r.byId, name: r.byName }, at: r.at.toISOString() }));
    },

    async list(f) {
      const after = f.after
        ? or(
            lt(triageFeedback.markedAt, f.after.at),
            and(eq(triageFeedback.markedAt, f.after.at), lt(triageFeedback.id, f.after.id)),
          )
        : undefined;
      const rows = await db
        .select({
          id: triageFeedback.id,
          caseId: triageFeedback.caseId,
          reference: cases.reference,
          priority: cases.priority,
          priorityAtMark: triageFeedback.priorityAtMark,
          mark: triageFeedback.mark,
          byId: triageFeedback.markedBy,
          byName: users.name,
          at: triageFeedback.markedAt,
        })
        .from(triageFeedback)
        .innerJoin(cases, eq(cases.id, triageFeedback.caseId))
        .leftJoin(users, eq(users.id, triageFeedback.markedBy))
        .where(and(...period(f), ...(f.mark ? [eq(triageFeedback.mark, f.mark)] : []), after))
        .orderBy(desc(triageFeedback.markedAt), desc(triageFeedback.id))
        .limit(f.limit + 1);
      const items = rows.slice(0, f.limit).map(({ byId, byName, at, ...r }) => ({
        ...r,
        by: { id: byId, name: byName },
        at: at.toISOString(),
      }));
      return { items, more: rows.length > f.limit };
    },

    async counts(f) {
      const rows = await db
        .select({ mark: triageFeedback.mark, n: count() })
        .from(triageFeedback)
        .where(and(...period(f)))
        .groupBy(triageFeedback.mark);
      const out = Object.fromEntries(TRIAGE_MARKS.map((m) => [m, 0])) as Record<TriageMark, number>;
      for (const r of rows) out[r.mark] = Number(r.n);
      return out;
    },
  };
}
