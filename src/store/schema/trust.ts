import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { attachments, cases, users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * What each stored attachment really is, sniffed from its bytes on arrival. The declared type
 * (from the mail part or the browser) stays on the attachment; this row decides how it is treated.
 */
export const attachmentChecks = pgTable('attachment_checks', {
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => attachments.id),
  declaredType: text('declared_type').notNull(),
  /** Null when the bytes match no known signature (plain text, unknown formats) or were withheld. */
  sniffedType: text('sniffed_type'),
  sniffedExt: text('sniffed_ext'),
  /** image | video | audio | pdf | document | archive | executable | text | unknown */
  kind: text('kind').notNull(),
  mismatch: boolean('mismatch').notNull(),
  checkedAt: ts('checked_at').notNull(),
});

/** An attachment whose sha256 is on the known-hash list: the match, the list entry and when. */
export const knownHashMatches = pgTable(
  'known_hash_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    sha256: text('sha256').notNull(),
    /** Where the hash is on the list ("file:line") and the comment next to it, if any. */
    listEntry: text('list_entry').notNull(),
    matchedAt: ts('matched_at').notNull(),
  },
  (t) => [
    uniqueIndex('known_hash_matches_attachment_uq').on(t.attachmentId),
    index('known_hash_matches_case_idx').on(t.caseId),
  ],
);

/** A case kept as it is (e.g. referred to the police): never anonymised or erased while active. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    reason: text('reason').notNull(),
    placedBy: uuid('placed_by').references(() => users.id),
    placedAt: ts('placed_at').notNull(),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftedAt: ts('lifted_at'),
    liftReason: text('lift_reason'),
  },
  (t) => [
    uniqueIndex('legal_holds_active_uq').on(t.caseId).where(sql`lifted_at is null`),
    index('legal_holds_case_idx').on(t.caseId),
  ],
);

/** Cases whose personal data has been removed, and why; statistics fields stay on the case. */
export const caseAnonymisations = pgTable('case_anonymisations', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id),
  reason: text('reason', { enum: ['retention', 'erasure'] }).notNull(),
  runId: uuid('run_id'),
  actorId: uuid('actor_id').references(() => users.id),
  at: ts('at').notNull(),
  /** What was removed (counts only, never content). */
  removed: jsonb('removed').$type<Record<string, number>>(),
});

/** One retention run (scheduled or started by an admin): the run log. */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    cutoff: ts('cutoff').notNull(),
    eligible: integer('eligible').notNull().default(0),
    anonymised: integer('anonymised').notNull().default(0),
    skippedHeld: integer('skipped_held').notNull().default(0),
    deadLettersErased: integer('dead_letters_erased').notNull().default(0),
    error: text('error'),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('retention_runs_started_idx').on(t.startedAt)],
);
