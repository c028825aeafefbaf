import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One person behind several contacts (the same child on Instagram and by e-mail), made by a
 * counselor linking them (contacts.person_id). A contact nobody linked has no person: it is a
 * person of its own. Created on the first link or note, never by the ingest path.
 */
export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** What counselors note about the person (not about one case); it stays with the person on a split. */
export const personNotes = pgTable(
  'person_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    text: text('text').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('person_notes_person_idx').on(t.personId, t.createdAt)],
);
