import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, messages, users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The message that tells a reporter what was done, one per outcome and language, kept by
 * supervisors. Seeded with defaults on first start; edited in place, never deleted.
 */
export const outcomeTemplates = pgTable(
  'outcome_templates',
  {
    /** referred_police, advice_given, … (src/domain/outcomes.ts) */
    outcome: text('outcome').notNull(),
    /** sr-Latn | sr-Cyrl | en */
    language: text('language').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.outcome, t.language] })],
);

/**
 * What the reporter was told, per case: the status page shows the newest. `messageId` is the reply
 * that carried it on the reporter's channel (its delivery status is the message's); null when the
 * reporter left no way to reach them and the outcome is only recorded.
 */
export const caseOutcomes = pgTable(
  'case_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    outcome: text('outcome').notNull(),
    language: text('language').notNull(),
    text: text('text').notNull(),
    messageId: uuid('message_id').references(() => messages.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('case_outcomes_case_idx').on(t.caseId, t.recordedAt)],
);
