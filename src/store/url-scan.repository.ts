import { and, asc, eq, gt, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PlatformSeed, PlatformView } from '../domain/url-platforms.ts';
import type { ScanFinding, UrlScanStorePort } from '../domain/url-scan.ts';
import type { Db } from './db.ts';
import { cases, messages, urlItems, urlPlatforms, urlReports, urlScanState, urlScans } from './schema/index.ts';

const SWEEP = 'sweep';

const pendingColumns = {
  id: messages.id,
  caseId: messages.caseId,
  channel: messages.channel,
  direction: messages.direction,
  text: messages.text,
  html: messages.html,
  subject: messages.subject,
  fields: messages.fields,
  flags: messages.flags,
  receivedAt: messages.receivedAt,
  createdAt: messages.createdAt,
};

/**
 * Messages the scan reads: what a reporter sent, and calls (see reportedTexts in
 * domain/url-sources.ts); our replies and notes are never read, so they get no mark either.
 */
const scannable: SQL = sql`(${messages.direction} = 'inbound' or ${messages.channel} = 'phone')
  and not exists (select 1 from ${urlScans} s where s.message_id = ${messages.id})`;

export const toPlatformView = (r: typeof urlPlatforms.$inferSelect): PlatformView => ({
  code: r.code,
  name: r.name,
  hosts: r.hosts,
  abuseEmail: r.abuseEmail,
  abuseUrl: r.abuseUrl,
  position: r.position,
  retiredAt: r.retiredAt?.toISOString() ?? null,
});

/** Insert the platforms that are missing; an admin's edits to existing rows are never undone. */
export async function seedUrlPlatforms(db: Db, seeds: readonly PlatformSeed[], now = new Date()): Promise<void> {
  if (seeds.length === 0) return;
  await db
    .insert(urlPlatforms)
    .values(seeds.map((s) => ({ ...s, createdAt: now, updatedAt: now })))
    .onConflictDoNothing();
}

export function createUrlScanRepository(db: Db): UrlScanStorePort {
  return {
    async pending(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .select(pendingColumns)
        .from(messages)
        .where(and(inArray(messages.id, ids), scannable));
      return rows;
    },

    async pendingOfActiveCases(after, to, limit) {
      const since = after.id
        ? or(gt(cases.lastActivityAt, after.at), and(eq(cases.lastActivityAt, after.at), gt(cases.id, after.id)))
        : gte(cases.lastActivityAt, after.at);
      const active = await db
        .select({ id: cases.id, lastActivityAt: cases.lastActivityAt })
        .from(cases)
        .where(and(since, lt(cases.lastActivityAt, to)))
        .orderBy(asc(cases.lastActivityAt), asc(cases.id))
        .limit(limit);
      if (active.length === 0) return { messages: [], cases: [] };
      const rows = await db
        .select(pendingColumns)
        .from(messages)
        .where(
          and(
            inArray(
              messages.caseId,
              active.map((c) => c.id),
            ),
            scannable,
          ),
        )
        .orderBy(asc(messages.createdAt), asc(messages.id));
      return { messages: rows, cases: active };
    },

    async platforms() {
      const rows = await db.select().from(urlPlatforms).orderBy(asc(urlPlatforms.position), asc(urlPlatforms.code));
      return rows.map(toPlatformView);
    },

    record: (findings, now) => db.transaction((t) => recordFindings(t, findings, now)),

    async sweptThrough() {
      const [row] = await db
        .select({ through: urlScanState.through })
        .from(urlScanState)
        .where(eq(urlScanState.name, SWEEP));
      return row?.through ?? null;
    },

    async setSweptThrough(at) {
      await db
        .insert(urlScanState)
        .values({ name: SWEEP, through: at })
        .onConflictDoUpdate({
          target: urlScanState.name,
          set: { through: sql`greatest(${urlScanState.through}, excluded.through)` },
        });
    },
  };
}

async function recordFindings(
  t: Db,
  findings: ScanFinding[],
  now: Date,
): Promise<{ created: string[]; updated: string[] }> {
  if (findings.length === 0) return { created: [], updated: [] };
  // The mark decides which run records a message: one that another run marked first is its.
  const marked = await t
    .insert(urlScans)
    .values(findings.map((f) => ({ messageId: f.message.id, scannedAt: now, found: f.urls.length })))
    .onConflictDoNothing()
    .returning({ messageId: urlScans.messageId });
  const mine = new Set(marked.map((m) => m.messageId));
  const reports = findings.filter((f) => mine.has(f.message.id)).flatMap((f) => f.urls.map((u) => ({ f, u })));
  if (reports.length === 0) return { created: [], updated: [] };

  const firstOf = new Map<string, (typeof reports)[number]>();
  for (const r of reports) {
    const seen = firstOf.get(r.u.key);
    if (!seen || r.f.message.receivedAt < seen.f.message.receivedAt) firstOf.set(r.u.key, r);
  }
  const createdRows = await t
    .insert(urlItems)
    .values(
      [...firstOf.values()].map(({ f, u }) => ({
        key: u.key,
        url: u.url,
        host: u.host,
        platform: u.platform,
        firstReportedAt: f.message.receivedAt,
        lastReportedAt: f.message.receivedAt,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: urlItems.key })
    .returning({ id: urlItems.id });
  const ids = await t
    .select({ id: urlItems.id, key: urlItems.key })
    .from(urlItems)
    .where(inArray(urlItems.key, [...firstOf.keys()]));
  const idOf = new Map(ids.map((r) => [r.key, r.id]));

  const inserted = await t
    .insert(urlReports)
    .values(
      reports.flatMap(({ f, u }) => {
        const urlId = idOf.get(u.key);
        return urlId
          ? [{ urlId, messageId: f.message.id, channel: f.message.channel, reportedAt: f.message.receivedAt }]
          : [];
      }),
    )
    .onConflictDoNothing()
    .returning({ urlId: urlReports.urlId, reportedAt: urlReports.reportedAt });
  // Per item: how many reports were added, and their earliest and latest times (ms).
  const perItem = new Map<string, { n: number; first: number; last: number }>();
  for (const r of inserted) {
    const at = r.reportedAt.getTime();
    const p = perItem.get(r.urlId) ?? { n: 0, first: at, last: at };
    perItem.set(r.urlId, { n: p.n + 1, first: Math.min(at, p.first), last: Math.max(at, p.last) });
  }
  // In id order, so that two runs touching the same items lock them in the same order.
  for (const id of [...perItem.keys()].sort()) {
    const p = perItem.get(id);
    if (!p) continue;
    await t
      .update(urlItems)
      .set({
        reportCount: sql`${urlItems.reportCount} + ${p.n}`,
        firstReportedAt: sql`least(${urlItems.firstReportedAt}, ${new Date(p.first).toISOString()}::timestamptz)`,
        lastReportedAt: sql`greatest(${urlItems.lastReportedAt}, ${new Date(p.last).toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(eq(urlItems.id, id));
  }
  const created = new Set(createdRows.map((r) => r.id));
  return {
    created: [...created],
    updated: [...perItem.keys()].filter((id) => !created.has(id)),
  };
}
