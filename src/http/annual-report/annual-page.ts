import { createHash } from 'node:crypto';
import type { Cell, ReportTable } from '../../domain/annual-report.ts';
import type { ReportSummary } from '../../domain/report-summary.ts';
import { type AnnualWord, annualWord } from '../../i18n/annual-report.messages.ts';
import { LANG_NAMES, LANGS, type Lang } from '../../i18n/messages.ts';
import { formatNumber } from '../../i18n/report-sentences.ts';
import { escapeHtml } from '../escape-html.ts';
import { columns, horizontalBars } from './svg-charts.ts';

/** The page's only style, inline and allowed by its hash: the CSP needs no 'unsafe-inline' and no file. */
const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0 auto;max-width:980px;padding:24px}
header{border-bottom:3px solid #1f3a5f;margin-bottom:18px}
header p{margin:0;color:#555}
h1{margin:4px 0 8px;font-size:28px}
h2{font-size:19px;margin:28px 0 8px;color:#1f3a5f}
nav.langs{margin:8px 0 12px}
nav.langs a,nav.langs strong{margin-right:12px}
.sentences li{margin:6px 0}
.chart{margin:8px 0 18px;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:6px 0 4px;font-size:14px}
th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.csv{font-size:13px}
.hint,.empty{color:#666;font-size:13px}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  nav.langs,.csv,.hint{display:none}
  section{break-inside:avoid}
  h2{break-after:avoid}
  a{color:inherit;text-decoration:none}
}
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Nothing but the inline style above: no script, no frame, no form, no outside resource. */
export const ANNUAL_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const numeric = (v: Cell) => typeof v === 'number';

function tableHtml(t: ReportTable, lang: Lang, csvHref: string): string {
  const w = (k: AnnualWord) => annualWord(lang, k);
  const cell = (v: Cell) =>
    numeric(v)
      ? `<td class="n">${formatNumber(v as number, lang)}</td>`
      : `<td>${escapeHtml(v === null ? '—' : String(v))}</td>`;
  const numericColumn = t.columns.map((_c, i) => t.rows.some((r) => numeric(r[i] ?? null)));
  const head = t.columns.map((c, i) => `<th${numericColumn[i] ? ' class="n"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.length ? `<tbody>${t.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody>` : '';
  return `<section id="${t.name}"><h2>${escapeHtml(t.title)}</h2>${
    t.rows.length
      ? `<table><thead><tr>${head}</tr></thead>${body}</table>`
      : `<p class="empty">${escapeHtml(w('noData'))}</p>`
  }<p class="csv"><a href="${escapeHtml(csvHref)}" download>${escapeHtml(w('csv'))}: ${escapeHtml(t.name)}.csv</a></p></section>`;
}

/** The printable yearly report: sentences, charts (inline SVG) and every table with its CSV link. */
export function annualPage(input: {
  year: number;
  lang: Lang;
  summary: ReportSummary;
  tables: ReportTable[];
  framework: string;
  now?: Date;
}): string {
  const { year, lang, summary, tables, framework } = input;
  const w = (k: AnnualWord, p?: Record<string, string | number>) => annualWord(lang, k, p);
  const group = lang === 'en' ? ',' : '.';
  const query = (l: Lang) => `?lang=${encodeURIComponent(l)}&framework=${encodeURIComponent(framework)}`;
  const langs = LANGS.map((l) =>
    l === lang
      ? `<strong>${escapeHtml(LANG_NAMES[l])}</strong>`
      : `<a href="${escapeHtml(query(l))}" hreflang="${l}">${escapeHtml(LANG_NAMES[l])}</a>`,
  ).join('');
  const csv = (name: string) =>
    `/api/reports/annual/${year}/tables/${name}.csv?lang=${encodeURIComponent(lang)}&framework=${encodeURIComponent(framework)}`;
  const byYear = new Map<number, { before: number; value: number }>();
  for (const r of summary.communications.byYear) {
    const y = byYear.get(r.year) ?? { before: 0, value: 0 };
    y.before += r.baseline;
    y.value += r.cases;
    byYear.set(r.year, y);
  }
  // Every month of the year, the empty ones too.
  const counted = new Map(summary.cases.byMonth.map((r) => [r.key, r.cases]));
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = String(i + 1).padStart(2, '0');
    return [m, counted.get(`${year}-${m}`) ?? 0] as const;
  });
  const charts = [
    columns(
      w('chart.months'),
      months.map(([label, value]) => ({ label, value })),
      group,
    ),
    horizontalBars(
      w('chart.channels'),
      summary.cases.byChannel.map((r) => ({ label: r.label, value: r.cases })),
      group,
    ),
    horizontalBars(
      w('chart.categories'),
      summary.cases.byCategory.map((r) => ({ label: r.label, value: r.cases })),
      group,
    ),
    columns(
      w('chart.years'),
      [...byYear.entries()]
        .sort(([a], [b]) => a - b)
        .map(([y, v]) => ({ label: String(y), value: v.value, before: v.before })),
      group,
    ),
  ];
  const date = (input.now ?? new Date()).toISOString().slice(0, 10);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(w('title', { year }))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p>${escapeHtml(w('centre'))}</p>
<h1>${escapeHtml(w('title', { year }))}</h1>
<nav class="langs" aria-label="${escapeHtml(w('language'))}">${langs}</nav>
<p class="hint">${escapeHtml(w('printHint'))} ${escapeHtml(w('generated', { date }))}</p>
</header>
<main>
<section id="summary"><h2>${escapeHtml(w('summary'))}</h2><ul class="sentences">${summary.sentences
    .map((s) => `<li data-key="${escapeHtml(s.key)}">${escapeHtml(s.text)}</li>`)
    .join('')}</ul></section>
${charts.map((c) => `<div class="chart">${c}</div>`).join('\n')}
${tables.map((t) => tableHtml(t, lang, csv(t.name))).join('\n')}
</main>
</body>
</html>
`;
}
