import { and, asc, count, eq, gt, inArray, isNull, lte, min, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { cases, phoneCallbacks, users } from '../store/schema/index.ts';
import type { Board, BoardCase, OnDuty } from './shift.ts';

const HOUR = 3_600_000;
/** How many cases one list of the board shows; the counts say how many there are. */
const LIST_LIMIT = 50;

/** The supervisor board's figures, one query per panel, for the moment `now`. */
export function createBoardRepository(db: Db, onDuty: (now: Date) => Promise<OnDuty[]>) {
  const live = and(ne(cases.status, 'closed'), isNull(cases.mergedIntoId)) as SQL;
  const unanswered = and(live, isNull(cases.firstResponseAt)) as SQL;
  const caseRows = (where: SQL, order = asc(cases.createdAt)) =>
    db
      .select({
        id: cases.id,
        reference: cases.reference,
        channel: cases.channel,
        priority: cases.priority,
        createdAt: cases.createdAt,
        dueAt: cases.firstResponseDueAt,
        assigneeName: users.name,
      })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.assigneeId))
      .where(where)
      .orderBy(order, asc(cases.id))
      .limit(LIST_LIMIT)
      .then((rows) =>
        rows.map(
          (r): BoardCase => ({
            ...r,
            createdAt: r.createdAt.toISOString(),
            dueAt: r.dueAt?.toISOString() ?? null,
          }),
        ),
      );

  return {
    async board(now: Date): Promise<Board> {
      const soon = new Date(now.getTime() + HOUR);
      const [waiting, urgent, unassignedCount, unassigned, breachNow, breachSoon, callbacks, duty] = await Promise.all([
        db
          .select({ channel: cases.channel, count: count(), oldest: min(cases.createdAt) })
          .from(cases)
          .where(unanswered)
          .groupBy(cases.channel)
          .orderBy(asc(cases.channel)),
        caseRows(and(live, eq(cases.priority, 'urgent')) as SQL),
        db
          .select({ n: count() })
          .from(cases)
          .where(and(live, isNull(cases.assigneeId))),
        caseRows(and(live, isNull(cases.assigneeId)) as SQL),
        caseRows(and(unanswered, lte(cases.firstResponseDueAt, now)) as SQL, asc(cases.firstResponseDueAt)),
        caseRows(
          and(unanswered, gt(cases.firstResponseDueAt, now), lte(cases.firstResponseDueAt, soon)) as SQL,
          asc(cases.firstResponseDueAt),
        ),
        db
          .select({
            id: phoneCallbacks.id,
            reason: phoneCallbacks.reason,
            dueAt: phoneCallbacks.dueAt,
            attempts: phoneCallbacks.attempts,
            assigneeName: users.name,
          })
          .from(phoneCallbacks)
          .leftJoin(users, eq(users.id, phoneCallbacks.assigneeId))
          .where(and(inArray(phoneCallbacks.status, ['open', 'attempted']), lte(phoneCallbacks.dueAt, soon)))
          .orderBy(asc(phoneCallbacks.dueAt), asc(phoneCallbacks.id))
          .limit(LIST_LIMIT),
        onDuty(now),
      ]);
      return {
        at: now.toISOString(),
        waiting: waiting.map((w) => ({
          channel: w.channel,
          count: Number(w.count),
          oldestSince: new Date(w.oldest ?? now).toISOString(),
        })),
        urgent,
        unassigned: { count: Number(unassignedCount[0]?.n ?? 0), oldest: unassigned },
        breaches: { now: breachNow, nextHour: breachSoon },
        callbacks: callbacks.map((c) => ({
          ...c,
          dueAt: c.dueAt.toISOString(),
          overdue: c.dueAt.getTime() < now.getTime(),
        })),
        onDuty: duty,
      };
    },
  };
}
