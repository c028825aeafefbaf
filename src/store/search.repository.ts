import { type SQL, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import type { SearchCursor, SearchPageRow, SearchRequest, SearchStorePort } from '../domain/search.service.ts';
import type { SearchTerm } from '../domain/search-query.ts';
import type { Db } from './db.ts';
import { readPage } from './search-page.ts';
import { after, and, candidates, fullMatch, narrowing, probeColumns, strongMatch } from './search-sql.ts';

export interface SearchTuning {
  /** A term that finds fewer rows than this through its index leads the search (see probeCounts). */
  probeCap: number;
  /** How many of the newest cases one page of a walk looks at, at most: a page takes bounded time. */
  examine: number;
}
export const SEARCH_TUNING: SearchTuning = { probeCap: 5_000, examine: 3_000 };

interface Row {
  id: string;
  at: string;
}
type Page = { rows: Row[]; next: SearchCursor | null };

const rowsOf = async <T>(db: Db, q: SQL): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
/** json_agg comes back parsed from node-postgres, as text from PGlite. */
const parsed = <T>(v: T | string | null | undefined): T | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? (JSON.parse(v) as T) : v;

/** Position columns: the timestamp as text keeps its microseconds for the cursor. */
const POSITION = sql.raw(`c.id, c.last_activity_at::text as at`);
const NEWEST = sql.raw('order by c.last_activity_at desc, c.id desc');

function keyset(cursor: SearchCursor | null): SQL[] {
  return cursor?.at && cursor.id ? [after(cursor.at, cursor.id)] : [];
}

/** n rows and the cursor after the last when there were more. */
function cut(rows: Row[], n: number, tier: 1 | 2): Page {
  const page = rows.slice(0, n);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > n && last ? { tier, at: last.at, id: last.id } : null };
}

/**
 * The candidates' cases that pass the filters, then the per-case checks on those only, newest first.
 * Each candidate is looked up by its id (LATERAL with LIMIT 1, which PostgreSQL cannot flatten: it would read every case and hash-join
 * a handful of candidates to them), and OFFSET 0 keeps the checks (a subquery each) off the other cases.
 */
function checked(candidateIds: SQL, where: SQL[], checks: SQL[], n: number): SQL {
  const inner = sql`select c.id, c.last_activity_at from (${candidateIds}) as x(id)
    cross join lateral (select c.id, c.last_activity_at from cases c where c.id = x.id and ${and(where)} limit 1) c offset 0`;
  return sql`select ${POSITION} from (${inner}) c where ${and(checks)} ${NEWEST} limit ${n + 1}`;
}

/** The newest cases that match every term: led by the rarest term's index, or by walking the newest cases. */
async function newestMatching(
  db: Db,
  tune: SearchTuning,
  where: SQL[],
  terms: SearchTerm[],
  n: number,
  sizes: number[],
): Promise<Page> {
  const tier = 2;
  // Rarest first: a case fails its checks as soon as it can.
  const byRarity = terms.map((t, i) => ({ t, size: sizes[i] ?? tune.probeCap })).sort((a, b) => a.size - b.size);
  const lead = byRarity[0];
  if (lead && lead.size < tune.probeCap) {
    const rest = byRarity.slice(1).map((x) => fullMatch(x.t));
    return cut(await rowsOf<Row>(db, checked(candidates(lead.t, 'full'), where, rest, n)), n, tier);
  }
  // Every term is common: the newest cases find a page soonest. At most `examine` cases a page; the
  // examine-th comes back even if it does not match, to continue from it.
  const rows = await rowsOf<Row & { hit: boolean; rn: number }>(
    db,
    sql`select id, at, hit, rn from (
          select c.id, c.at, row_number() over (order by c.last_activity_at desc, c.id desc) as rn,
            (${and(byRarity.map((x) => fullMatch(x.t)))}) as hit
          from (select c.id, c.contact_id, c.reference, c.last_activity_at, c.last_activity_at::text as at
                from cases c where ${and(where)} ${NEWEST} limit ${tune.examine}) c) w
        where hit or rn = ${tune.examine} limit ${n + 1}`,
  );
  const hits = rows.filter((r) => r.hit);
  if (hits.length > n) return cut(hits, n, tier);
  const marker = rows.find((r) => Number(r.rn) === tune.examine);
  return { rows: hits, next: marker ? { tier, at: marker.at, id: marker.id } : null };
}

/** Cases whose own texts match some term (and every term matches somewhere), newest first: n + 1 of them. */
function ownTextMatches(where: SQL[], terms: SearchTerm[], n: number): SQL {
  const own = sql.join(
    terms.map((t) => candidates(t, 'strong')),
    sql` union `,
  );
  return checked(own, where, terms.length > 1 ? terms.map(fullMatch) : [], n);
}

async function find(db: Db, tune: SearchTuning, r: SearchRequest): Promise<Page> {
  const where = narrowing(r.filters, r.hideKnownMaterial);
  const n = r.limit;
  if (r.terms.length === 0) {
    const rows = await rowsOf<Row>(
      db,
      sql`select ${POSITION} from cases c where ${and([...where, ...keyset(r.cursor)])} ${NEWEST} limit ${n + 1}`,
    );
    return cut(rows, n, 2);
  }
  // One statement: the relevance page's first part (cases whose own texts match), and how common each term is.
  const ownPart = r.sort === 'relevance' && (!r.cursor || r.cursor.tier === 1);
  const [first] = await rowsOf<Record<string, unknown>>(
    db,
    sql`select ${
      ownPart
        ? sql`(select coalesce(json_agg(x), '[]'::json) from (${ownTextMatches([...where, ...keyset(r.cursor)], r.terms, n)}) x) as own, `
        : sql``
    }${probeColumns(r.terms, tune.probeCap)}`,
  );
  const sizes = r.terms.map((_, i) => Number(first?.[`t${i}`] ?? tune.probeCap));
  if (r.sort === 'newest') return newestMatching(db, tune, [...where, ...keyset(r.cursor)], r.terms, n, sizes);
  let rows: Row[] = [];
  if (ownPart) {
    const own = cut(parsed<Row[]>(first?.own as Row[] | string) ?? [], n, 1);
    if (own.next) return own;
    rows = own.rows;
    if (rows.length === n) return { rows, next: { tier: 2, at: null, id: null } };
  }
  const notOwn = sql`not (${sql.join(r.terms.map(strongMatch), sql` or `)})`;
  const tier2Cursor = r.cursor?.tier === 2 ? r.cursor : null;
  const rest = await newestMatching(
    db,
    tune,
    [...where, notOwn, ...keyset(tier2Cursor)],
    r.terms,
    n - rows.length,
    sizes,
  );
  return { rows: [...rows, ...rest.rows], next: rest.next };
}

export function createSearchRepository(db: Db, tune: SearchTuning = SEARCH_TUNING): SearchStorePort {
  return {
    search: (r: SearchRequest, audit: AuditOf<string[]>) =>
      db.transaction(async (t): Promise<{ rows: SearchPageRow[]; next: SearchCursor | null }> => {
        // JIT compiling costs more than these short queries; the transaction keeps the setting to them.
        await t.execute(sql`set local jit = off`);
        const page = await find(t, tune, r);
        const ids = page.rows.map((row) => row.id);
        return { rows: await readPage(t, ids, r.terms, audit(ids)), next: page.next };
      }),
  };
}
