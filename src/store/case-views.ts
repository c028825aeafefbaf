import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { NotFoundError } from '../domain/errors.ts';
import { presentedFields } from '../domain/message-fields.ts';
import { firstResponseDueAt } from '../domain/service-levels.ts';
import type { AttachmentView, CaseSummary, MessageView } from '../domain/views.ts';
import type { Db } from './db.ts';
import { runStatement, statement } from './raw-sql.ts';
import {
  attachmentChecks,
  attachments,
  cases,
  contacts,
  knownHashMatches,
  messageRevisions,
  messages,
  users,
} from './schema/index.ts';

const assignee = alias(users, 'assignee');

const caseSummaryColumns = {
  id: cases.id,
  reference: cases.reference,
  kind: cases.kind,
  status: cases.status,
  priority: cases.priority,
  category: cases.category,
  channel: cases.channel,
  anonymous: cases.anonymous,
  consent: cases.consent,
  contactId: cases.contactId,
  contactName: contacts.displayName,
  assigneeId: cases.assigneeId,
  assigneeName: assignee.name,
  preview: cases.preview,
  messageCount: cases.messageCount,
  createdAt: cases.createdAt,
  lastActivityAt: cases.lastActivityAt,
  firstResponseDueAt: cases.firstResponseDueAt,
  firstResponseAt: cases.firstResponseAt,
  closedAt: cases.closedAt,
};

export function summaryQuery(db: Db) {
  return db
    .select(caseSummaryColumns)
    .from(cases)
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .leftJoin(assignee, eq(assignee.id, cases.assigneeId));
}

type SummaryRow = Awaited<ReturnType<typeof summaryQuery>>[number];

export function toSummary(r: SummaryRow): CaseSummary {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastActivityAt: r.lastActivityAt.toISOString(),
    // Stored since issue 7 (moved with the priority); computed only for a row not yet backfilled.
    firstResponseDueAt: (r.firstResponseDueAt ?? firstResponseDueAt(r.createdAt, r.priority)).toISOString(),
    firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

/** summaryQuery's columns as SQL (cases c, contacts ct, assignee a), each named `${prefix}field`. */
function summaryColumns(prefix: string): string {
  const cols: [string, string][] = [
    ['c.id', 'id'],
    ['c.reference', 'reference'],
    ['c.kind', 'kind'],
    ['c.status', 'status'],
    ['c.priority', 'priority'],
    ['c.category', 'category'],
    ['c.channel', 'channel'],
    ['c.anonymous', 'anonymous'],
    ['c.consent', 'consent'],
    ['c.contact_id', 'contactId'],
    ['ct.display_name', 'contactName'],
    ['c.assignee_id', 'assigneeId'],
    ['a.name', 'assigneeName'],
    ['c.preview', 'preview'],
    ['c.message_count', 'messageCount'],
    ['c.created_at', 'createdAt'],
    ['c.last_activity_at', 'lastActivityAt'],
    ['c.first_response_due_at', 'firstResponseDueAt'],
    ['c.first_response_at', 'firstResponseAt'],
    ['c.closed_at', 'closedAt'],
  ];
  return cols.map(([col, name]) => `${col} as "${prefix}${name}"`).join(', ');
}

/** summaryQuery for one case, as SQL text (it runs for every message the worker applies). */
const CASE_SUMMARY = statement(
  'case_summary',
  `select ${summaryColumns('')}
   from cases c
   left join contacts ct on ct.id = c.contact_id
   left join users a on a.id = c.assignee_id
   where c.id = $1`,
);

export async function loadCaseSummary(db: Db, caseId: string): Promise<CaseSummary> {
  const [row] = await runStatement<SummaryRow>(db, CASE_SUMMARY, [caseId]);
  if (!row) throw new NotFoundError('case');
  return toSummary(row);
}

const author = alias(users, 'author');

export async function loadMessages(db: Db, where: SQL): Promise<MessageView[]> {
  const rows = await db
    .select({ m: messages, authorName: author.name })
    .from(messages)
    .leftJoin(author, eq(author.id, messages.authorId))
    .where(where)
    .orderBy(asc(messages.createdAt), asc(messages.receivedAt), asc(messages.id));
  const ids = rows.map((r) => r.m.id);
  const files = ids.length
    ? await db
        .select({ f: attachments, check: attachmentChecks, matchId: knownHashMatches.id })
        .from(attachments)
        .leftJoin(attachmentChecks, eq(attachmentChecks.attachmentId, attachments.id))
        .leftJoin(knownHashMatches, eq(knownHashMatches.attachmentId, attachments.id))
        .where(inArray(attachments.messageId, ids))
        .orderBy(asc(attachments.createdAt))
    : [];
  const byMessage = new Map<string, AttachmentView[]>();
  for (const { f, check, matchId } of files) {
    const list = byMessage.get(f.messageId) ?? [];
    list.push({
      id: f.id,
      fileName: f.fileName,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      withheldReason: f.withheldReason,
      detectedType: check?.sniffedType ?? null,
      kind: check?.kind ?? 'unknown',
      typeMismatch: check?.mismatch ?? false,
      knownMaterial: matchId !== null,
    });
    byMessage.set(f.messageId, list);
  }
  const revisions = ids.length
    ? await db
        .select()
        .from(messageRevisions)
        .where(inArray(messageRevisions.messageId, ids))
        .orderBy(asc(messageRevisions.at))
    : [];
  const history = new Map<string, MessageView['history']>();
  for (const r of revisions) {
    const list = history.get(r.messageId) ?? [];
    list.push({ kind: r.kind, previousText: r.previousText, at: r.at.toISOString() });
    history.set(r.messageId, list);
  }
  return rows.map(({ m, authorName }) => ({
    id: m.id,
    caseId: m.caseId,
    direction: m.direction,
    channel: m.channel,
    externalId: m.externalId,
    text: m.text,
    html: m.html,
    subject: m.subject,
    fields: presentedFields({ channel: m.channel, authorId: m.authorId, fields: m.fields ?? null }),
    authorId: m.authorId,
    authorName,
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    deliveryAt: m.deliveryAt?.toISOString() ?? null,
    reactions: m.reactions ?? [],
    flags: m.flags ?? [],
    editedAt: m.editedAt?.toISOString() ?? null,
    unsentAt: m.unsentAt?.toISOString() ?? null,
    history: history.get(m.id) ?? [],
    createdAt: m.createdAt.toISOString(),
    attachments: byMessage.get(m.id) ?? [],
  }));
}

export async function loadMessage(db: Db, messageId: string): Promise<MessageView> {
  const [m] = await loadMessages(db, eq(messages.id, messageId));
  if (!m) throw new NotFoundError('message');
  return m;
}

type NewMessageRow = Omit<
  MessageView,
  'deliveryAt' | 'editedAt' | 'unsentAt' | 'createdAt' | 'history' | 'attachments'
> & {
  deliveryAt: Date | null;
  editedAt: Date | null;
  unsentAt: Date | null;
  createdAt: Date;
};

/** A message inserted moments ago without files: no attachment rows and no revisions can exist yet. */
function newMessageView(m: NewMessageRow): MessageView {
  return {
    ...m,
    fields: presentedFields({ channel: m.channel, authorId: m.authorId, fields: m.fields ?? null }),
    deliveryAt: m.deliveryAt?.toISOString() ?? null,
    reactions: m.reactions ?? [],
    flags: m.flags ?? [],
    editedAt: m.editedAt?.toISOString() ?? null,
    unsentAt: m.unsentAt?.toISOString() ?? null,
    history: [],
    createdAt: m.createdAt.toISOString(),
    attachments: [],
  };
}

const MESSAGE_COLUMNS = `m.id, m.case_id as "caseId", m.direction, m.channel, m.external_id as "externalId", m.text,
          m.html, m.subject, m.fields, m.author_id as "authorId", u.name as "authorName",
          m.delivery_status as "deliveryStatus", m.delivery_error as "deliveryError",
          m.delivery_at as "deliveryAt", m.reactions, m.flags, m.edited_at as "editedAt",
          m.unsent_at as "unsentAt", m.created_at as "createdAt"`;

/**
 * The new message's view and its case's summary as one row: the message's columns (m, its author
 * u), then the case's (c, its contact ct, its assignee a) as "case.*". Shared by the read below
 * and by the ingest's insert-and-touch statement, which selects them from its own CTEs.
 */
export const APPLIED_VIEW_COLUMNS = `${MESSAGE_COLUMNS}, ${summaryColumns('case.')}`;

const NEW_MESSAGE_WITH_CASE = statement(
  'new_message_with_case',
  `select ${APPLIED_VIEW_COLUMNS}
   from messages m
   join cases c on c.id = m.case_id
   left join contacts ct on ct.id = c.contact_id
   left join users a on a.id = c.assignee_id
   left join users u on u.id = m.author_id
   where m.id = $1`,
);

/** Split a row of APPLIED_VIEW_COLUMNS (a message without files) into the two views. */
export function appliedViewsFromRow(row: Record<string, unknown>): { summary: CaseSummary; message: MessageView } {
  const message: Record<string, unknown> = {};
  const summary: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith('case.')) summary[k.slice(5)] = v;
    else message[k] = v;
  }
  return { summary: toSummary(summary as SummaryRow), message: newMessageView(message as NewMessageRow) };
}

/** What the worker publishes after applying a message: its case's summary and the message's view. */
export async function loadAppliedViews(
  db: Db,
  caseId: string,
  messageId: string,
  withFiles: boolean,
): Promise<{ summary: CaseSummary; message: MessageView }> {
  if (withFiles) return { summary: await loadCaseSummary(db, caseId), message: await loadMessage(db, messageId) };
  const [row] = await runStatement<Record<string, unknown>>(db, NEW_MESSAGE_WITH_CASE, [messageId]);
  if (!row || row['case.id'] !== caseId) throw new NotFoundError('message');
  return appliedViewsFromRow(row);
}
