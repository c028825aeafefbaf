import { type AnnualWord, annualWord } from '../i18n/annual-report.messages.ts';
import type { Lang } from '../i18n/messages.ts';
import { miscLabel, outreachLabel } from '../i18n/record-labels.ts';
import { entryOf } from './report-figures.ts';
import { type CategoryMapping, OUTREACH_BASELINE_FIELDS } from './report-settings.service.ts';
import type { LabelledCount, ReportSummary } from './report-summary.ts';

export type Cell = string | number | null;

/** One table of the yearly report: shown on the page, and the same rows as a CSV. */
export interface ReportTable {
  name: (typeof TABLE_NAMES)[number];
  title: string;
  columns: string[];
  rows: Cell[][];
}

export const TABLE_NAMES = [
  'communications',
  'communications-to-date',
  'communications-by-year',
  'channels',
  'categories',
  'subcategories',
  'reporter-roles',
  'age-groups',
  'genders',
  'districts',
  'months',
  'interventions',
  'referrals',
  'outreach',
  'external-categories',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Cases per external code: each sub-category's own mapping first, its category's for the rest. */
export function externalCounts(
  summary: ReportSummary,
  mapping: CategoryMapping[],
): { code: string; label: string; cases: number; categories: string[] }[] {
  const out = new Map<string, { code: string; label: string; cases: number; categories: Set<string> }>();
  const add = (code: string, label: string, cases: number, category: string) => {
    if (cases === 0) return;
    const row = entryOf(out, code, () => ({ code, label, cases: 0, categories: new Set<string>() }));
    row.cases += cases;
    row.categories.add(category);
  };
  const unmapped = miscLabel(summary.lang, 'unmapped');
  for (const c of summary.cases.byCategory) {
    let rest = c.cases;
    for (const s of summary.cases.bySubcategory.filter((x) => x.key.startsWith(`${c.key}/`))) {
      const sub = s.key.slice(c.key.length + 1);
      const m = mapping.find((x) => x.category === c.key && x.subcategory === sub);
      if (!m) continue;
      add(m.externalCode, m.externalLabel, s.cases, c.key);
      rest -= s.cases;
    }
    const whole = mapping.find((x) => x.category === c.key && x.subcategory === null);
    if (whole) add(whole.externalCode, whole.externalLabel, rest, c.key);
    else add('UNMAPPED', unmapped, rest, c.key);
  }
  return [...out.values()]
    .map((r) => ({ ...r, categories: [...r.categories].sort() }))
    .sort((a, b) => b.cases - a.cases || a.code.localeCompare(b.code));
}

/** Every table of the report, in the page's order, its words in the summary's language. */
export function reportTables(
  summary: ReportSummary,
  year: number,
  framework: string,
  mapping: CategoryMapping[],
): ReportTable[] {
  const lang: Lang = summary.lang;
  const w = (key: AnnualWord, params?: Record<string, string | number>) => annualWord(lang, key, params);
  const counted = (name: TableName, rows: LabelledCount[]): ReportTable => ({
    name,
    title: w(`table.${name}` as AnnualWord, { year }),
    columns: [w('col.key'), w('col.label'), w('col.cases')],
    rows: rows.map((r) => [r.key, r.label, r.cases]),
  });
  const c = summary.communications;
  const cases = summary.cases;
  const outreach = summary.outreach;
  return [
    {
      name: 'communications',
      title: w('table.communications', { year }),
      columns: [w('col.channel'), w('col.label'), w('col.cases'), w('col.messages'), w('col.calls')],
      rows: [
        ...c.period.map((r) => [r.channel, r.label, r.cases, r.messages, r.calls]),
        ['total', w('total'), c.periodTotal.cases, c.periodTotal.messages, c.periodTotal.calls],
      ],
    },
    {
      name: 'communications-to-date',
      title: w('table.communications-to-date'),
      columns: [w('col.channel'), w('col.label'), w('col.baseline'), w('col.cases'), w('col.communications')],
      rows: [
        ...c.toDate.map((r) => [r.channel, r.label, r.baseline, r.cases, r.communications]),
        ['total', w('total'), c.toDateTotal.baseline, c.toDateTotal.cases, c.toDateTotal.communications],
      ],
    },
    {
      name: 'communications-by-year',
      title: w('table.communications-by-year'),
      columns: [
        w('col.year'),
        w('col.channel'),
        w('col.label'),
        w('col.baseline'),
        w('col.cases'),
        w('col.communications'),
      ],
      rows: c.byYear.map((r) => [String(r.year), r.channel, r.label, r.baseline, r.cases, r.communications]),
    },
    counted('channels', cases.byChannel),
    counted('categories', cases.byCategory),
    counted('subcategories', cases.bySubcategory),
    counted('reporter-roles', cases.byReporterRole),
    counted('age-groups', cases.byAgeGroup),
    counted('genders', cases.byGender),
    counted('districts', cases.byDistrict),
    counted('months', cases.byMonth),
    counted('interventions', cases.byIntervention),
    {
      name: 'referrals',
      title: w('table.referrals'),
      columns: [w('col.key'), w('col.label'), w('col.referrals'), w('col.answered'), w('col.medianHours')],
      rows: summary.referrals.byInstitution.map((r) => [
        r.key,
        r.label,
        r.referrals,
        r.answered,
        r.medianHoursToAnswer,
      ]),
    },
    {
      name: 'outreach',
      title: w('table.outreach'),
      columns: [w('col.key'), w('col.label'), w('col.inYear'), w('col.toDate')],
      rows: outreach.toDate
        ? OUTREACH_BASELINE_FIELDS.map((f) => [
            f,
            outreachLabel(lang, f),
            outreach.period?.[f] ?? 0,
            outreach.toDate?.[f] ?? 0,
          ])
        : [],
    },
    {
      name: 'external-categories',
      title: w('table.external-categories', { framework }),
      columns: [w('col.externalCode'), w('col.externalLabel'), w('col.cases'), w('col.categories')],
      rows: externalCounts(summary, mapping).map((r) => [r.code, r.label, r.cases, r.categories.join(' ')]),
    },
  ];
}

const csvCell = (v: Cell) => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 with CRLF; the caller adds the BOM spreadsheets want for UTF-8. */
export function tableCsv(t: ReportTable): string {
  return `${[t.columns, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
