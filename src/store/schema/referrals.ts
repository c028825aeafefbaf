import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Institutions a case can be referred to. Keyed by a stable code (referrals.institution points
 * here); names and e-mail are editable, and an institution is retired, never deleted, so old
 * referrals keep their meaning.
 */
export const institutions = pgTable('institutions', {
  code: text('code').primaryKey(),
  nameSrLatn: text('name_sr_latn').notNull(),
  nameSrCyrl: text('name_sr_cyrl').notNull(),
  nameEn: text('name_en').notNull(),
  email: text('email').notNull(),
  /** The order of the picker. */
  position: integer('position').notNull().default(100),
  retiredAt: ts('retired_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export type InstitutionRow = typeof institutions.$inferSelect;
