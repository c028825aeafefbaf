import { type SQL, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import type { SearchCursor, SearchPageRow, SearchRequest, SearchStorePort } from '../domain/search.service.ts';
import type { SearchTerm } from '../domain/search-query.ts';
import type { Db } from './db.ts';
import { readPage } from './search-page.ts';
import { after, and, candidates, fullMatch, narrowing, ownCount, probeColumns, strongMatch } from './search-sql.ts';

export interface SearchTuning {
  /** A term that finds fewer rows than this through its index leads the search (see probeCounts). */
  probeCap: number;
  /** How many of the newest cases one page of a walk looks at, at most: a page takes bounded time. */
  examine: number;
  /**
   * Relevance lists first the cases whose own texts match, when there are fewer than this many;
   * more (a common first name), and the order is the newest, as ranking them would not help.
   */
  ownCap: number;
  /** The newest cases a search looks at first: a page of common words comes from them, without the probe. */
  quick: number;
}
export const SEARCH_TUNING: SearchTuning = { probeCap: 5_000, examine: 3_000, ownCap: 2_000, quick: 200 };

/** Hits in the first look that make the words common enough together to walk on, without the probe. */
const QUICK_HITS = 2;

interface Row {
  id: string;
  at: string;
}
type Page = { rows: Row[]; next: SearchCursor | null };

const rowsOf = async <T>(db: Db, q: SQL): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

/** Position columns: the timestamp as text keeps its microseconds for the cursor. */
const POSITION = sql.raw(`c.id, c.last_activity_at::text as at`);
/**
 * Newest activity first, spelled as cases_activity_idx is built (DESC NULLS LAST: plain DESC means
 * NULLS FIRST, which that index cannot give, and PostgreSQL would sort every case instead).
 */
const ORDER = 'c.last_activity_at desc nulls last, c.id desc nulls last';
const NEWEST = sql.raw(`order by ${ORDER}`);

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
  const inner = sql`select c.id, c.contact_id, c.reference, c.last_activity_at from (${candidateIds}) as x(id)
    cross join lateral (select c.id, c.contact_id, c.reference, c.last_activity_at from cases c
      where c.id = x.id and ${and(where)} limit 1) c offset 0`;
  return sql`select ${POSITION} from (${inner}) c where ${and(checks)} ${NEWEST} limit ${n + 1}`;
}

interface WalkRow extends Row {
  hit: boolean;
  /** The hit matches some term in its own texts (asked only with `own`). */
  own: boolean | null;
  rn: number;
}

/**
 * The newest cases passing `where`, at most `window` of them, each checked for every term (rarest
 * first, so a case fails as soon as it can): up to `limit` hits, and the window's last case even
 * if it does not match (where a later walk goes on from).
 */
function walk(where: SQL[], terms: SearchTerm[], window: number, limit: number, own: boolean): SQL {
  return sql`select id, at, hit, own, rn from (
      select c.id, c.at, row_number() over (${NEWEST}) as rn, (${and(terms.map(fullMatch))}) as hit,
        ${own ? sql`case when ${and(terms.map(fullMatch))} then (${sql.join(terms.map(strongMatch), sql` or `)}) end` : sql`null::boolean`} as own
      from (select c.id, c.contact_id, c.reference, c.last_activity_at, c.last_activity_at::text as at
            from cases c where ${and(where)} ${NEWEST} limit ${window}) c) w
    where hit or rn = ${window} limit ${limit}`;
}

/** A walk's page: n hits (and the cursor after the n-th), or fewer and the cursor after the window, or the end. */
function walkPage(rows: WalkRow[], hits: WalkRow[], window: number, n: number): Page & { exhausted: boolean } {
  if (hits.length > n) return { ...cut(hits, n, 2), exhausted: false };
  const marker = rows.find((r) => Number(r.rn) === window);
  return { rows: hits, next: marker ? { tier: 2, at: marker.at, id: marker.id } : null, exhausted: !marker };
}

/**
 * The newest cases that match every term. The probe tells how common each term is: the rarest,
 * when rare enough, leads through its index; when every term is common, the newest cases are
 * walked (at most `examine` a page).
 */
async function newestMatching(db: Db, tune: SearchTuning, where: SQL[], terms: SearchTerm[], n: number): Promise<Page> {
  const [probe] = await rowsOf<Record<string, number>>(db, sql`select ${probeColumns(terms, tune.probeCap)}`);
  const byRarity = terms
    .map((t, i) => ({ t, size: Number(probe?.[`t${i}`] ?? tune.probeCap) }))
    .sort((a, b) => a.size - b.size);
  const lead = byRarity[0];
  if (lead && lead.size < tune.probeCap) {
    const rest = byRarity.slice(1).map((x) => fullMatch(x.t));
    return cut(await rowsOf<Row>(db, checked(candidates(lead.t, 'full'), where, rest, n)), n, 2);
  }
  const ordered = byRarity.map((x) => x.t);
  const rows = await rowsOf<WalkRow>(db, walk(where, ordered, tune.examine, n + 1, false));
  return walkPage(
    rows,
    rows.filter((r) => r.hit),
    tune.examine,
    n,
  );
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
  const relevance = r.sort === 'relevance';
  const tier1 = relevance && (!r.cursor || r.cursor.tier === 1);
  // Where the newest-first part starts: the cursor's place, or (relevance, still in tier 1) the top.
  const walkFrom = relevance && r.cursor?.tier === 1 ? [] : keyset(r.cursor);
  // First statement: a look at the newest cases, enough for a page when the words are common (no
  // index needed then), and for relevance how many cases the words find in their own texts.
  const quickLimit = 2 * n + 2;
  const [first] = await rowsOf<{ quick: WalkRow[] | string | null; own: number | null }>(
    db,
    sql`select ${
      tune.quick > 0
        ? sql`(select coalesce(json_agg(q), '[]'::json) from (${walk(
            [...where, ...walkFrom],
            r.terms,
            tune.quick,
            quickLimit,
            relevance,
          )}) q)`
        : sql`null::json`
    } as quick, ${relevance ? sql`(${ownCount(r.terms, tune.ownCap)})` : sql`null::int`} as own`,
  );
  const quick = (typeof first?.quick === 'string' ? JSON.parse(first.quick) : (first?.quick ?? [])) as WalkRow[];
  const ranked = relevance && Number(first?.own ?? tune.ownCap) < tune.ownCap;
  let rows: Row[] = [];
  if (ranked && tier1) {
    const own = cut(await rowsOf<Row>(db, ownTextMatches([...where, ...keyset(r.cursor)], r.terms, n)), n, 1);
    if (own.next) return own;
    rows = own.rows;
    if (rows.length === n) return { rows, next: { tier: 2, at: null, id: null } };
  }
  // The rest, newest first (for ranked relevance: the cases whose own texts do not match).
  const need = n - rows.length;
  const hits = quick.filter((q) => q.hit && (!ranked || !q.own));
  const fromQuick = walkPage(quick, hits, tune.quick, need);
  if (tune.quick > 0 && (hits.length > need || fromQuick.exhausted))
    return { rows: [...rows, ...fromQuick.rows], next: fromQuick.next };
  const notOwn = ranked ? [sql`not (${sql.join(r.terms.map(strongMatch), sql` or `)})`] : [];
  const end = quick.find((q) => Number(q.rn) === tune.quick);
  if (tune.quick > 0 && end && hits.length >= QUICK_HITS) {
    // Not rare together either: walking on from the first look finds the page sooner than any index.
    const more = await rowsOf<WalkRow>(
      db,
      walk([...where, ...notOwn, after(end.at, end.id)], r.terms, tune.examine, need - hits.length + 1, false),
    );
    const page = walkPage(more, [...hits, ...more.filter((m) => m.hit)], tune.examine, need);
    return { rows: [...rows, ...page.rows], next: page.next };
  }
  const rest = await newestMatching(db, tune, [...where, ...notOwn, ...walkFrom], r.terms, need);
  return { rows: [...rows, ...rest.rows], next: rest.next };
}

export function createSearchRepository(db: Db, tune: SearchTuning = SEARCH_TUNING): SearchStorePort {
  return {
    search: (r: SearchRequest, audit: AuditOf<string[]>) =>
      db.transaction(async (t): Promise<{ rows: SearchPageRow[]; next: SearchCursor | null }> => {
        // For these short queries (and only in this transaction): no JIT, whose compiling costs more
        // than they do; no parallel workers, whose start does too; and random reads priced as the
        // cached or SSD reads they are, so the trigram indexes win over reading whole tables.
        await t.execute(
          sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),
            set_config('random_page_cost', '1.1', true)`,
        );
        const page = await find(t, tune, r);
        const ids = page.rows.map((row) => row.id);
        return { rows: await readPage(t, ids, r.terms, audit(ids)), next: page.next };
      }),
  };
}
