import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { NotFoundError } from '../domain/errors.ts';
import { firstResponseDueAt } from '../domain/service-levels.ts';
import type { AttachmentView, CaseSummary, MessageView } from '../domain/views.ts';
import type { Db } from './db.ts';
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

export const caseSummaryColumns = {
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

export async function loadCaseSummary(db: Db, caseId: string): Promise<CaseSummary> {
  const [row] = await summaryQuery(db).where(eq(cases.id, caseId)).limit(1);
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
    fields: m.fields ?? null,
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
