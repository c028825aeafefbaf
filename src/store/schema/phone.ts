import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ManualDetails } from '../../../connectors/phone/call-envelope.ts';
import type { CallRecord } from '../../../connectors/phone/call-record.ts';
import { contacts, users } from './core.ts';
import { inboundEvents } from './pipeline.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Every call, keyed by the PBX's call id: the source of truth for the call's state. The inbox
 * message of the call is created once through the pipeline and refreshed from here when a later
 * post changes the call.
 */
export const phoneCalls = pgTable(
  'phone_calls',
  {
    callId: text('call_id').primaryKey(),
    source: text('source', { enum: ['pbx', 'csv', 'manual'] }).notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    /** The other party in E.164; null when withheld or invalid (anonymous). */
    number: text('number'),
    state: text('state', { enum: ['ringing', 'answered', 'ended'] }).notNull(),
    outcome: text('outcome', { enum: ['answered', 'missed', 'abandoned', 'voicemail'] }),
    startedAt: ts('started_at').notNull(),
    /** The latest merged record. */
    record: jsonb('record').$type<CallRecord>().notNull(),
    manual: jsonb('manual').$type<ManualDetails>(),
    version: integer('version').notNull(),
    /** The version the inbox message is known to show; below `version` = the message needs a refresh. */
    messageVersion: integer('message_version').notNull().default(0),
    /** The inbound event that carries the call's message, recorded in the call's first transaction. */
    eventId: uuid('event_id').references(() => inboundEvents.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('phone_calls_number_started_idx').on(t.number, t.startedAt),
    index('phone_calls_stale_message_idx').on(t.updatedAt).where(sql`message_version < version`),
  ],
);

/** Each post that changed a call (created, updated, or a late post that only filled gaps), as received. */
export const phoneCallUpdates = pgTable(
  'phone_call_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => phoneCalls.callId),
    at: ts('at').notNull(),
    source: text('source', { enum: ['pbx', 'csv', 'manual'] }).notNull(),
    effect: text('effect', { enum: ['created', 'updated', 'late'] }).notNull(),
    record: jsonb('record').$type<CallRecord>().notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('phone_call_updates_call_idx').on(t.callId, t.id)],
);

/**
 * Someone called and nobody took it: a task to call back. One active task per number; further
 * missed calls from that number count on it.
 */
export const phoneCallbacks = pgTable(
  'phone_callbacks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    status: text('status', { enum: ['open', 'attempted', 'done', 'cancelled'] }).notNull(),
    reason: text('reason', { enum: ['missed', 'abandoned', 'voicemail'] }).notNull(),
    firstCallId: text('first_call_id').notNull(),
    lastCallId: text('last_call_id').notNull(),
    missedCalls: integer('missed_calls').notNull().default(1),
    transcript: text('transcript'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    dueAt: ts('due_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** reached | caller_called_again | do_not_call | wrong_number | closed_by_counselor … */
    resolution: text('resolution'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    completedAt: ts('completed_at'),
    completedBy: uuid('completed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('phone_callbacks_active_number_uq').on(t.number).where(sql`status in ('open', 'attempted')`),
    index('phone_callbacks_status_due_idx').on(t.status, t.dueAt),
  ],
);

export const phoneCallbackAttempts = pgTable(
  'phone_callback_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callbackId: uuid('callback_id')
      .notNull()
      .references(() => phoneCallbacks.id),
    at: ts('at').notNull(),
    result: text('result', { enum: ['reached', 'no_answer', 'busy', 'wrong_number'] }).notNull(),
    /** The outgoing call that made this attempt, when the PBX or a manual log reported it. */
    callId: text('call_id'),
    userId: uuid('user_id').references(() => users.id),
    note: text('note'),
  },
  (t) => [index('phone_callback_attempts_callback_idx').on(t.callbackId, t.at)],
);

/** Numbers a supervisor marked "do not call back" (the caller asked, or calling back could endanger a child). */
export const phoneDoNotCall = pgTable('phone_do_not_call', {
  number: text('number').primaryKey(),
  contactId: uuid('contact_id').references(() => contacts.id),
  reason: text('reason'),
  setBy: uuid('set_by')
    .notNull()
    .references(() => users.id),
  setAt: ts('set_at').notNull(),
});

export type PhoneCallRow = typeof phoneCalls.$inferSelect;
export type PhoneCallbackRow = typeof phoneCallbacks.$inferSelect;
