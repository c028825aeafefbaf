import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A category's name in each language of the centre. */
export type CategoryLabels = { 'sr-Latn': string; 'sr-Cyrl': string; en: string };

/**
 * The case categories, editable by admins. The code is stable (cases and statistics keep it);
 * labels change; a retired category is no longer offered but stays valid on the cases that have it.
 */
export const categories = pgTable(
  'categories',
  {
    code: text('code').primaryKey(),
    labels: jsonb('labels').$type<CategoryLabels>().notNull(),
    position: integer('position').notNull(),
    retiredAt: ts('retired_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('categories_position_idx').on(t.position)],
);

export type CategoryRow = typeof categories.$inferSelect;
