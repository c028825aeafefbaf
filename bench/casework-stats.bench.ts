import { sql } from 'drizzle-orm';
import { createCaseRepository } from '../src/store/case.repository.ts';
import { createStatsRepository } from '../src/store/stats.repository.ts';
import { openTestStore } from '../tests/helpers/services.ts';
import type { Benchmark } from './types.ts';

const CASES = Number(process.env.BENCH_STATS_CASES ?? 100_000);
const MESSAGES_PER_CASE = 2;
const ROUNDS = Number(process.env.BENCH_STATS_ROUNDS ?? 15);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const fmt = (v: number) => `${v.toFixed(1)} ms`;

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn(); // warm: plan cache, buffers
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: pct(samples, 0.5), p95: pct(samples, 0.95) };
}

/**
 * 100,000 cases over two years with two messages each, seeded in SQL (generate_series), then the
 * statistics queries and the inbox's case-list queries, beside a plain count(*) in the same run.
 */
export const caseworkStatsBench: Benchmark = {
  name: 'casework-stats',
  description: `statistics and case-list queries over ${CASES} cases (PostgreSQL), beside count(*)`,
  async run() {
    const { store, dispose } = await openTestStore('postgres');
    try {
      const db = store.db;
      const seedStarted = performance.now();
      await db.execute(sql`
        insert into cases (reference, kind, status, priority, category, channel, anonymous, consent,
          reporter_role, preview, message_count, created_at, updated_at, last_activity_at, first_response_at, closed_at)
        select 'KC-B-' || lpad(g::text, 7, '0'), 'report',
          (array['new','open','waiting','referred','closed'])[1 + g % 5],
          (array['urgent','high','normal','normal','low'])[1 + g % 5],
          (array['illegal_content','integrity','rights','health','wellbeing','addiction','advice','other', null])[1 + g % 9],
          (array['web_form','email','phone','facebook','instagram'])[1 + g % 5],
          g % 3 = 0, g % 2 = 0,
          (array['child','parent','teacher','professional', null])[1 + g % 5],
          'preview ' || g, ${MESSAGES_PER_CASE},
          t, t, t + interval '1 hour',
          case when g % 4 <> 0 then t + (g % 600) * interval '1 minute' end,
          case when g % 5 = 4 then t + (g % 5000) * interval '1 minute' end
        from generate_series(1, ${CASES}) g,
          lateral (select timestamptz '2024-01-01' + (g::double precision / ${CASES}) * interval '730 days' as t) x`);
      await db.execute(sql`
        insert into messages (case_id, channel, external_id, text, direction, created_at, received_at)
        select c.id, c.channel, c.reference || '-' || i, 'seed message', 'inbound', c.created_at, c.created_at
        from cases c, generate_series(1, ${MESSAGES_PER_CASE}) i`);
      await db.execute(sql`analyze`);
      const seedMs = performance.now() - seedStarted;

      const stats = createStatsRepository(db);
      const cases = createCaseRepository(db);
      const year = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
      const all = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };

      const baseline = await time(() => db.execute(sql`select count(*) from cases`));
      const statsYear = await time(() => stats.caseStats(year));
      const statsAll = await time(() => stats.caseStats(all));
      const listOpen = await time(() => cases.list({ status: ['new', 'open', 'waiting', 'referred'], limit: 50 }));
      const listUrgent = await time(() => cases.list({ priority: ['urgent'], limit: 50 }));
      const counts = await time(() =>
        cases.count({ open: { status: ['new', 'open', 'waiting', 'referred'] }, urgent: { priority: ['urgent'] } }),
      );
      const base = `${fmt(baseline.median)} / ${fmt(baseline.p95)} (count(*), median / p95)`;
      const row = (metric: string, r: { median: number; p95: number }) => ({
        metric,
        value: `${fmt(r.median)} / ${fmt(r.p95)}`,
        baseline: base,
      });
      return [
        {
          metric: `seed ${CASES} cases + ${CASES * MESSAGES_PER_CASE} messages`,
          value: `${(seedMs / 1000).toFixed(1)} s`,
        },
        row('stats, one year (median / p95)', statsYear),
        row('stats, two years (median / p95)', statsAll),
        row('case list, open, first page', listOpen),
        row('case list, urgent, first page', listUrgent),
        row('view counts (open, urgent)', counts),
      ];
    } finally {
      await dispose();
    }
  },
};
