import { type AnyColumn, and, count, countDistinct, gte, lte, type SQL, sql, sum } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { outreachActivities as oa } from '../store/schema/index.ts';
import { OUTREACH_KINDS, type OutreachKind, type OutreachPeriod, type OutreachTotals } from './outreach.ts';

const inPeriod = (p: OutreachPeriod): SQL | undefined =>
  and(p.from ? gte(oa.heldOn, p.from) : undefined, p.to ? lte(oa.heldOn, p.to) : undefined);

const total = (column: AnyColumn) => sql<number>`coalesce(${sum(column)}, 0)::int`;
const distinctOf = (kind: string) =>
  sql<number>`(${countDistinct(oa.institutionKey)} filter (where ${oa.institutionKind} = ${kind}))::int`;

/**
 * The register's figures for a period (dates inclusive, either end open): activities by kind,
 * distinct schools and health centres (by folded name and municipality, whatever the activity),
 * and the audience summed. Two aggregate statements over the activities' date index.
 */
export async function outreachTotals(db: Db, period: OutreachPeriod = {}): Promise<OutreachTotals> {
  const where = inPeriod(period);
  const [sums] = await db
    .select({
      primary: distinctOf('primary_school'),
      secondary: distinctOf('secondary_school'),
      healthCentres: distinctOf('health_centre'),
      students: total(oa.students),
      parents: total(oa.parents),
      teachers: total(oa.teachers),
      healthWorkers: total(oa.healthWorkers),
      others: total(oa.others),
    })
    .from(oa)
    .where(where);
  const byKind = await db
    .select({ kind: oa.kind, n: sql<number>`${count()}::int` })
    .from(oa)
    .where(where)
    .groupBy(oa.kind);
  const activitiesByKind = Object.fromEntries(OUTREACH_KINDS.map((k) => [k, 0])) as Record<OutreachKind, number>;
  for (const r of byKind) if (r.kind in activitiesByKind) activitiesByKind[r.kind as OutreachKind] = Number(r.n);
  return {
    activitiesByKind,
    distinctSchools: { primary: Number(sums?.primary ?? 0), secondary: Number(sums?.secondary ?? 0) },
    distinctHealthCentres: Number(sums?.healthCentres ?? 0),
    students: Number(sums?.students ?? 0),
    parents: Number(sums?.parents ?? 0),
    teachers: Number(sums?.teachers ?? 0),
    healthWorkers: Number(sums?.healthWorkers ?? 0),
    others: Number(sums?.others ?? 0),
  };
}
