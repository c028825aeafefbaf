import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchCursor, SearchRequest } from '../../src/domain/search.service.ts';
import { parseQuery } from '../../src/domain/search-query.ts';
import type { Store } from '../../src/store/db.ts';
import { createSearchRepository } from '../../src/store/search.repository.ts';
import { candidates } from '../../src/store/search-sql.ts';
import { seedCase } from '../helpers/search-seed.ts';
import { openTestStore } from '../helpers/services.ts';

const WORDS = ['nasilje', 'škola', 'pretnja', 'ucena', 'profil', 'слика', 'помоћ', 'drug', 'razred', 'igrica'];

/** 60 cases whose messages share common words, so that a walk and an indexed search both have work. */
async function seedMany(store: Store): Promise<void> {
  for (let i = 0; i < 60; i++)
    await seedCase(store.db, {
      reference: `KC-2025-${String(i + 1).padStart(6, '0')}`,
      channel: i % 2 ? 'email' : 'instagram',
      createdAt: new Date(Date.UTC(2025, 0, 1 + i)),
      activeAfterMin: (i * 37) % 500,
      contact: i % 3 === 0 ? { name: i % 2 ? 'Marko Marković' : 'Марко Петровић' } : undefined,
      messages: [
        { text: `${WORDS[i % 10]} ${WORDS[(i * 3) % 10]} poruka ${i}` },
        { text: `${WORDS[(i * 7) % 10]} odgovor`, direction: i % 4 ? 'outbound' : 'note' },
      ],
      tags: i % 5 === 0 ? ['škola'] : [],
    });
}

/** Every page of a search, following the cursor to its end. */
async function allPages(repo: ReturnType<typeof createSearchRepository>, r: Omit<SearchRequest, 'cursor'>) {
  const ids: string[] = [];
  let cursor: SearchCursor | null = null;
  let pages = 0;
  do {
    const page = await repo.search({ ...r, cursor }, () => []);
    ids.push(...page.rows.map((row) => row.summary.id));
    cursor = page.next;
    pages++;
  } while (cursor && pages < 500);
  return ids;
}

describe.each(['pglite', 'postgres'] as const)('the search store on %s', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(engine));
    await seedMany(store);
  }, 120_000);
  afterAll(async () => {
    await dispose?.();
  });

  it.each(['nasilje', 'škola marko', 'марко', 'poruka', 'pretnja pomoc', 'drug odgovor'])(
    'indexed, walked, looked at first: the same pages in the same order: %s',
    async (q) => {
      const big = 1_000_000;
      const ways = {
        indexed: createSearchRepository(store.db, { probeCap: big, examine: 3_000, ownCap: big, quick: 0 }),
        // A probe cap of 1 makes every term "common": the walk, a few cases a page.
        walked: createSearchRepository(store.db, { probeCap: 1, examine: 7, ownCap: big, quick: 0 }),
        quickThenWalked: createSearchRepository(store.db, { probeCap: 1, examine: 7, ownCap: big, quick: 3 }),
        quickOnly: createSearchRepository(store.db, { probeCap: big, examine: 3_000, ownCap: big, quick: 1_000 }),
      };
      for (const sort of ['newest', 'relevance'] as const) {
        const r = { terms: parseQuery(q), filters: {}, sort, limit: 5, hideKnownMaterial: true };
        const expected = await allPages(ways.indexed, r);
        expect(expected.length, q).toBeGreaterThan(0);
        for (const [name, repo] of Object.entries(ways))
          expect(await allPages(repo, r), `${q} ${sort} ${name}`).toEqual(expected);
      }
    },
  );

  it('relevance over words that many cases hold in their own texts is the newest order', async () => {
    const unranked = createSearchRepository(store.db, { probeCap: 5_000, examine: 3_000, ownCap: 0, quick: 200 });
    const r = { terms: parseQuery('marko'), filters: {}, limit: 5, hideKnownMaterial: true };
    expect(await allPages(unranked, { ...r, sort: 'relevance' })).toEqual(
      await allPages(unranked, { ...r, sort: 'newest' }),
    );
  });
});

describe('the trigram indexes on PostgreSQL', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore('postgres'));
    await seedMany(store);
    // Enough rows that an index is worth it, then the statistics PostgreSQL plans with.
    await store.db.execute(sql`
      insert into messages (case_id, direction, channel, external_id, text, created_at, received_at)
      select (select id from cases order by reference limit 1), 'inbound', 'email', 'bulk-' || g,
        'Poruka broj ' || g || ' o temi ' || (g % 97) || ' и још нешто о школи и другу', now(), now()
      from generate_series(1, 20000) g`);
    await store.db.execute(sql`analyze`);
  }, 120_000);
  afterAll(async () => {
    await dispose?.();
  });

  it('a typical query reads messages, contacts, identities and tags through their search indexes', async () => {
    const [term] = parseQuery('zlostav');
    // The small tables of this test are cheaper to read whole; without that choice, the trigram
    // indexes are the only way to the matching rows of each.
    const plan = await store.db.transaction(async (t) => {
      await t.execute(sql`set local enable_seqscan = off`);
      await t.execute(sql`set local enable_indexscan = off`);
      const rows = (await t.execute(
        sql`explain ${candidates(term as NonNullable<typeof term>, 'full')}`,
      )) as unknown as {
        rows: { 'QUERY PLAN': string }[];
      };
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    for (const index of [
      'messages_search_idx',
      'contacts_search_idx',
      'contact_identities_search_idx',
      'case_tags_search_idx',
    ])
      expect(plan, plan).toContain(`Bitmap Index Scan on ${index}`);
  });

  it('without being pushed: a rare word among 20,000 messages is looked up, not scanned', async () => {
    const [term] = parseQuery('zlostav');
    const rows = (await store.db.execute(
      sql`explain select m.case_id from messages m where m.search_doc like ${'% zlostav%'}`,
    )) as unknown as { rows: { 'QUERY PLAN': string }[] };
    const plan = rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(term).toBeDefined();
    expect(plan, plan).toContain('Bitmap Index Scan on messages_search_idx');
  });
});
