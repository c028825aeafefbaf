import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { AVAILABILITY_STATES } from '../../shift/shift.ts';
import { users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A case worker's current state on shift (no row: available when signed in). */
export const userAvailability = pgTable('user_availability', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  state: text('state', { enum: AVAILABILITY_STATES }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Per-user notification settings (no row: the defaults). */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  urgent: boolean('urgent').notNull().default(true),
  assigned: boolean('assigned').notNull().default(true),
  reply: boolean('reply').notNull().default(true),
  sound: boolean('sound').notNull().default(false),
  doNotDisturb: boolean('do_not_disturb').notNull().default(false),
  showContent: boolean('show_content').notNull().default(false),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * A shift handover: the outgoing counselor's note and what was open at that moment (urgent cases,
 * unanswered callbacks, overdue referrals, by reference only), acknowledged by the next shift.
 */
export const handovers = pgTable(
  'handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    /** `{ urgentCases, callbacks, overdueReferrals }` as listed when the handover was written. */
    open: jsonb('open').notNull(),
    createdAt: ts('created_at').notNull(),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: ts('acknowledged_at'),
  },
  (t) => [index('handovers_created_at_idx').on(t.createdAt, t.id)],
);
