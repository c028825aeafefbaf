import { sql } from 'drizzle-orm';
import { formatReference } from '../domain/reference.ts';
import type { Db } from './db.ts';

/** Per database handle: tests and tools open several stores in one process. */
const ensuredYears = new WeakMap<object, Set<number>>();
const sequenceFor = (year: number) => `case_reference_${year}`;

/**
 * One sequence per year (KC-2026-000001 …). A sequence, unlike a counter row, takes no lock that
 * lives until commit, so concurrent ingests do not queue behind each other. Created outside any
 * transaction; creating it twice at once is harmless.
 */
export async function ensureReferenceSequences(db: Db, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  const done = ensuredYears.get(db) ?? new Set<number>();
  ensuredYears.set(db, done);
  for (const y of [year, year + 1]) {
    if (done.has(y)) continue;
    try {
      await db.execute(sql.raw(`create sequence if not exists ${sequenceFor(y)}`));
    } catch (err) {
      // Two nodes creating it at the same moment: the loser sees a duplicate; the sequence exists.
      const exists = (await db.execute(
        sql`select 1 from pg_class where relkind = 'S' and relname = ${sequenceFor(y)}`,
      )) as unknown as { rows: unknown[] };
      if (exists.rows.length === 0) throw err;
    }
    done.add(y);
  }
}

/** Next case reference for the year of `now`. */
export async function allocateReference(db: Db, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const result = (await db.execute(sql.raw(`select nextval('${sequenceFor(year)}') as value`))) as unknown as {
    rows: unknown[];
  };
  const value = Number((result.rows[0] as { value: string | number } | undefined)?.value);
  if (!Number.isFinite(value)) throw new Error('reference sequence returned nothing');
  return formatReference(year, value);
}
