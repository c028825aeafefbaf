import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Per Facebook page: whether Meta refused its token (Graph error 190). Only the token that was
 * refused is flagged (by a hash prefix, never the token): a new token in the configuration
 * clears the state by itself, as does the next send that goes through.
 */
export const metaPageStates = pgTable('meta_page_states', {
  pageId: text('page_id').primaryKey(),
  /** sha256 prefix of the refused token; null when the page is fine. */
  refusedToken: text('refused_token'),
  reason: text('reason'),
  flaggedAt: ts('flagged_at'),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * Profile lookups, once per PSID / IGSID: the name lands on the contact; a failure is kept with
 * when to try again, so a person whose profile cannot be read is not looked up on every message.
 */
export const metaProfiles = pgTable(
  'meta_profiles',
  {
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    pageId: text('page_id'),
    status: text('status', { enum: ['fetching', 'ok', 'failed'] }).notNull(),
    name: text('name'),
    username: text('username'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at'),
    claimedAt: ts('claimed_at'),
    fetchedAt: ts('fetched_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] }), index('meta_profiles_due_idx').on(t.status, t.nextAttemptAt)],
);
