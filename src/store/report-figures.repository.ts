import { type SQL, sql } from 'drizzle-orm';
import {
  belgradeMidnight,
  type ChannelCounts,
  type Count,
  entryOf,
  type Names,
  nextDay,
  type ReportFigures,
  type ReportFiguresPort,
  UNSET,
} from '../domain/report-figures.ts';
import type { Db } from './db.ts';
import { categories, districts, institutions, subcategories } from './schema/index.ts';

type Row = Record<string, unknown>;
const rowsOf = async (db: Db, q: SQL): Promise<Row[]> => ((await db.execute(q)) as unknown as { rows: Row[] }).rows;
const num = (v: unknown): number => Number(v ?? 0);
const rounded = (v: unknown, digits = 0): number | null =>
  v === null || v === undefined ? null : Math.round(Number(v) * 10 ** digits) / 10 ** digits;

/**
 * The dimensions counted in one pass over the period's cases (GROUPING SETS); the order is the
 * order of grouping()'s bits, the first column the highest bit.
 */
const DIMENSIONS = [
  'channel',
  'category',
  'subcategory',
  'reporter_role',
  'age_group',
  'gender',
  'place_district',
  'month',
] as const;
type Dimension = (typeof DIMENSIONS)[number];
const SETS: Record<string, Dimension[]> = {
  byChannel: ['channel'],
  byCategory: ['category'],
  bySubcategory: ['category', 'subcategory'],
  byReporterRole: ['reporter_role'],
  byAgeGroup: ['age_group'],
  byGender: ['gender'],
  byDistrict: ['place_district'],
  byMonth: ['month'],
  total: [],
};
/** grouping(a, b, …) has a 1 bit for every column the row is not grouped by. */
const maskOf = (set: Dimension[]) =>
  DIMENSIONS.reduce((m, d, i) => (set.includes(d) ? m : m | (1 << (DIMENSIONS.length - 1 - i))), 0);

const sorted = (rows: Count[]) => rows.sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));

/** The yearly report's figures: a handful of aggregate statements, each one pass over its table. */
export function createReportFiguresRepository(db: Db): ReportFiguresPort {
  return {
    async figures(period) {
      const from = belgradeMidnight(period.from);
      const end = belgradeMidnight(nextDay(period.to));
      const inPeriod = sql`c.created_at >= ${from} and c.created_at < ${end} and c.merged_into_id is null`;
      const cols = sql.raw(DIMENSIONS.join(', '));
      const sets = sql.raw(
        Object.values(SETS)
          .map((s) => `(${s.join(', ')})`)
          .join(', '),
      );
      const [grouped, interventions, byYear, messages, calls, referrals, outcomes, firstResponse] = await Promise.all([
        rowsOf(
          db,
          sql`select ${cols}, grouping(${cols}) as g, count(*)::int as n
            from (select c.channel, c.category, c.subcategory, c.reporter_role, c.age_group, c.gender,
                    c.place_district, to_char(c.created_at at time zone 'Europe/Belgrade', 'YYYY-MM') as month
                  from cases c where ${inPeriod}) c
            group by grouping sets (${sets})`,
        ),
        rowsOf(
          db,
          sql`select i as key, count(*)::int as n from cases c, unnest(c.interventions) i where ${inPeriod} group by 1`,
        ),
        rowsOf(
          db,
          sql`select extract(year from c.created_at at time zone 'Europe/Belgrade')::int as year, c.channel,
              count(*)::int as n
            from cases c where c.created_at < ${end} and c.merged_into_id is null group by 1, 2 order by 1, 2`,
        ),
        rowsOf(
          db,
          sql`select m.channel, count(*) filter (where m.created_at >= ${from})::int as period, count(*)::int as to_date
            from messages m where m.direction = 'inbound' and m.created_at < ${end} group by 1`,
        ),
        rowsOf(
          db,
          sql`select count(*) filter (where p.started_at >= ${from})::int as period, count(*)::int as to_date
            from phone_calls p where p.started_at < ${end}`,
        ),
        rowsOf(
          db,
          sql`select r.institution, count(*)::int as referrals, count(a.at)::int as answered,
              percentile_cont(0.5) within group (order by extract(epoch from a.at - coalesce(r.sent_at, r.created_at)) / 3600)
                filter (where a.at is not null) as median_hours
            from referrals r
            cross join lateral (select least(r.answered_at,
              (select l.answered_at from referral_links l where l.referral_id = r.id)) as at) a
            where r.status <> 'draft' and r.created_at >= ${from} and r.created_at < ${end}
            group by 1 order by 2 desc, 1`,
        ),
        rowsOf(
          db,
          sql`select count(*)::int as recorded, count(o.message_id)::int as sent from case_outcomes o
            where o.recorded_at >= ${from} and o.recorded_at < ${end}`,
        ),
        rowsOf(
          db,
          sql`select percentile_cont(0.5) within group (order by extract(epoch from c.first_response_at - c.created_at) / 60)
              as minutes
            from cases c where ${inPeriod} and c.first_response_at is not null`,
        ),
      ]);

      const pick = (set: Dimension[]): Count[] =>
        sorted(
          grouped
            .filter((r) => num(r.g) === maskOf(set))
            .map((r) => ({
              key: set.map((d) => (r[d] === null || r[d] === undefined ? UNSET : String(r[d]))).join('/'),
              n: num(r.n),
            })),
        );
      // A case without a sub-category is not a sub-category: those rows are left out of that table.
      const bySubcategory = pick(SETS.bySubcategory ?? []).filter((r) => !r.key.endsWith(`/${UNSET}`));
      const channels = new Map<string, ChannelCounts>();
      const toDate = new Map<string, ChannelCounts>();
      const at = (m: Map<string, ChannelCounts>, channel: string) =>
        entryOf(m, channel, () => ({ channel, cases: 0, messages: 0, calls: 0 }));
      for (const r of pick(SETS.byChannel ?? [])) at(channels, r.key).cases = r.n;
      for (const r of byYear) at(toDate, String(r.channel)).cases += num(r.n);
      for (const r of messages) {
        if (num(r.period) > 0) at(channels, String(r.channel)).messages = num(r.period);
        at(toDate, String(r.channel)).messages = num(r.to_date);
      }
      if (num(calls[0]?.period) > 0) at(channels, 'phone').calls = num(calls[0]?.period);
      if (num(calls[0]?.to_date) > 0) at(toDate, 'phone').calls = num(calls[0]?.to_date);
      const byChannel = (m: Map<string, ChannelCounts>) =>
        [...m.values()].sort((a, b) => b.cases - a.cases || a.channel.localeCompare(b.channel));

      const result: ReportFigures = {
        totalCases: num(grouped.find((r) => num(r.g) === maskOf([]))?.n),
        channels: byChannel(channels),
        channelsToDate: byChannel(toDate),
        casesByYear: byYear.map((r) => ({ year: num(r.year), channel: String(r.channel), n: num(r.n) })),
        byCategory: pick(SETS.byCategory ?? []),
        bySubcategory,
        byReporterRole: pick(SETS.byReporterRole ?? []),
        byAgeGroup: pick(SETS.byAgeGroup ?? []),
        byGender: pick(SETS.byGender ?? []),
        byDistrict: pick(SETS.byDistrict ?? []),
        byChannel: pick(SETS.byChannel ?? []),
        byMonth: pick(SETS.byMonth ?? []).sort((a, b) => a.key.localeCompare(b.key)),
        byIntervention: sorted(interventions.map((r) => ({ key: String(r.key), n: num(r.n) }))),
        referrals: referrals.map((r) => ({
          institution: String(r.institution),
          referrals: num(r.referrals),
          answered: num(r.answered),
          medianHoursToAnswer: rounded(r.median_hours, 1),
        })),
        outcomeNotices: { recorded: num(outcomes[0]?.recorded), sent: num(outcomes[0]?.sent) },
        medianFirstResponseMinutes: rounded(firstResponse[0]?.minutes),
      };
      return result;
    },

    async labels() {
      const [cats, subs, ds, inst] = await Promise.all([
        db.select({ code: categories.code, labels: categories.labels }).from(categories),
        db.select({ code: subcategories.code, labels: subcategories.labels }).from(subcategories),
        db.select().from(districts),
        db.select().from(institutions),
      ]);
      const names = (r: { nameSrLatn: string; nameSrCyrl: string; nameEn: string }): Names => ({
        'sr-Latn': r.nameSrLatn,
        'sr-Cyrl': r.nameSrCyrl,
        en: r.nameEn,
      });
      return {
        categories: Object.fromEntries(cats.map((c) => [c.code, c.labels])),
        subcategories: Object.fromEntries(subs.map((c) => [c.code, c.labels])),
        districts: Object.fromEntries(ds.map((d) => [d.code, names(d)])),
        institutions: Object.fromEntries(inst.map((i) => [i.code, names(i)])),
      };
    },
  };
}
