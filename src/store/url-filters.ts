import { and, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { UrlListFilter } from '../domain/url.service.ts';
import { OPEN_URL_STATUSES } from '../domain/url-items.ts';
import { OTHER_PLATFORM } from '../domain/url-platforms.ts';
import { messages, urlItems, urlReports } from './schema/index.ts';
import { itemRestricted } from './url-views.ts';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const DAY_MS = 86_400_000;

/** The filters the list, the export and the figures share. */
export function urlFilters(
  f: Omit<UrlListFilter, 'cursor' | 'limit'>,
  reminderDays: number,
  now: Date,
): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (!f.includeRestricted) where.push(sql`not ${itemRestricted}`);
  if (f.assessment?.length) {
    const named = f.assessment.filter((a) => a !== 'none');
    where.push(
      or(
        named.length ? inArray(urlItems.assessment, named) : undefined,
        f.assessment.includes('none') ? isNull(urlItems.assessment) : undefined,
      ),
    );
  }
  if (f.platform?.length) {
    const named = f.platform.filter((p) => p !== OTHER_PLATFORM);
    where.push(
      or(
        named.length ? inArray(urlItems.platform, named) : undefined,
        f.platform.includes(OTHER_PLATFORM) ? isNull(urlItems.platform) : undefined,
      ),
    );
  }
  if (f.status?.length) {
    const statuses = f.status.flatMap((s) => (s === 'open' ? OPEN_URL_STATUSES : s === 'overdue' ? [] : [s]));
    const overdue = f.status.includes('overdue')
      ? and(
          inArray(urlItems.status, [...OPEN_URL_STATUSES]),
          sql`greatest(${urlItems.firstReportedAt}, ${urlItems.assessedAt}, ${urlItems.lastActionAt}) < ${new Date(now.getTime() - reminderDays * DAY_MS).toISOString()}::timestamptz`,
        )
      : undefined;
    where.push(or(statuses.length ? inArray(urlItems.status, statuses) : undefined, overdue));
  }
  if (f.q?.length) where.push(or(...f.q.map((q) => ilike(urlItems.url, `%${likeEscape(q)}%`))));
  if (f.caseId)
    where.push(
      sql`exists (select 1 from ${urlReports} r join ${messages} m on m.id = r.message_id
        where r.url_id = ${urlItems.id} and m.case_id = ${f.caseId})`,
    );
  if (f.from) where.push(sql`${urlItems.firstReportedAt} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`${urlItems.firstReportedAt} < ${f.to.toISOString()}::timestamptz`);
  return where;
}
