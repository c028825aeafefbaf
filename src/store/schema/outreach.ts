import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The education team's register: one row per activity (a school presentation, a training, a
 * webinar …). Corrected in place (audited), never deleted. `institution_key` is the institution's
 * name and municipality folded (case, diacritics, script), so "OŠ Vuk Karadžić" and
 * "ОШ Вук Караџић" in the same place count as one school in the totals.
 */
export const outreachActivities = pgTable(
  'outreach_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    institutionName: text('institution_name'),
    institutionKind: text('institution_kind'),
    municipality: text('municipality'),
    institutionKey: text('institution_key'),
    educators: jsonb('educators').$type<string[]>().notNull().default([]),
    students: integer('students').notNull().default(0),
    parents: integer('parents').notNull().default(0),
    teachers: integer('teachers').notNull().default(0),
    healthWorkers: integer('health_workers').notNull().default(0),
    others: integer('others').notNull().default(0),
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // The register's list and its keyset paging: newest activity first.
    index('outreach_held_idx').on(t.heldOn.desc(), t.id.desc()),
    index('outreach_municipality_idx').on(sql`lower(${t.municipality})`),
    index('outreach_institution_idx').on(t.institutionKey),
  ],
);

export type OutreachActivityRow = typeof outreachActivities.$inferSelect;
