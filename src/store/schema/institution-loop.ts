import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referrals, users } from './core.ts';
import { inboundEvents } from './pipeline.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The one-time link a referral's e-mail carries: the institution confirms receipt and records what
 * it did, without an account. Only the token's sha256 is stored; the token itself is in the e-mail
 * alone. One row per referral: sending the e-mail again replaces the token (the newest e-mail's
 * link is the one that works) and keeps what the institution already said.
 */
export const referralLinks = pgTable('referral_links', {
  referralId: uuid('referral_id')
    .primaryKey()
    .references(() => referrals.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  confirmedAt: ts('confirmed_at'),
  /** Set once: the link answers once, then only shows what was recorded. */
  answeredAt: ts('answered_at'),
  answerText: text('answer_text'),
  outcomeCode: text('outcome_code'),
});

/**
 * A report a partner (a health centre's contact person) submitted for someone: the case it opens
 * has this reference (the worker creates the case from the event, so the row points at the
 * reference, not at a case id that does not exist yet). Their list reads the case's status by it.
 */
export const partnerReports = pgTable(
  'partner_reports',
  {
    reference: text('reference').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => inboundEvents.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    institution: text('institution').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('partner_reports_user_idx').on(t.submittedBy, t.createdAt.desc())],
);
