import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { URL_ACTION_KINDS, URL_ASSESSMENTS, URL_STATUSES } from '../../domain/url-items.ts';
import { messages, users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Platforms a reported link is recognised on by its host; admins keep the list (seeded when missing). */
export const urlPlatforms = pgTable('url_platforms', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** Domains: a host equal to one, or under it, is on the platform. */
  hosts: jsonb('hosts').$type<string[]>().notNull(),
  abuseEmail: text('abuse_email'),
  abuseUrl: text('abuse_url'),
  position: integer('position').notNull().default(100),
  retiredAt: ts('retired_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * One reported link (normalised; `key` decides what is the same link), however often it was
 * reported. Counts and first/last reported follow its reports; status and removed_at follow its
 * assessment and actions, written in the same transaction as they change.
 */
export const urlItems = pgTable(
  'url_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    url: text('url').notNull(),
    host: text('host').notNull(),
    /** Null: on no listed platform ("other"). */
    platform: text('platform').references(() => urlPlatforms.code),
    assessment: text('assessment', { enum: URL_ASSESSMENTS }),
    assessedAt: ts('assessed_at'),
    assessedBy: uuid('assessed_by').references(() => users.id),
    hostingCountry: text('hosting_country'),
    status: text('status', { enum: URL_STATUSES }).notNull().default('new'),
    reportCount: integer('report_count').notNull().default(0),
    firstReportedAt: ts('first_reported_at').notNull(),
    lastReportedAt: ts('last_reported_at').notNull(),
    lastActionAt: ts('last_action_at'),
    removedAt: ts('removed_at'),
    /** When the last reminder for this item went out (one per due time). */
    remindedAt: ts('reminded_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('url_items_key_uq').on(t.key),
    index('url_items_list_idx').on(t.lastReportedAt.desc(), t.id.desc()),
    index('url_items_status_idx').on(t.status),
    index('url_items_platform_idx').on(t.platform),
    index('url_items_first_reported_idx').on(t.firstReportedAt),
  ],
);

/** One message that reported an item; its case is the message's (a moved message takes its report along). */
export const urlReports = pgTable(
  'url_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    urlId: uuid('url_id')
      .notNull()
      .references(() => urlItems.id),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    channel: text('channel').notNull(),
    reportedAt: ts('reported_at').notNull(),
  },
  (t) => [
    uniqueIndex('url_reports_url_message_uq').on(t.urlId, t.messageId),
    index('url_reports_message_idx').on(t.messageId),
  ],
);

/** What was done about an item, when (as the analyst says) and by whom. */
export const urlActions = pgTable(
  'url_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    urlId: uuid('url_id')
      .notNull()
      .references(() => urlItems.id),
    kind: text('kind', { enum: URL_ACTION_KINDS }).notNull(),
    at: ts('at').notNull(),
    note: text('note'),
    byId: uuid('by_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('url_actions_url_idx').on(t.urlId, t.at)],
);

/** Messages the URL scan has read (whatever it found): a second run of the same message does nothing. */
export const urlScans = pgTable('url_scans', {
  messageId: uuid('message_id')
    .primaryKey()
    .references(() => messages.id),
  scannedAt: ts('scanned_at').notNull(),
  found: integer('found').notNull(),
});

/** How far the URL sweep has read: every message created before `through` has been scanned. */
export const urlScanState = pgTable('url_scan_state', {
  name: text('name').primaryKey(),
  through: ts('through').notNull(),
});
