import { and, eq, gte, or, sql } from 'drizzle-orm';
import type { RevealCountsPort } from '../domain/reveal-counts.ts';
import type { Db } from './db.ts';
import { auditLog, users } from './schema/index.ts';

/** Counts attachment.reveal audit entries per user; the log is the single record of who saw what. */
export function createRevealCountsRepository(db: Db): RevealCountsPort {
  return {
    async counts(b, userId) {
      const oldest = new Date(Math.min(b.week.getTime(), b.from.getTime(), b.today.getTime()));
      const reveals = db
        .select({
          actorId: auditLog.actorId,
          today: sql<number>`count(*) filter (where ${auditLog.at} >= ${b.today.toISOString()})`.as('today'),
          week: sql<number>`count(*) filter (where ${auditLog.at} >= ${b.week.toISOString()})`.as('week'),
          period:
            sql<number>`count(*) filter (where ${auditLog.at} >= ${b.from.toISOString()} and ${auditLog.at} < ${b.to.toISOString()})`.as(
              'period',
            ),
        })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'attachment.reveal'), gte(auditLog.at, oldest)))
        .groupBy(auditLog.actorId)
        .as('reveals');
      const rows = await db
        .select({
          userId: users.id,
          name: users.name,
          role: users.role,
          active: users.active,
          today: reveals.today,
          week: reveals.week,
          period: reveals.period,
        })
        .from(users)
        .leftJoin(reveals, eq(reveals.actorId, users.id))
        .where(userId ? eq(users.id, userId) : or(eq(users.role, 'counselor'), sql`${reveals.actorId} is not null`))
        .orderBy(users.name);
      return rows.map((r) => ({
        ...r,
        today: Number(r.today ?? 0),
        week: Number(r.week ?? 0),
        period: Number(r.period ?? 0),
      }));
    },
  };
}
