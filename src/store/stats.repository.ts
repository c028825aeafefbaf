import { type SQL, sql } from 'drizzle-orm';
import { type CaseStats, NONE_KEY, REFERRAL_STATES, type StatsPort } from '../domain/stats.ts';
import type { Db } from './db.ts';

type Row = Record<string, unknown>;

const rowsOf = async (db: Db, q: SQL): Promise<Row[]> => ((await db.execute(q)) as unknown as { rows: Row[] }).rows;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));

/** Every figure is one GROUP BY over the period's cases; see the report for the created_at index it wants. */
export function createStatsRepository(db: Db): StatsPort {
  return {
    async caseStats({ from, to }) {
      // A case merged into another is counted once, as the case it went into (its messages moved there).
      const inPeriod = sql`c.created_at >= ${from} and c.created_at < ${to} and c.merged_into_id is null`;
      const grouped = (column: SQL) =>
        rowsOf(
          db,
          sql`select coalesce(${column}, ${NONE_KEY}) as key, count(*)::int as cases
              from cases c where ${inPeriod} group by 1 order by 2 desc, 1`,
        );
      const median = (col: SQL) =>
        sql`percentile_cont(0.5) within group (order by extract(epoch from ${col} - c.created_at) / 60)
              filter (where ${col} is not null)`;
      const [channel, messagesByChannel, category, role, priority, month, totals, times, callbacks, referrals] =
        await Promise.all([
          grouped(sql`c.channel`),
          rowsOf(
            db,
            sql`select m.channel as key, count(*)::int as n from messages m
              where m.direction = 'inbound' and m.created_at >= ${from} and m.created_at < ${to}
              group by 1`,
          ),
          grouped(sql`c.category`),
          grouped(sql`c.reporter_role`),
          grouped(sql`c.priority`),
          rowsOf(
            db,
            sql`select to_char(c.created_at at time zone 'Europe/Belgrade', 'YYYY-MM') as key, count(*)::int as cases
              from cases c where ${inPeriod} group by 1 order by 1`,
          ),
          rowsOf(
            db,
            sql`select count(*)::int as total,
                ${median(sql`c.first_response_at`)} as first_response,
                ${median(sql`c.closed_at`)} as close,
                count(c.first_response_at)::int as responded,
                count(*) filter (where c.first_response_at <= c.first_response_due_at)::int as within_target,
                count(*) filter (where c.first_response_at is null and c.closed_at is null
                  and c.first_response_due_at < ${new Date().toISOString()}::timestamptz)::int as overdue,
                count(c.closed_at)::int as closed
              from cases c where ${inPeriod}`,
          ),
          rowsOf(
            db,
            sql`select to_char(c.created_at at time zone 'Europe/Belgrade', 'YYYY-MM') as key,
                ${median(sql`c.first_response_at`)} as first_response, ${median(sql`c.closed_at`)} as close
              from cases c where ${inPeriod} group by 1 order by 1`,
          ),
          rowsOf(
            db,
            sql`select
                (select count(*)::int from phone_callbacks b where b.created_at >= ${from} and b.created_at < ${to}) as opened,
                (select count(*)::int from phone_callbacks b where b.status = 'done'
                   and b.completed_at >= ${from} and b.completed_at < ${to}) as done`,
          ),
          rowsOf(
            db,
            sql`select r.institution as key, count(*)::int as referrals,
                ${sql.join(
                  REFERRAL_STATES.map((s) => sql`count(*) filter (where r.status = ${s})::int as ${sql.identifier(s)}`),
                  sql`, `,
                )}
              from referrals r where r.status <> 'draft' and r.created_at >= ${from} and r.created_at < ${to}
              group by 1 order by 2 desc, 1`,
          ),
        ]);
      const inbound = new Map(messagesByChannel.map((r) => [String(r.key), num(r.n)]));
      const keys = new Set([...channel.map((r) => String(r.key)), ...inbound.keys()]);
      const casesByChannel = new Map(channel.map((r) => [String(r.key), num(r.cases)]));
      const list = (rows: Row[]) => rows.map((r) => ({ key: String(r.key), cases: num(r.cases) }));
      const t = totals[0] ?? {};
      const result: CaseStats = {
        from: from.toISOString(),
        to: to.toISOString(),
        totalCases: num(t.total),
        byChannel: [...keys]
          .map((key) => ({ key, cases: casesByChannel.get(key) ?? 0, inboundMessages: inbound.get(key) ?? 0 }))
          .sort((a, b) => b.cases - a.cases || a.key.localeCompare(b.key)),
        byCategory: list(category),
        byReporterRole: list(role),
        byPriority: list(priority),
        byMonth: list(month),
        medianMinutesToFirstResponse: numOrNull(t.first_response),
        medianMinutesToClose: numOrNull(t.close),
        serviceLevel: {
          responded: num(t.responded),
          respondedWithinTarget: num(t.within_target),
          unansweredOverdue: num(t.overdue),
          closed: num(t.closed),
        },
        timesByMonth: times.map((r) => ({
          key: String(r.key),
          medianMinutesToFirstResponse: numOrNull(r.first_response),
          medianMinutesToClose: numOrNull(r.close),
        })),
        callbacks: { opened: num(callbacks[0]?.opened), done: num(callbacks[0]?.done) },
        referralsByInstitution: referrals.map((r) => ({
          key: String(r.key),
          referrals: num(r.referrals),
          sent: num(r.sent),
          acknowledged: num(r.acknowledged),
          answered: num(r.answered),
          closed: num(r.closed),
        })),
      };
      return result;
    },
  };
}
