import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases, messages, users } from './core.ts';

/**
 * The pipeline's own tables: what arrived (inbound events, before the channel is acknowledged),
 * what failed for good (dead letters), and the quarantine the raw bytes live in (blobs).
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every envelope a connector accepted, recorded before the channel is acknowledged. */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    envelope: jsonb('envelope').notNull(),
    status: text('status', { enum: ['received', 'applied', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: ts('received_at').notNull(),
    appliedAt: ts('applied_at'),
    caseId: uuid('case_id').references(() => cases.id),
    messageId: uuid('message_id').references(() => messages.id),
    /**
     * sha256 of what a client-chosen idempotency key stood for (the form's submission key, the
     * status page's add key): the same key with other content is refused, not taken as a repeat.
     * Null for events stored before it existed and for events whose key is not the client's.
     */
    contentHash: text('content_hash'),
  },
  (t) => [
    uniqueIndex('inbound_events_channel_external_uq').on(t.channel, t.externalId),
    index('inbound_events_pending_idx').on(t.receivedAt).where(sql`status = 'received'`),
  ],
);

/**
 * A job that failed for good. Its raw payload is quarantined in `blobs` like an attachment (a
 * payload may hold a child's words or files): this row keeps only where it is and why it failed.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    queue: text('queue').notNull(),
    jobName: text('job_name').notNull(),
    jobId: text('job_id'),
    inboundEventId: uuid('inbound_event_id').references(() => inboundEvents.id),
    /** The case it belongs to, when known: it is erased with that case. */
    caseId: uuid('case_id').references(() => cases.id),
    /** sha256 of the raw payload in `blobs`. */
    blobKey: text('blob_key'),
    size: integer('size').notNull().default(0),
    /** The known-hash list entry the payload (or a file it names) matched, on arrival or at a later re-check. */
    knownHashEntry: text('known_hash_entry'),
    reason: text('reason').notNull(),
    attempts: integer('attempts').notNull(),
    createdAt: ts('created_at').notNull(),
    replayedAt: ts('replayed_at'),
    replayedBy: uuid('replayed_by').references(() => users.id),
  },
  (t) => [
    index('dead_letters_created_idx').on(t.createdAt),
    index('dead_letters_case_idx').on(t.caseId),
    // blobUnreferenced asks for every blob it may delete whether a dead letter still points at it.
    index('dead_letters_blob_idx').on(t.blobKey),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // pg hands back a Buffer, PGlite a Uint8Array: one shape for the code above.
  fromDriver: (v) => Buffer.from(v),
});

/**
 * Quarantine storage: attachment bytes and raw e-mail sources, content-addressed by sha256.
 * Never served inline; what may be shown, and to whom, is decided above this table.
 */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: ts('created_at').notNull(),
});

export type InboundEventRow = typeof inboundEvents.$inferSelect;
export type DeadLetterRow = typeof deadLetters.$inferSelect;
