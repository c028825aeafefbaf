import type { ReportSummary } from '../../../src/inbox/contract.ts';
import { request } from '../api.ts';
import type { Lang } from '../i18n/index.ts';

/* GET /api/reports/summary as the server answers it (docs/reports.md, src/domain/report-summary.ts). */
export type { LabelledCount, ReportSummary } from '../../../src/inbox/contract.ts';

export const reportsApi = {
  summary: (from: string, to: string, lang: Lang) =>
    request<ReportSummary>('GET', `/api/reports/summary?${new URLSearchParams({ from, to, lang })}`),
};

/** The printable yearly report, a page of the server's (not the inbox's), in the counselor's language. */
export const annualReportHref = (year: number, lang: Lang): string =>
  `/reports/annual/${year}?${new URLSearchParams({ lang })}`;
