import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A counselor's saved search: a name and the query with its filters, as GET /api/search takes them
 * (src/http/routes/search.schema.ts). Personal: only its owner lists, changes or removes it.
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('saved_searches_user_idx').on(t.userId, t.createdAt)],
);

export type SavedSearchRow = typeof savedSearches.$inferSelect;
