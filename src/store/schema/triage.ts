import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { TRIAGE_MARKS } from '../../triage-feedback/triage-feedback.ts';
import { cases, users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Counselors' marks on how a case was triaged on arrival ("should have been urgent", "should not
 * have been"): one per counselor and case, replaced when they change their mind. No text of the
 * case is copied here; supervisors open the case by its reference.
 */
export const triageFeedback = pgTable(
  'triage_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    mark: text('mark', { enum: TRIAGE_MARKS }).notNull(),
    markedBy: uuid('marked_by')
      .notNull()
      .references(() => users.id),
    markedAt: ts('marked_at').notNull(),
    /** The case's priority when it was marked. */
    priorityAtMark: text('priority_at_mark').notNull(),
  },
  (t) => [
    uniqueIndex('triage_feedback_case_user_uq').on(t.caseId, t.markedBy),
    index('triage_feedback_marked_at_idx').on(t.markedAt, t.id),
  ],
);
