import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Free labels counselors put on cases ("school", "repeat reporter"); normalised lower-case. */
export const caseTags = pgTable(
  'case_tags',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    tag: text('tag').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    /** The tag as search reads it (folded); kept by PostgreSQL. */
    searchDoc: text('search_doc').generatedAlwaysAs(sql`kontakt_search_doc(tag)`),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.tag] }),
    index('case_tags_tag_idx').on(t.tag),
    index('case_tags_search_idx').using('gin', t.searchDoc.op('gin_trgm_ops')),
  ],
);

/** Canned responses kept by supervisors; {reference} and other placeholders are filled in the inbox. */
export const cannedResponses = pgTable('canned_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** sr-Latn | sr-Cyrl | en */
  language: text('language').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
});
