import { isNull, type SQL, sql } from 'drizzle-orm';
import { type FirstResponseTargets, firstResponseTargets } from '../domain/service-levels.ts';
import type { Db } from './db.ts';
import { cases } from './schema/index.ts';

/** Arrival + the target of a priority, in SQL (see firstResponseDueAt). */
const dueFromArrival = (minutes: SQL) => sql`${cases.createdAt} + interval '1 minute' * ${minutes}`;

/** The stored due time of a case raised to urgent inside the ingest transaction. */
export function raisedDue(targets: FirstResponseTargets = firstResponseTargets()): SQL<Date> {
  return sql<Date>`${dueFromArrival(sql`${targets.urgent}::int`)}`;
}

/** Cases stored before due times were (or by tools that insert rows themselves): computed once, at start. */
export async function backfillFirstResponseDue(db: Db, t: FirstResponseTargets): Promise<void> {
  const minutes = sql`(case ${cases.priority} when 'urgent' then ${t.urgent}::int when 'high' then ${t.high}::int
    when 'normal' then ${t.normal}::int else ${t.low}::int end)`;
  await db
    .update(cases)
    .set({ firstResponseDueAt: dueFromArrival(minutes) })
    .where(isNull(cases.firstResponseDueAt));
}
