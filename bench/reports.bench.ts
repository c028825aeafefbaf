import { sql } from 'drizzle-orm';
import { loadReferralsConfig } from '../src/config/referrals-config.ts';
import { createReportService } from '../src/domain/report.service.ts';
import { createTaxonomyService } from '../src/domain/taxonomy.service.ts';
import { annualPage } from '../src/http/annual-report/annual-page.ts';
import { outreachTotals } from '../src/outreach/outreach-totals.repository.ts';
import { seedRecord } from '../src/roles/record.parts.ts';
import { seedInstitutions } from '../src/store/referral.repository.ts';
import { createReportFiguresRepository } from '../src/store/report-figures.repository.ts';
import { createReportSettingsRepository } from '../src/store/report-settings.repository.ts';
import { createCategoryRepository } from '../src/store/taxonomy.repository.ts';
import { openTestStore } from '../tests/helpers/services.ts';
import type { Benchmark } from './types.ts';

const CASES = Number(process.env.BENCH_REPORT_CASES ?? 200_000);
const MESSAGES_PER_CASE = 10;
const ACTIVITIES = Number(process.env.BENCH_REPORT_ACTIVITIES ?? 5_000);
const ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 7);
const YEARS = 10;
const FIRST_YEAR = 2016;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const fmt = (v: number) => `${v.toFixed(0)} ms`;

async function time(fn: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await fn(); // warm: plan cache, buffers
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: pct(samples, 0.5), max: samples[samples.length - 1] ?? NaN };
}

/**
 * Ten years of generated data on PostgreSQL (200,000 cases described on every dimension, 2,000,000
 * messages, calls, referrals half answered, outcome notices, 5,000 outreach activities), then the
 * summary and the yearly report (figures, tables and the page) beside the bare count(*) of the
 * tables they read, in the same run. Targets: the yearly report under 2 s and under 10× the counts.
 */
export const reportsBench: Benchmark = {
  name: 'reports',
  description: `summary and yearly report over ${YEARS} years, ${CASES} cases, ${CASES * MESSAGES_PER_CASE} messages (PostgreSQL), beside count(*)`,
  async run() {
    const { store, dispose } = await openTestStore('postgres');
    try {
      const db = store.db;
      const seedStarted = performance.now();
      const taxonomy = createTaxonomyService({ store: createCategoryRepository(db) });
      await taxonomy.seedDefaults();
      await seedInstitutions(db, loadReferralsConfig({}).seed);
      await seedRecord(db, taxonomy);
      const span = `${YEARS * 365} days`;
      await db.execute(sql`
        insert into cases (reference, kind, status, priority, category, subcategory, channel, anonymous, consent,
          reporter_role, age_group, gender, place_district, interventions, preview, message_count,
          created_at, updated_at, last_activity_at, first_response_at, closed_at)
        select 'KC-R-' || lpad(g::text, 7, '0'), 'report',
          (array['new','open','waiting','referred','closed'])[1 + g % 5],
          (array['urgent','high','normal','normal','low'])[1 + g % 5],
          c.category, c.subcategory,
          (array['web_form','email','phone','facebook','instagram'])[1 + g % 5],
          g % 3 = 0, g % 2 = 0,
          (array['child','parent_guardian','teacher_school_staff','health_worker','other_professional','citizen','unknown', null])[1 + g % 8],
          (array['under_9','9_12','13_15','16_17','adult_unknown', null])[1 + g % 6],
          (array['girl','boy','other','unknown', null])[1 + g % 5],
          (select code from districts order by position offset (g % 30) limit 1),
          case g % 5 when 0 then array['advice'] when 1 then array['advice', 'report_platform']
            when 2 then array['information'] when 3 then '{}'::text[] else array['emotional_support', 'referral_institution'] end,
          'preview ' || g, ${MESSAGES_PER_CASE},
          t, t, t + interval '1 hour',
          case when g % 4 <> 0 then t + (g % 600) * interval '1 minute' end,
          case when g % 5 = 4 then t + (g % 5000) * interval '1 minute' end
        from generate_series(1, ${CASES}) g
        cross join lateral (select timestamptz '${sql.raw(`${FIRST_YEAR}-01-01`)}' + (g::double precision / ${CASES}) * interval '${sql.raw(span)}' as t) x
        cross join lateral (select s.category, case when g % 3 = 0 then null else s.code end as subcategory
          from subcategories s order by s.position offset (g % 19) limit 1) c`);
      await db.execute(sql`
        insert into messages (case_id, channel, external_id, text, direction, created_at, received_at)
        select c.id, c.channel, c.reference || '-' || i, 'seed message', case when i % 3 = 0 then 'outbound' else 'inbound' end,
          c.created_at + i * interval '1 hour', c.created_at + i * interval '1 hour'
        from cases c, generate_series(1, ${MESSAGES_PER_CASE}) i`);
      await db.execute(sql`
        insert into phone_calls (call_id, source, direction, state, outcome, started_at, record, version, created_at, updated_at)
        select 'call-' || c.reference, 'pbx', 'inbound', 'ended', 'answered', c.created_at, '{}'::jsonb, 1, c.created_at, c.created_at
        from cases c where c.channel = 'phone'`);
      await db.execute(sql`
        insert into referrals (case_id, institution, status, summary, created_at, updated_at, sent_at, answered_at)
        select c.id, (array['ministry_education','ministry_social_work','ministry_health','ministry_interior','prosecutor_high_tech_crime'])[1 + n % 5],
          case when n % 2 = 0 then 'answered' else 'sent' end, 's', c.created_at, c.created_at, c.created_at,
          case when n % 2 = 0 then c.created_at + (n % 200) * interval '1 hour' end
        from (select c.*, row_number() over () as n from cases c where c.status = 'referred') c`);
      await db.execute(sql`
        insert into case_outcomes (case_id, outcome, language, text, recorded_at)
        select c.id, 'advice_given', 'sr-Latn', 't', c.closed_at from cases c where c.closed_at is not null`);
      await db.execute(sql`
        insert into outreach_activities (kind, held_on, institution_name, institution_kind, municipality, institution_key,
          students, parents, teachers, health_workers, created_at, updated_at)
        select (array['school_presentation','parents_meeting','teacher_training','health_centre_training','webinar'])[1 + g % 5],
          (date '${sql.raw(`${FIRST_YEAR}-01-01`)}' + (g * ${YEARS * 365} / ${ACTIVITIES}))::date,
          'Škola ' || (g % 400), (array['primary_school','secondary_school','health_centre'])[1 + g % 3], 'Opština ' || (g % 60),
          'skola ' || (g % 400) || '|' || (g % 60), 30 + g % 20, g % 15, g % 4, case when g % 3 = 2 then 10 else 0 end, now(), now()
        from generate_series(1, ${ACTIVITIES}) g`);
      await db.execute(sql`
        insert into report_baseline_channels (channel, year, communications)
        select ch, y, 1000 + y from unnest(array['phone','email','web_form','facebook']) ch, generate_series(2010, 2015) y`);
      await db.execute(sql`vacuum analyze`);
      const seedMs = performance.now() - seedStarted;

      const audit = { write: async () => {} };
      const reports = createReportService({
        figures: createReportFiguresRepository(db),
        settings: createReportSettingsRepository(db),
        outreach: (period) => outreachTotals(db, period),
        audit,
      });
      const lead = { id: '00000000-0000-4000-8000-000000000000', role: 'supervisor' as const, ip: null };
      const lastYear = FIRST_YEAR + YEARS - 1;
      const bareCases = await time(() => db.execute(sql`select count(*) from cases`));
      const bareMessages = await time(() => db.execute(sql`select count(*) from messages`));
      const bareOutreach = await time(() => db.execute(sql`select count(*) from outreach_activities`));
      const bare = bareCases.median + bareMessages.median + bareOutreach.median;
      const summaryYear = await time(() =>
        reports.summary(lead, { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` }, 'sr-Latn'),
      );
      const summaryAll = await time(() =>
        reports.summary(lead, { from: `${FIRST_YEAR}-01-01`, to: `${lastYear}-12-31` }, 'en'),
      );
      const annual = await time(async () => {
        const r = await reports.annual(lead, lastYear, 'sr-Latn');
        return annualPage({
          year: lastYear,
          lang: 'sr-Latn',
          summary: r.summary,
          tables: r.tables,
          framework: r.framework,
        });
      });
      const base = `${fmt(bare)} (count(*) of cases ${fmt(bareCases.median)} + messages ${fmt(bareMessages.median)} + outreach ${fmt(bareOutreach.median)})`;
      const row = (metric: string, r: { median: number; max: number }, target?: boolean) => ({
        metric,
        value: `${fmt(r.median)} (max ${fmt(r.max)}), ${(r.median / bare).toFixed(1)}× bare${
          target ? (r.max < 2000 && r.median < 10 * bare ? ' — target met' : ' — TARGET MISSED') : ''
        }`,
        baseline: base,
      });
      return [
        {
          metric: `seed ${CASES} cases + ${CASES * MESSAGES_PER_CASE} messages + ${ACTIVITIES} activities`,
          value: `${(seedMs / 1000).toFixed(1)} s`,
        },
        row(`yearly report ${lastYear} (figures + tables + page)`, annual, true),
        row(`summary, one year (${lastYear})`, summaryYear, true),
        row(`summary, all ${YEARS} years`, summaryAll),
      ];
    } finally {
      await dispose();
    }
  },
};
