import type { AuditEntry, AuditOf } from '../domain/audit.ts';
import type { Actor } from '../domain/case.service.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { TriageFeedbackItem, TriageMark, TriageMarkView } from './triage-feedback.ts';

export interface FeedbackListFilter {
  mark?: TriageMark;
  from?: Date;
  to?: Date;
  limit: number;
  /** Where the page starts: after this mark (newest first). */
  after?: { at: Date; id: string };
}

/** The marks' store as the use cases see it; implemented by triage-feedback.repository.ts. */
export interface TriageFeedbackPort {
  /**
   * Sets the user's mark on the case, with `audit`'s entries in the same transaction. Null when
   * there is no such case; `previous` is the user's mark before (unchanged when it is the same).
   */
  mark(
    caseId: string,
    userId: string,
    mark: TriageMark,
    now: Date,
    audit: AuditOf<{ previous: TriageMark | null }>,
  ): Promise<{ previous: TriageMark | null } | null>;
  /** Takes the user's mark off, with its entry; 'no_case' or 'no_mark' when there is nothing to take. */
  withdraw(
    caseId: string,
    userId: string,
    now: Date,
    audit: AuditOf<TriageMark>,
  ): Promise<TriageMark | 'no_case' | 'no_mark'>;
  /** Every mark on the case, newest first; null when there is no such case. */
  forCase(caseId: string): Promise<TriageMarkView[] | null>;
  list(filter: FeedbackListFilter): Promise<{ items: TriageFeedbackItem[]; more: boolean }>;
  counts(filter: Pick<FeedbackListFilter, 'from' | 'to'>): Promise<Record<TriageMark, number>>;
}

export const encodeCursor = (i: { at: string; id: string }) =>
  Buffer.from(`${i.at}|${i.id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (!id || Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/i.test(id))
    throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'a cursor from the page before' }]);
  return { at: when, id };
}

const entry = (actor: Actor, caseId: string, action: string, details: Record<string, unknown>): AuditEntry => ({
  actorId: actor.id,
  action,
  entityType: 'case',
  entityId: caseId,
  ip: actor.ip,
  details,
});

/**
 * Counselors mark how a case was triaged on arrival; supervisors list the marks to improve the
 * urgency rules (docs/triage.md). Every change is audited in its own transaction.
 */
export function createTriageFeedbackService(deps: { store: TriageFeedbackPort }) {
  const { store } = deps;
  const marksOf = async (caseId: string, userId: string) => {
    const marks = await store.forCase(caseId);
    if (!marks) throw new NotFoundError('case');
    return { mine: marks.find((m) => m.by.id === userId)?.mark ?? null, marks };
  };
  return {
    forCase: (actor: Actor, caseId: string) => marksOf(caseId, actor.id),

    async mark(actor: Actor, caseId: string, mark: TriageMark, now = new Date()) {
      const done = await store.mark(caseId, actor.id, mark, now, ({ previous }) =>
        previous === mark ? [] : [entry(actor, caseId, 'case.triage_feedback', { mark, previous })],
      );
      if (!done) throw new NotFoundError('case');
      return marksOf(caseId, actor.id);
    },

    async withdraw(actor: Actor, caseId: string, now = new Date()) {
      const gone = await store.withdraw(caseId, actor.id, now, (mark) => [
        entry(actor, caseId, 'case.triage_feedback_withdrawn', { mark }),
      ]);
      if (gone === 'no_case') throw new NotFoundError('case');
      if (gone === 'no_mark') throw new NotFoundError('triage feedback');
    },

    /** The supervisors' list, newest first, with the totals of the period for each mark. */
    async list(q: { mark?: TriageMark; from?: Date; to?: Date; limit: number; cursor?: string }) {
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const period = { ...(q.from && { from: q.from }), ...(q.to && { to: q.to }) };
      const [page, counts] = await Promise.all([
        store.list({ ...period, ...(q.mark && { mark: q.mark }), limit: q.limit, ...(after && { after }) }),
        store.counts(period),
      ]);
      const last = page.items.at(-1);
      return { items: page.items, counts, next: page.more && last ? encodeCursor(last) : null };
    },
  };
}

export type TriageFeedbackService = ReturnType<typeof createTriageFeedbackService>;
