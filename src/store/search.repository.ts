import { inArray, type SQL, sql } from 'drizzle-orm';
import type { SearchCursor, SearchRequest, SearchStorePort } from '../domain/search.service.ts';
import { messageSearchParts } from '../domain/search-fold.ts';
import { type SearchTerm, termPatterns } from '../domain/search-query.ts';
import type { SnippetSource } from '../domain/search-snippet.ts';
import type { CaseSummary } from '../domain/views.ts';
import { summaryQuery, toSummary } from './case-views.ts';
import type { Db } from './db.ts';
import { cases } from './schema/index.ts';
import { after, and, candidates, fullMatch, narrowing, probeCounts, strongMatch } from './search-sql.ts';

export interface SearchTuning {
  /** A term that finds fewer rows than this through its index leads the search (see probeCounts). */
  probeCap: number;
  /** How many of the newest cases one page of a walk looks at, at most: a page takes bounded time. */
  examine: number;
}
export const SEARCH_TUNING: SearchTuning = { probeCap: 5_000, examine: 3_000 };
/** Matching messages per case read for its snippet. */
const SNIPPET_MESSAGES = 5;

interface Row {
  id: string;
  at: string;
}
type Page = { rows: Row[]; next: SearchCursor | null };

const rowsOf = async <T>(db: Db, q: SQL): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

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

/** The newest cases that match every term: led by the rarest term's index, or by walking the newest cases. */
async function newestMatching(
  db: Db,
  tune: SearchTuning,
  where: SQL[],
  terms: SearchTerm[],
  n: number,
  tier: 1 | 2,
): Promise<Page> {
  const [counts] = await rowsOf<Record<string, number>>(db, probeCounts(terms, tune.probeCap));
  const sizes = terms.map((_, i) => Number(counts?.[`t${i}`] ?? tune.probeCap));
  const lead = sizes.indexOf(Math.min(...sizes));
  if ((sizes[lead] ?? tune.probeCap) < tune.probeCap) {
    const rest = terms.filter((_, i) => i !== lead).map(fullMatch);
    const rows = await rowsOf<Row>(
      db,
      sql`select ${POSITION} from cases c
          where c.id in (${candidates(terms[lead] as SearchTerm, 'full')}) and ${and([...where, ...rest])}
          ${NEWEST} limit ${n + 1}`,
    );
    return cut(rows, n, tier);
  }
  // Every term is common: the newest cases find a page soonest. At most `examine` cases a page; the
  // examine-th comes back even if it does not match, to continue from it.
  const rows = await rowsOf<Row & { hit: boolean; rn: number }>(
    db,
    sql`select id, at, hit, rn from (
          select c.id, c.at, row_number() over (order by c.last_activity_at desc, c.id desc) as rn,
            (${and(terms.map(fullMatch))}) as hit
          from (select c.id, c.contact_id, c.reference, c.last_activity_at, c.last_activity_at::text as at
                from cases c where ${and(where)} ${NEWEST} limit ${tune.examine}) c) w
        where hit or rn = ${tune.examine} limit ${n + 1}`,
  );
  const hits = rows.filter((r) => r.hit);
  if (hits.length > n) return cut(hits, n, tier);
  const marker = rows.find((r) => Number(r.rn) === tune.examine);
  return { rows: hits, next: marker ? { tier, at: marker.at, id: marker.id } : null };
}

/** Cases whose own texts match some term (and every term matches somewhere), newest first. */
async function ownTextMatches(db: Db, where: SQL[], terms: SearchTerm[], n: number): Promise<Page> {
  const own = sql.join(
    terms.map((t) => candidates(t, 'strong')),
    sql` union `,
  );
  const every = terms.length > 1 ? terms.map(fullMatch) : [];
  const rows = await rowsOf<Row>(
    db,
    sql`select ${POSITION} from cases c where c.id in (${own}) and ${and([...where, ...every])} ${NEWEST} limit ${n + 1}`,
  );
  return cut(rows, n, 1);
}

async function search(db: Db, tune: SearchTuning, r: SearchRequest): Promise<Page> {
  const where = narrowing(r.filters, r.hideKnownMaterial);
  const n = r.limit;
  if (r.terms.length === 0) {
    const rows = await rowsOf<Row>(
      db,
      sql`select ${POSITION} from cases c where ${and([...where, ...keyset(r.cursor)])} ${NEWEST} limit ${n + 1}`,
    );
    return cut(rows, n, 2);
  }
  if (r.sort === 'newest') return newestMatching(db, tune, [...where, ...keyset(r.cursor)], r.terms, n, 2);
  let first: Row[] = [];
  if (!r.cursor || r.cursor.tier === 1) {
    const own = await ownTextMatches(db, [...where, ...keyset(r.cursor)], r.terms, n);
    if (own.next) return own;
    first = own.rows;
    if (first.length === n) return { rows: first, next: { tier: 2, at: null, id: null } };
  }
  const notOwn = sql`not (${sql.join(r.terms.map(strongMatch), sql` or `)})`;
  const tier2Cursor = r.cursor?.tier === 2 ? r.cursor : null;
  const rest = await newestMatching(db, tune, [...where, notOwn, ...keyset(tier2Cursor)], r.terms, n - first.length, 2);
  return { rows: [...first, ...rest.rows], next: rest.next };
}

/** The texts of each case a snippet may come from, best first: reference, contact, identities, tags, messages newest first. */
async function sourcesOf(db: Db, ids: string[], terms: SearchTerm[]): Promise<Map<string, SnippetSource[]>> {
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const patterns = terms.flatMap(termPatterns);
  const own = await rowsOf<{ case_id: string; source: string; text: string }>(
    db,
    sql`select c.id as case_id, 'contact' as source, ct.display_name as text, 1 as o
          from cases c join contacts ct on ct.id = c.contact_id where c.id in (${idList}) and ct.display_name is not null
        union all
        select c.id, 'identity', ci.value || coalesce(' (' || ci.display_name || ')', ''), 2
          from cases c join contact_identities ci on ci.contact_id = c.contact_id where c.id in (${idList})
        union all
        select tg.case_id, 'tag', tg.tag, 3 from case_tags tg where tg.case_id in (${idList})
        order by 4`,
  );
  const msgs = patterns.length
    ? await rowsOf<{
        case_id: string;
        id: string;
        direction: string;
        subject: string | null;
        text: string;
        fields: Record<string, unknown> | null;
        channel: string;
        author_id: string | null;
      }>(
        db,
        sql`select case_id, id, direction, subject, text, fields, channel, author_id from (
              select m.*, row_number() over (partition by m.case_id order by m.created_at desc, m.id desc) as k
              from messages m
              where m.case_id in (${idList}) and (${sql.join(
                patterns.map((p) => sql`m.search_doc like ${p}`),
                sql` or `,
              )})) x
            where k <= ${SNIPPET_MESSAGES} order by case_id, k`,
      )
    : [];
  const out = new Map<string, SnippetSource[]>(ids.map((id) => [id, []]));
  for (const o of own) out.get(o.case_id)?.push({ source: o.source, text: o.text });
  for (const m of msgs)
    for (const p of messageSearchParts({ ...m, authorId: m.author_id }))
      out.get(m.case_id)?.push({
        source: p.part === 'text' ? (m.direction === 'note' ? 'note' : 'message') : p.part,
        text: p.text,
        messageId: m.id,
      });
  return out;
}

export function createSearchRepository(db: Db, tune: SearchTuning = SEARCH_TUNING): SearchStorePort {
  return {
    async search(r) {
      // JIT compiling costs more than these short queries; a transaction keeps the setting to them.
      const page = await db.transaction(async (t) => {
        await t.execute(sql`set local jit = off`);
        return search(t, tune, r);
      });
      return { caseIds: page.rows.map((row) => row.id), next: page.next };
    },

    async pageOf(ids, terms) {
      const out = new Map<string, { summary: CaseSummary; sources: SnippetSource[] }>();
      if (ids.length === 0) return out;
      const summaries = (await summaryQuery(db).where(inArray(cases.id, ids))).map(toSummary);
      const sources = terms.length ? await sourcesOf(db, ids, terms) : new Map<string, SnippetSource[]>();
      const references = terms.filter((t) => t.reference).map((t) => t.reference);
      for (const s of summaries) {
        const own = references.includes(s.reference) ? [{ source: 'reference', text: s.reference }] : [];
        out.set(s.id, { summary: s, sources: [...own, ...(sources.get(s.id) ?? [])] });
      }
      return out;
    },
  };
}
