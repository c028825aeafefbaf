import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { AuditOf } from '../../domain/audit.ts';
import {
  ACTIVE,
  type AttemptResult,
  type CallbackCounts,
  type CallbackStatus,
  type CallbackView,
} from '../../domain/callback-views.ts';
import { DomainError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { writeAudit } from '../../store/audit.repository.ts';
import type { Db } from '../../store/db.ts';
import { cases, messages, phoneCallbackAttempts, phoneCallbacks, users } from '../../store/schema/index.ts';
import { isActive } from './phone-callback-effects.ts';

export {
  ACTIVE,
  ATTEMPT_RESULTS,
  type AttemptResult,
  CALLBACK_STATUSES,
  type CallbackCounts,
  type CallbackStatus,
  type CallbackView,
} from '../../domain/callback-views.ts';

function viewQuery(db: Db) {
  return db
    .select({
      cb: phoneCallbacks,
      assigneeName: users.name,
      caseId: cases.id,
      caseReference: cases.reference,
      contactId: cases.contactId,
    })
    .from(phoneCallbacks)
    .leftJoin(users, eq(users.id, phoneCallbacks.assigneeId))
    .leftJoin(messages, and(eq(messages.channel, 'phone'), eq(messages.externalId, phoneCallbacks.lastCallId)))
    .leftJoin(cases, eq(cases.id, messages.caseId));
}

type ViewRow = Awaited<ReturnType<typeof viewQuery>>[number];

async function toViews(db: Db, rows: ViewRow[], now: Date): Promise<CallbackView[]> {
  const ids = rows.map((r) => r.cb.id);
  const attempts = ids.length
    ? await db
        .select()
        .from(phoneCallbackAttempts)
        .where(inArray(phoneCallbackAttempts.callbackId, ids))
        .orderBy(asc(phoneCallbackAttempts.at))
    : [];
  return rows.map(({ cb, assigneeName, caseId, caseReference, contactId }) => ({
    id: cb.id,
    number: cb.number,
    status: cb.status,
    reason: cb.reason,
    missedCalls: cb.missedCalls,
    transcript: cb.transcript,
    firstCallId: cb.firstCallId,
    lastCallId: cb.lastCallId,
    caseId,
    caseReference,
    contactId,
    assigneeId: cb.assigneeId,
    assigneeName,
    dueAt: cb.dueAt.toISOString(),
    overdue: ACTIVE.includes(cb.status) && cb.dueAt < now,
    attempts: attempts
      .filter((a) => a.callbackId === cb.id)
      .map((a) => ({ at: a.at.toISOString(), result: a.result, callId: a.callId, userId: a.userId, note: a.note })),
    resolution: cb.resolution,
    createdAt: cb.createdAt.toISOString(),
    updatedAt: cb.updatedAt.toISOString(),
    completedAt: cb.completedAt?.toISOString() ?? null,
  }));
}

export interface CallbackFilter {
  status: CallbackStatus[];
  /** A user id, or "none" for unassigned. */
  assignee?: string;
  limit: number;
}

export function createPhoneCallbackRepository(db: Db) {
  const view = async (id: string, now = new Date()): Promise<CallbackView> => {
    const rows = await viewQuery(db).where(eq(phoneCallbacks.id, id));
    const [v] = await toViews(db, rows, now);
    if (!v) throw new NotFoundError('callback');
    return v;
  };

  const counts = async (now = new Date()): Promise<CallbackCounts> => {
    const [row] = await db
      .select({
        open: sql<number>`count(*) filter (where ${phoneCallbacks.status} = 'open')`.mapWith(Number),
        attempted: sql<number>`count(*) filter (where ${phoneCallbacks.status} = 'attempted')`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${phoneCallbacks.dueAt} < ${now})`.mapWith(Number),
      })
      .from(phoneCallbacks)
      .where(isActive);
    return row ?? { open: 0, attempted: 0, overdue: 0 };
  };

  return {
    view,
    counts,

    async list(f: CallbackFilter, now = new Date()): Promise<{ items: CallbackView[]; counts: CallbackCounts }> {
      const where: (SQL | undefined)[] = [inArray(phoneCallbacks.status, f.status)];
      if (f.assignee === 'none') where.push(isNull(phoneCallbacks.assigneeId));
      else if (f.assignee) where.push(eq(phoneCallbacks.assigneeId, f.assignee));
      const rows = await viewQuery(db)
        .where(and(...where))
        .orderBy(asc(phoneCallbacks.dueAt), asc(phoneCallbacks.id))
        .limit(f.limit);
      return { items: await toViews(db, rows, now), counts: await counts(now) };
    },

    /** Assign, reschedule, close or reopen a task by hand; `audit` of the fields changed, in its transaction. */
    async change(
      id: string,
      patch: { assigneeId?: string | null; dueAt?: Date; status?: 'open' | 'done' | 'cancelled' },
      actorId: string,
      now: Date,
      audit: AuditOf<string[]>,
    ): Promise<string[]> {
      return db.transaction(async (t) => {
        const [cb] = await t.select().from(phoneCallbacks).where(eq(phoneCallbacks.id, id)).for('update');
        if (!cb) throw new NotFoundError('callback');
        if (patch.assigneeId) {
          const [u] = await t.select({ active: users.active }).from(users).where(eq(users.id, patch.assigneeId));
          if (!u?.active) throw new ValidationError('unknown user', [{ field: 'assigneeId', message: 'no such user' }]);
        }
        const changed: string[] = [];
        const set: Partial<typeof phoneCallbacks.$inferInsert> = { updatedAt: now };
        if (patch.assigneeId !== undefined && patch.assigneeId !== cb.assigneeId) {
          set.assigneeId = patch.assigneeId;
          changed.push('assigneeId');
        }
        if (patch.dueAt && patch.dueAt.getTime() !== cb.dueAt.getTime()) {
          set.dueAt = patch.dueAt;
          changed.push('dueAt');
        }
        if (patch.status && patch.status !== cb.status && !(patch.status === 'open' && cb.status === 'attempted')) {
          const closing = patch.status !== 'open';
          if (!closing) {
            const [other] = await t
              .select({ id: phoneCallbacks.id })
              .from(phoneCallbacks)
              .where(and(eq(phoneCallbacks.number, cb.number), isActive));
            if (other) throw new DomainError('this number already has an open callback', 'callback_exists');
          }
          Object.assign(set, {
            status: patch.status,
            resolution: closing ? (patch.status === 'done' ? 'closed_by_counselor' : 'cancelled') : null,
            completedAt: closing ? now : null,
            completedBy: closing ? actorId : null,
          });
          changed.push('status');
        }
        if (changed.length > 0) await t.update(phoneCallbacks).set(set).where(eq(phoneCallbacks.id, id));
        await writeAudit(t, audit(changed), now);
        return changed;
      });
    },

    /** A counselor's own record of a try: reached closes the task, a wrong number cancels it. */
    async addAttempt(
      id: string,
      input: { result: AttemptResult; note: string | null; userId: string },
      now: Date,
      audit: AuditOf<void>,
    ): Promise<void> {
      await db.transaction(async (t) => {
        const [cb] = await t.select().from(phoneCallbacks).where(eq(phoneCallbacks.id, id)).for('update');
        if (!cb) throw new NotFoundError('callback');
        if (!ACTIVE.includes(cb.status)) throw new DomainError('the callback is already closed', 'callback_closed');
        await t.insert(phoneCallbackAttempts).values({ callbackId: id, at: now, ...input });
        const closing = input.result === 'reached' || input.result === 'wrong_number';
        await t
          .update(phoneCallbacks)
          .set({
            attempts: sql`${phoneCallbacks.attempts} + 1`,
            updatedAt: now,
            status: input.result === 'reached' ? 'done' : input.result === 'wrong_number' ? 'cancelled' : 'attempted',
            ...(closing && { resolution: input.result, completedAt: now, completedBy: input.userId }),
          })
          .where(eq(phoneCallbacks.id, id));
        await writeAudit(t, audit(), now);
      });
    },

    /** The number's open or attempted task, if any. */
    async activeFor(number: string, now = new Date()): Promise<CallbackView | null> {
      const rows = await viewQuery(db).where(and(eq(phoneCallbacks.number, number), isActive));
      const [v] = await toViews(db, rows, now);
      return v ?? null;
    },
  };
}

export type PhoneCallbackRepository = ReturnType<typeof createPhoneCallbackRepository>;
