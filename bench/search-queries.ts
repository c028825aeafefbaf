import { type SQL, sql } from 'drizzle-orm';
import type { SearchInput } from '../src/domain/search.service.ts';
import type { SearchTerm } from '../src/domain/search-query.ts';
import type { CaseStatus } from '../src/domain/taxonomy.ts';
import type { Db } from '../src/store/db.ts';
import { candidates } from '../src/store/search-sql.ts';

export interface BenchQuery {
  name: string;
  /** As the inbox sends them to GET /api/search. */
  params: Record<string, string>;
  /** The same for the search function. */
  input: SearchInput;
}

const FILTERS = { status: 'new,open,waiting', channel: 'email,instagram,web_form', from: '2024-07-01' };

const one = async <T>(db: Db, q: SQL): Promise<T | undefined> =>
  ((await db.execute(q)) as unknown as { rows: T[] }).rows[0];

/** +381641234567 as people type it: 064 123 4567. */
const typed = (e164: string) => `0${e164.slice(4, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`;

/**
 * Ten searches a counselor makes, each alone and with the usual filters (open cases of three
 * channels since a date): names in either script, a threat typed without diacritics, a word's
 * beginning, a phrase, a phone number and an address of a seeded contact, a case reference, and
 * common words together.
 */
export async function benchQueries(db: Db, cases: number): Promise<BenchQuery[]> {
  const phone = await one<{ value: string }>(
    db,
    sql`select value from contact_identities where kind = 'phone' order by value
        offset (select count(*) / 3 from contact_identities where kind = 'phone') limit 1`,
  );
  const email = await one<{ value: string }>(
    db,
    sql`select value from contact_identities where kind = 'email' order by value
        offset (select count(*) / 2 from contact_identities where kind = 'email') limit 1`,
  );
  const ref = await one<{ reference: string }>(
    db,
    sql`select reference from cases order by reference offset ${Math.floor(cases * 0.6)} limit 1`,
  );
  const texts = [
    ['first name', 'marko'],
    ['Cyrillic surname', 'Ђорђевић'],
    ['threat, no diacritics', 'ubicu'],
    ['word beginning', 'zlostav'],
    ['phrase', '"ne smem da kažem"'],
    ['phone number', typed(phone?.value ?? '+381640000000')],
    ['e-mail address', email?.value ?? 'nobody@example.rs'],
    ['case reference', ref?.reference ?? 'KC-2024-000001'],
    ['three words', 'lažni profil instagram'],
    ['two common words', 'nasilje škola'],
  ];
  const out: BenchQuery[] = [];
  for (const [name, q] of texts)
    for (const filtered of [false, true]) {
      const params = { q: q as string, ...(filtered && FILTERS) };
      out.push({
        name: `${name}${filtered ? ' + filters' : ''}`,
        params,
        input: {
          q: q as string,
          sort: 'relevance',
          limit: 20,
          filters: filtered
            ? {
                status: FILTERS.status.split(',') as CaseStatus[],
                channel: FILTERS.channel.split(','),
                from: new Date(`${FILTERS.from}T00:00:00+02:00`),
              }
            : {},
        },
      });
    }
  return out;
}

/**
 * The bare indexed query for the same question: the first page (20, newest activity first) of the
 * cases every term finds through the trigram indexes, with the same filters; no roles, snippets,
 * relevance, audit or HTTP.
 */
export function bareQuery(terms: SearchTerm[], params: Record<string, string>): SQL {
  const where: SQL[] = terms.map((t) => sql`c.id in (${candidates(t, 'full')})`);
  if (params.status)
    where.push(
      sql`c.status in (${sql.join(
        params.status.split(',').map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (params.channel)
    where.push(
      sql`c.channel in (${sql.join(
        params.channel.split(',').map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (params.from) where.push(sql`c.created_at >= ${`${params.from}T00:00:00+02:00`}::timestamptz`);
  return sql`select c.id from cases c where ${sql.join(where, sql` and `)}
    order by c.last_activity_at desc nulls last, c.id desc nulls last limit 21`;
}
