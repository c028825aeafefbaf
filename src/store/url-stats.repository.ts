import { and, asc, inArray, type SQL, sql } from 'drizzle-orm';
import type { UrlStorePort } from '../domain/url.service.ts';
import { OPEN_URL_STATUSES, type UrlAssessment } from '../domain/url-items.ts';
import { OTHER_PLATFORM } from '../domain/url-platforms.ts';
import { NONE_KEY, OPEN_AGE_BUCKETS, OPEN_AGE_FROM_DAYS, type UrlExportRow } from '../domain/url-stats.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { urlActions, urlItems } from './schema/index.ts';
import { urlFilters } from './url-filters.ts';
import { itemViews } from './url-views.ts';

type Row = Record<string, unknown>;
const rowsOf = async (db: Db, q: SQL): Promise<Row[]> => ((await db.execute(q)) as unknown as { rows: Row[] }).rows;
const num = (v: unknown): number => Number(v ?? 0);
const minutes = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const DAY_MS = 86_400_000;

/** Minutes from first report to the confirmed takedown, over the removed items of a group. */
const takedownMinutes = (p: number) =>
  sql`percentile_cont(${p}) within group (order by extract(epoch from i.removed_at - i.first_reported_at) / 60)
    filter (where i.status = 'removed')`;

/** The export, the figures and the reminder pass: the reads and writes that span many items. */
export function createUrlFiguresRepository(
  db: Db,
  opts: { reminderDays: number },
): Pick<UrlStorePort, 'exportRows' | 'stats' | 'remindDue'> {
  return {
    async exportRows(f, limit) {
      const items = await db
        .select()
        .from(urlItems)
        .where(and(sql`${urlItems.assessment} is not null`, ...urlFilters(f, opts.reminderDays, new Date())))
        .orderBy(asc(urlItems.firstReportedAt), asc(urlItems.id))
        .limit(limit);
      const ids = items.map((i) => i.id);
      const actions = ids.length
        ? await db
            .select({ urlId: urlActions.urlId, kind: urlActions.kind, at: urlActions.at })
            .from(urlActions)
            .where(inArray(urlActions.urlId, ids))
            .orderBy(asc(urlActions.at), asc(urlActions.createdAt))
        : [];
      return items.map(
        (i): UrlExportRow => ({
          url: i.url,
          host: i.host,
          platform: i.platform ?? OTHER_PLATFORM,
          hostingCountry: i.hostingCountry,
          assessment: i.assessment as UrlAssessment,
          assessedAt: iso(i.assessedAt),
          firstReportedAt: i.firstReportedAt.toISOString(),
          lastReportedAt: i.lastReportedAt.toISOString(),
          reportCount: i.reportCount,
          status: i.status,
          removedAt: iso(i.removedAt),
          actions: actions.filter((a) => a.urlId === i.id).map((a) => ({ kind: a.kind, at: a.at.toISOString() })),
        }),
      );
    },

    async stats({ from, to }, now) {
      const inPeriod = sql`i.first_reported_at >= ${from} and i.first_reported_at < ${to}`;
      const grouped = (column: SQL) =>
        rowsOf(
          db,
          sql`select coalesce(${column}, ${NONE_KEY}) as key, count(*)::int as items
              from url_items i where ${inPeriod} group by 1 order by 2 desc, 1`,
        );
      const open = sql`i.status in (${sql.join(
        OPEN_URL_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})`;
      const ageBucket = sql.join(
        [...OPEN_AGE_BUCKETS]
          .reverse()
          .map(
            (b) =>
              sql`when i.first_reported_at <= ${new Date(now.getTime() - OPEN_AGE_FROM_DAYS[b] * DAY_MS)} then ${b}`,
          ),
        sql` `,
      );
      const [assessment, country, platform, total, ages] = await Promise.all([
        grouped(sql`i.assessment`),
        grouped(sql`i.hosting_country`),
        rowsOf(
          db,
          sql`select coalesce(i.platform, ${OTHER_PLATFORM}) as key, count(*)::int as items,
              count(*) filter (where i.status = 'removed')::int as removed,
              ${takedownMinutes(0.5)} as median, ${takedownMinutes(0.9)} as p90
            from url_items i where ${inPeriod} group by 1 order by 2 desc, 1`,
        ),
        rowsOf(
          db,
          sql`select count(*)::int as items, count(*) filter (where i.status = 'removed')::int as removed,
              ${takedownMinutes(0.5)} as median, ${takedownMinutes(0.9)} as p90
            from url_items i where ${inPeriod}`,
        ),
        rowsOf(
          db,
          sql`select case ${ageBucket} else ${OPEN_AGE_BUCKETS[0]} end as key, count(*)::int as items
            from url_items i where ${open} group by 1`,
        ),
      ]);
      const t = total[0] ?? {};
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        totalItems: num(t.items),
        byAssessment: assessment.map((r) => ({ key: String(r.key), items: num(r.items) })),
        byPlatform: platform.map((r) => ({
          key: String(r.key),
          items: num(r.items),
          removed: num(r.removed),
          medianMinutesToTakedown: minutes(r.median),
          p90MinutesToTakedown: minutes(r.p90),
        })),
        byHostingCountry: country.map((r) => ({ key: String(r.key), items: num(r.items) })),
        takedown: { removed: num(t.removed), medianMinutes: minutes(t.median), p90Minutes: minutes(t.p90) },
        openByAge: OPEN_AGE_BUCKETS.map((key) => ({ key, items: num(ages.find((a) => a.key === key)?.items) })),
      };
    },

    remindDue: (now) =>
      db.transaction(async (t) => {
        const since = sql`greatest(${urlItems.firstReportedAt}, ${urlItems.assessedAt}, ${urlItems.lastActionAt})`;
        const due = sql`${since} + make_interval(days => ${opts.reminderDays})`;
        const rows = await t
          .update(urlItems)
          .set({ remindedAt: now })
          .where(
            and(
              inArray(urlItems.status, [...OPEN_URL_STATUSES]),
              sql`${due} < ${now.toISOString()}::timestamptz`,
              sql`(${urlItems.remindedAt} is null or ${urlItems.remindedAt} < ${due})`,
            ),
          )
          .returning({ id: urlItems.id });
        await writeAudit(
          t,
          rows.map((r) => ({ actorId: null, action: 'url.reminder', entityType: 'url', entityId: r.id })),
          now,
        );
        return itemViews(
          t,
          rows.map((r) => r.id),
          opts.reminderDays,
          now,
        );
      }),
  };
}
