import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Actor } from '../src/domain/case.service.ts';
import { createSearchService } from '../src/domain/search.service.ts';
import { parseQuery } from '../src/domain/search-query.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { createSearchRepository } from '../src/store/search.repository.ts';
import { seedUser, startTestKontakt, testPassword } from '../tests/helpers/kontakt.ts';
import { TEST_PG_ADMIN_URL } from '../tests/helpers/services.ts';
import { seedSearchData } from './search-data.ts';
import { type BenchQuery, bareQuery, benchQueries } from './search-queries.ts';
import type { Benchmark, BenchRow } from './types.ts';

const CASES = Number(process.env.BENCH_SEARCH_CASES ?? 200_000);
const PGLITE_CASES = Number(process.env.BENCH_SEARCH_PGLITE_CASES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 15);
/** Drop the seeded PostgreSQL database afterwards (by default it is kept for the next run: seeding takes minutes). */
const DROP = process.env.BENCH_SEARCH_DROP === '1';
const TARGET = { pgP95: 150, ratio: 1.5, pglitP95: 500 };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 0.5), p95: pct(s, 0.95) };
};

/** Each query once untimed, then ROUNDS times round-robin (so no query sees only warm caches of its own). */
async function measure(
  queries: BenchQuery[],
  run: (q: BenchQuery) => Promise<unknown>,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(queries.map((q) => [q.name, []]));
  for (const q of queries) await run(q);
  for (let i = 0; i < ROUNDS; i++)
    for (const q of queries) {
      const started = performance.now();
      await run(q);
      out.get(q.name)?.push(performance.now() - started);
    }
  return out;
}

/** A database seeded once and kept (reseeded when its size differs). */
async function benchDatabase(cases: number, log: (s: string) => void): Promise<{ url: string; seeded: string }> {
  const name = `kontakt_bench_search_${cases}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  let have = 0;
  if (exists) {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    have = Number(
      (
        await c
          .query(`select count(*) from cases where reference like 'KC-202%'`)
          .catch(() => ({ rows: [{ count: 0 }] }))
      ).rows[0]?.count ?? 0,
    );
    await c.end();
  }
  if (have === cases) {
    await admin.end();
    return { url: url.toString(), seeded: `reused ${name}` };
  }
  if (exists) await admin.query(`drop database ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const store = await openStore({ databaseUrl: url.toString(), dataDir: '/nonexistent' });
  const started = performance.now();
  await seedSearchData(store.db, { cases }, (step) =>
    log(`  seed: ${step} (${((performance.now() - started) / 1000).toFixed(0)} s)`),
  );
  await store.close();
  return { url: url.toString(), seeded: `${((performance.now() - started) / 1000).toFixed(0)} s` };
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  await admin.end();
}

function rows(
  label: string,
  queries: BenchQuery[],
  search: Map<string, number[]>,
  bare: Map<string, number[]>,
): BenchRow[] {
  const out: BenchRow[] = [];
  for (const q of queries) {
    const s = stats(search.get(q.name) ?? []);
    const b = stats(bare.get(q.name) ?? []);
    out.push({
      metric: `${label} ${q.name}`,
      value: `${ms(s.p50)} / ${ms(s.p95)}`,
      baseline: `${ms(b.p50)} / ${ms(b.p95)}`,
    });
  }
  return out;
}

async function postgresRun(log: (s: string) => void): Promise<BenchRow[]> {
  const db = await benchDatabase(CASES, log);
  const t = await startTestKontakt('postgres', { DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
  try {
    const email = 'bench-pretraga@test.kontakt';
    // A kept database has the user from an earlier run.
    const known = (await t.k.store.db.execute(sql`select 1 from users where email = ${email}`)) as unknown as {
      rows: unknown[];
    };
    if (known.rows.length === 0) await seedUser(t, email, 'counselor');
    const cookie = await t.login(email, testPassword(email));
    const queries = await benchQueries(t.k.store.db, CASES);
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const dialect = new PgDialect();
    const search = await measure(queries, async (q) => {
      const res = await t.api(`/api/search?${new URLSearchParams(q.params)}`, { cookie });
      if (res.status !== 200) throw new Error(`${q.name}: ${res.status} ${await res.text()}`);
      await res.json();
    });
    const bare = await measure(queries, async (q) => {
      const c = await pool.connect();
      try {
        // The settings the search's transaction uses (src/store/search.repository.ts), so that only the work differs.
        await c.query(
          'begin; set local jit = off; set local max_parallel_workers_per_gather = 0; set local random_page_cost = 1.1',
        );
        const bareSql = dialect.sqlToQuery(bareQuery(parseQuery(q.params.q ?? ''), q.params));
        await c.query(bareSql.sql, bareSql.params as unknown[]);
        await c.query('commit');
      } finally {
        c.release();
      }
    });
    await pool.end();
    const all = stats([...search.values()].flat());
    const allBare = stats([...bare.values()].flat());
    const ratio = all.p95 / allBare.p95;
    const sizes = (await t.k.store.db.execute(
      sql`select (select count(*) from cases)::int as cases, (select count(*) from messages)::int as messages,
        pg_size_pretty(pg_database_size(current_database())) as size`,
    )) as unknown as { rows: { cases: number; messages: number; size: string }[] };
    const s = sizes.rows[0];
    return [
      { metric: `PostgreSQL: ${s?.cases} cases, ${s?.messages} messages (${s?.size}), seeded`, value: db.seeded },
      ...rows('PostgreSQL', queries, search, bare),
      {
        metric: `PostgreSQL: all ${queries.length} × ${ROUNDS}, GET /api/search p50 / p95`,
        value: `${ms(all.p50)} / ${ms(all.p95)}`,
        baseline: `${ms(allBare.p50)} / ${ms(allBare.p95)} (bare indexed SQL)`,
      },
      {
        metric: 'PostgreSQL verdict',
        value: `p95 ${ms(all.p95)} ${all.p95 < TARGET.pgP95 ? '<' : '≥'} ${TARGET.pgP95} ms: ${
          all.p95 < TARGET.pgP95 ? 'met' : 'not met'
        }; ${ratio.toFixed(2)}× bare ${ratio <= TARGET.ratio ? '≤' : '>'} ${TARGET.ratio}: ${ratio <= TARGET.ratio ? 'met' : 'not met'}`,
      },
    ];
  } finally {
    await t.cleanup();
    if (DROP) await dropDatabase(db.url);
  }
}

async function pgliteRun(log: (s: string) => void): Promise<BenchRow[]> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-bench-search-'));
  let store: Store | undefined;
  try {
    store = await openStore({ dataDir: dir });
    const started = performance.now();
    await seedSearchData(store.db, { cases: PGLITE_CASES }, (step) =>
      log(`  PGlite seed: ${step} (${((performance.now() - started) / 1000).toFixed(0)} s)`),
    );
    const seeded = `${((performance.now() - started) / 1000).toFixed(0)} s`;
    const db = store.db;
    const service = createSearchService({ store: createSearchRepository(db) });
    const [user] = (
      (await db.execute(sql`select id from users where role = 'counselor' limit 1`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    const actor: Actor = { id: user?.id ?? '', role: 'counselor', ip: null };
    const queries = await benchQueries(db, PGLITE_CASES);
    const search = await measure(queries, (q) => service.search(actor, q.input));
    const bare = await measure(queries, (q) => db.execute(bareQuery(parseQuery(q.params.q ?? ''), q.params)));
    const all = stats([...search.values()].flat());
    const allBare = stats([...bare.values()].flat());
    return [
      { metric: `PGlite: ${PGLITE_CASES} cases, ${PGLITE_CASES * 10} messages, seeded`, value: seeded },
      ...rows('PGlite', queries, search, bare),
      {
        metric: `PGlite: all ${queries.length} × ${ROUNDS}, search function p50 / p95`,
        value: `${ms(all.p50)} / ${ms(all.p95)}`,
        baseline: `${ms(allBare.p50)} / ${ms(allBare.p95)} (bare indexed SQL)`,
      },
      {
        metric: 'PGlite verdict',
        value: `p95 ${ms(all.p95)} ${all.p95 < TARGET.pglitP95 ? '<' : '≥'} ${TARGET.pglitP95} ms: ${all.p95 < TARGET.pglitP95 ? 'met' : 'not met'}`,
      },
    ];
  } finally {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Ten typical searches, each alone and with filters, over 200,000 generated cases with 2,000,000
 * messages in PostgreSQL (seeded in SQL, Serbian in both scripts), through GET /api/search
 * (session, validation, search, snippets, audit), beside the bare indexed SQL that finds the same
 * first page; then the same over 20,000 cases in PGlite through the search function.
 */
export const searchBench: Benchmark = {
  name: 'search',
  description: `search over ${CASES} cases (PostgreSQL) and ${PGLITE_CASES} (PGlite), beside the bare indexed query`,
  async run() {
    const log = (s: string) => console.log(s);
    const out: BenchRow[] = [];
    if (CASES > 0) out.push(...(await postgresRun(log)));
    if (PGLITE_CASES > 0) out.push(...(await pgliteRun(log)));
    return out;
  },
};
