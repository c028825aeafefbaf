import { domainToUnicode } from 'node:url';
import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { ABUSE_MATERIAL_TAG } from '../domain/system-tags.ts';
import {
  reminderDueAt,
  type UrlActionView,
  type UrlItemDetail,
  type UrlItemView,
  type UrlReportView,
} from '../domain/url-items.ts';
import { OTHER_PLATFORM } from '../domain/url-platforms.ts';
import type { Db } from './db.ts';
import { cases, messages, urlActions, urlItems, urlPlatforms, urlReports, users } from './schema/index.ts';

/** Reported URLs as the inbox shows them, read on any handle (a transaction's too). */

/**
 * A case is restricted when a file in it is on the known-hash list or it carries the "abuse
 * material" tag; an item is restricted when it is assessed as csam or any case that reported it is.
 */
const restrictedCase = (caseId: SQL) =>
  sql`(exists (select 1 from known_hash_matches k where k.case_id = ${caseId})
    or exists (select 1 from case_tags ct where ct.case_id = ${caseId} and ct.tag = ${ABUSE_MATERIAL_TAG}))`;

export const itemRestricted: SQL = sql`(${urlItems.assessment} is not distinct from 'csam' or exists (
  select 1 from url_reports rr join messages rm on rm.id = rr.message_id
  where rr.url_id = ${urlItems.id} and ${restrictedCase(sql`rm.case_id`)}))`;

const knownHashMatch: SQL = sql`exists (
  select 1 from url_reports kr join messages km on km.id = kr.message_id
  join known_hash_matches kk on kk.case_id = km.case_id where kr.url_id = ${urlItems.id})`;

export const itemColumns = {
  item: urlItems,
  platformName: urlPlatforms.name,
  assessorName: users.name,
  restricted: sql<boolean>`${itemRestricted}`.mapWith(Boolean),
  knownHashMatch: sql<boolean>`${knownHashMatch}`.mapWith(Boolean),
};

/** The select every view starts from; add where, order and limit. */
export const itemQuery = (t: Db) =>
  t
    .select(itemColumns)
    .from(urlItems)
    .leftJoin(urlPlatforms, eq(urlPlatforms.code, urlItems.platform))
    .leftJoin(users, eq(users.id, urlItems.assessedBy));

export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['execute']>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toItemView(r: ItemRow, reminderDays: number, now: Date): UrlItemView {
  const i = r.item;
  const due = reminderDueAt(i.status, i, reminderDays);
  return {
    id: i.id,
    url: i.url,
    host: i.host,
    hostUnicode: domainToUnicode(i.host) || i.host,
    platform: i.platform ?? OTHER_PLATFORM,
    platformName: r.platformName,
    assessment: i.assessment,
    assessedAt: iso(i.assessedAt),
    assessedBy: i.assessedBy && r.assessorName ? { id: i.assessedBy, name: r.assessorName } : null,
    hostingCountry: i.hostingCountry,
    status: i.status,
    reportCount: i.reportCount,
    firstReportedAt: i.firstReportedAt.toISOString(),
    lastReportedAt: i.lastReportedAt.toISOString(),
    lastActionAt: iso(i.lastActionAt),
    removedAt: iso(i.removedAt),
    reminderDueAt: iso(due),
    overdue: due !== null && due < now,
    knownHashMatch: r.knownHashMatch,
    restricted: r.restricted,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export async function itemViews(t: Db, ids: string[], reminderDays: number, now: Date): Promise<UrlItemView[]> {
  if (ids.length === 0) return [];
  const rows = await itemQuery(t).where(inArray(urlItems.id, ids));
  return rows.map((r) => toItemView(r, reminderDays, now));
}

export async function itemDetail(t: Db, id: string, reminderDays: number, now: Date): Promise<UrlItemDetail | null> {
  const [row] = await itemQuery(t).where(eq(urlItems.id, id));
  if (!row) return null;
  const reports = await t
    .select({
      messageId: urlReports.messageId,
      caseId: messages.caseId,
      caseReference: cases.reference,
      channel: urlReports.channel,
      reportedAt: urlReports.reportedAt,
    })
    .from(urlReports)
    .innerJoin(messages, eq(messages.id, urlReports.messageId))
    .innerJoin(cases, eq(cases.id, messages.caseId))
    .where(eq(urlReports.urlId, id))
    .orderBy(asc(urlReports.reportedAt), asc(urlReports.id));
  const actions = await t
    .select({ action: urlActions, byName: users.name })
    .from(urlActions)
    .leftJoin(users, eq(users.id, urlActions.byId))
    .where(eq(urlActions.urlId, id))
    .orderBy(asc(urlActions.at), asc(urlActions.createdAt));
  const [platform] = row.item.platform
    ? await t.select().from(urlPlatforms).where(eq(urlPlatforms.code, row.item.platform))
    : [];
  return {
    ...toItemView(row, reminderDays, now),
    platformInfo: platform
      ? { code: platform.code, name: platform.name, abuseEmail: platform.abuseEmail, abuseUrl: platform.abuseUrl }
      : null,
    reports: reports.map((r): UrlReportView => ({ ...r, reportedAt: r.reportedAt.toISOString() })),
    actions: actions.map(
      ({ action: a, byName }): UrlActionView => ({
        id: a.id,
        kind: a.kind,
        at: a.at.toISOString(),
        note: a.note,
        by: a.byId && byName ? { id: a.byId, name: byName } : null,
        createdAt: a.createdAt.toISOString(),
      }),
    ),
  };
}
