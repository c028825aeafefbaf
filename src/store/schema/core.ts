import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../domain/taxonomy.ts';
import { persons } from './people.ts';
import { institutions } from './referrals.ts';

/** One schema for PGlite and PostgreSQL; every timestamp is timezone-aware and set by the app. */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** A partner's institution (the health centre they report for); null for every other role. */
  institution: text('institution'),
  passwordHash: text('password_hash').notNull(),
  language: text('language').notNull().default('sr-Latn'),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull(),
  lastLoginAt: ts('last_login_at'),
});

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a leaked table does not hand out sessions. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    displayName: text('display_name'),
    /** The person a counselor linked this contact to (schema/people.ts); null: a person of its own. */
    personId: uuid('person_id').references(() => persons.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** The name as search reads it (folded, see messages.search_doc); kept by PostgreSQL. */
    searchDoc: text('search_doc').generatedAlwaysAs(sql`kontakt_search_doc(coalesce(display_name, ''))`),
  },
  (t) => [
    index('contacts_person_idx').on(t.personId),
    // Search by name in either script (src/domain/search-fold.ts).
    index('contacts_search_idx').using('gin', t.searchDoc.op('gin_trgm_ops')),
  ],
);

export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    displayName: text('display_name'),
    createdAt: ts('created_at').notNull(),
    /** Address, number and profile name as search reads them (folded); kept by PostgreSQL. */
    searchDoc: text('search_doc').generatedAlwaysAs(
      sql`kontakt_search_doc(value || ' ' || coalesce(display_name, ''))`,
    ),
  },
  (t) => [
    uniqueIndex('contact_identities_kind_value_uq').on(t.kind, t.value),
    index('contact_identities_contact_idx').on(t.contactId),
    // Link suggestions: the same address in any case, the same number in any written form.
    index('contact_identities_lower_idx').on(sql`lower(${t.value})`),
    index('contact_identities_digits_idx').on(sql`regexp_replace(${t.value}, '[^0-9]', '', 'g')`),
    // Search by address, number, profile name.
    index('contact_identities_search_idx').using('gin', t.searchDoc.op('gin_trgm_ops')),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['new', 'open', 'waiting', 'referred', 'closed'] }).notNull(),
    priority: text('priority', { enum: ['urgent', 'high', 'normal', 'low'] }).notNull(),
    category: text('category'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    channel: text('channel').notNull(),
    contactId: uuid('contact_id').references(() => contacts.id),
    anonymous: boolean('anonymous').notNull(),
    consent: boolean('consent').notNull(),
    receiptHash: text('receipt_hash'),
    /** The case description (src/domain/case-description.ts): codes, counted by the yearly report. */
    reporterRole: text('reporter_role'),
    ageGroup: text('age_group'),
    gender: text('gender'),
    /** districts.code and municipalities.code (schema/record.ts); the municipality is optional. */
    placeDistrict: text('place_district'),
    placeMunicipality: text('place_municipality'),
    /** subcategories.code, under the case's category. */
    subcategory: text('subcategory'),
    interventions: text('interventions').array().notNull().default(sql`'{}'::text[]`),
    language: text('language'),
    subject: text('subject'),
    /** First characters of the newest message, for the list. */
    preview: text('preview').notNull().default(''),
    messageCount: integer('message_count').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    lastActivityAt: ts('last_activity_at').notNull(),
    /** When the first answer is due (arrival + the priority's target); moved when the priority changes. */
    firstResponseDueAt: ts('first_response_due_at'),
    firstResponseAt: ts('first_response_at'),
    closedAt: ts('closed_at'),
    /**
     * The earlier case this one continues (a reply long after that case was closed), or the case a
     * stranger's mail quoted (see thread-claims.ts).
     */
    linkedCaseId: uuid('linked_case_id').references((): AnyPgColumn => cases.id),
    /** Merged into that case (which holds its messages now); its reference and receipt resolve there. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => cases.id),
    mergedAt: ts('merged_at'),
  },
  (t) => [
    index('cases_activity_idx').on(t.lastActivityAt.desc(), t.id.desc()),
    // Statistics over a period and service-level views read by creation time.
    index('cases_created_idx').on(t.createdAt),
    index('cases_status_idx').on(t.status),
    index('cases_contact_idx').on(t.contactId),
    index('cases_assignee_idx').on(t.assigneeId),
    // The cases that link to a case, listed beside it.
    index('cases_linked_idx').on(t.linkedCaseId),
    index('cases_merged_into_idx').on(t.mergedIntoId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    direction: text('direction', { enum: ['inbound', 'outbound', 'note'] }).notNull(),
    channel: text('channel').notNull(),
    /** The channel's own id; null for notes and for replies not yet sent. */
    externalId: text('external_id'),
    text: text('text').notNull(),
    /** Sanitised before it is stored; never the raw HTML. */
    html: text('html'),
    subject: text('subject'),
    fields: jsonb('fields').$type<Record<string, unknown>>(),
    authorId: uuid('author_id').references(() => users.id),
    deliveryStatus: text('delivery_status', { enum: ['pending', 'sent', 'delivered', 'read', 'failed'] }),
    deliveryError: text('delivery_error'),
    /** When the channel reported the current delivery status. */
    deliveryAt: ts('delivery_at'),
    /** Reactions, newest state per side: [{ from, reaction, at }]. */
    reactions: jsonb('reactions').$type<{ from: 'contact' | 'staff'; reaction: string; at: string }[]>(),
    /** auto_reply, bounce, … : shown, and never answered automatically. */
    flags: jsonb('flags').$type<string[]>(),
    editedAt: ts('edited_at'),
    unsentAt: ts('unsent_at'),
    createdAt: ts('created_at').notNull(),
    receivedAt: ts('received_at').notNull(),
    /**
     * What search reads of the message: subject, text and the searched fields, folded (" word word ",
     * see src/domain/search-fold.ts and migration 0027); kept by PostgreSQL on every write.
     */
    searchDoc: text('search_doc').generatedAlwaysAs(
      sql`kontakt_message_doc(subject, text, fields, channel, author_id)`,
    ),
  },
  (t) => [
    uniqueIndex('messages_channel_external_uq').on(t.channel, t.externalId),
    index('messages_case_idx').on(t.caseId, t.createdAt),
    index('messages_search_idx').using('gin', t.searchDoc.op('gin_trgm_ops')),
  ],
);

/** What a message said before an edit or an unsend: the history is kept, never overwritten. */
export const messageRevisions = pgTable(
  'message_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    kind: text('kind', { enum: ['edit', 'unsend'] }).notNull(),
    previousText: text('previous_text').notNull(),
    previousHtml: text('previous_html'),
    at: ts('at').notNull(),
  },
  (t) => [index('message_revisions_message_idx').on(t.messageId)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key'),
    withheldReason: text('withheld_reason'),
    quarantined: boolean('quarantined').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId), index('attachments_sha_idx').on(t.sha256)],
);

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** institutions.code (schema/referrals.ts). */
    institution: text('institution')
      .notNull()
      .references(() => institutions.code),
    status: text('status', { enum: ['draft', 'sent', 'acknowledged', 'answered', 'closed'] }).notNull(),
    summary: text('summary').notNull(),
    /** The institution's answer, or the closing note. */
    outcome: text('outcome'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    sentAt: ts('sent_at'),
    acknowledgedAt: ts('acknowledged_at'),
    /** email = through the e-mail channel's SMTP; other = phone, post, in person (see otherMeans). */
    delivery: text('delivery', { enum: ['email', 'other'] })
      .notNull()
      .default('other'),
    otherMeans: text('other_means'),
    note: text('note'),
    includeContact: boolean('include_contact').notNull().default(false),
    emailTo: text('email_to'),
    emailSubject: text('email_subject'),
    /** Our Message-ID: the institution's reply threads back by In-Reply-To/References. */
    emailMessageId: text('email_message_id').unique(),
    emailStatus: text('email_status', { enum: ['pending', 'sent', 'failed'] }),
    emailError: text('email_error'),
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailSentAt: ts('email_sent_at'),
    sentBy: uuid('sent_by').references(() => users.id),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    answeredAt: ts('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id),
    /** The institution's answer as a message of the case (a threaded e-mail). */
    answerMessageId: uuid('answer_message_id').references(() => messages.id),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
  },
  (t) => [
    index('referrals_case_idx').on(t.caseId),
    index('referrals_institution_idx').on(t.institution),
    index('referrals_open_idx').on(t.sentAt).where(sql`status = 'sent'`),
  ],
);

/** Append-only: the API has no route that updates or deletes a row here. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);

export type UserRow = typeof users.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
