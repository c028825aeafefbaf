import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, messages } from './core.ts';

/** Where each mailbox watcher stands: UIDVALIDITY + last imported UID. */
export const mailboxCursors = pgTable('mailbox_cursors', {
  mailbox: text('mailbox').primaryKey(),
  uidValidity: text('uid_validity').notNull(),
  lastUid: integer('last_uid').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** At most one automatic acknowledgement per case: the primary key is the guarantee. */
export const emailAutoAcks = pgTable('email_auto_acks', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id),
  messageId: uuid('message_id').references(() => messages.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});
