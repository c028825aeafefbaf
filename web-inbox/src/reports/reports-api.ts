import { request } from '../api.ts';
import type { Lang } from '../i18n/index.ts';

/*
 * GET /api/reports/summary as the screen reads it (docs/reports.md; the whole answer is
 * src/domain/report-summary.ts ReportSummary): only the parts shown here are typed.
 */

export interface LabelledCount {
  key: string;
  label: string;
  cases: number;
}

export interface OutreachFigures {
  presentations: number;
  primarySchools: number;
  secondarySchools: number;
  healthCentres: number;
  students: number;
  parents: number;
  teachers: number;
  healthWorkers: number;
  others: number;
}

export interface ReportSummary {
  period: { from: string; to: string };
  communications: {
    period: { channel: string; label: string; cases: number; messages: number; calls: number }[];
    periodTotal: { cases: number; messages: number; calls: number };
    toDate: { channel: string; label: string; baseline: number; cases: number; communications: number }[];
    toDateTotal: { baseline: number; cases: number; communications: number };
  };
  cases: {
    total: number;
    byCategory: LabelledCount[];
    bySubcategory: LabelledCount[];
    byReporterRole: LabelledCount[];
    byAgeGroup: LabelledCount[];
    byGender: LabelledCount[];
    byDistrict: LabelledCount[];
    byIntervention: LabelledCount[];
  };
  referrals: {
    total: number;
    answered: number;
    byInstitution: {
      key: string;
      label: string;
      referrals: number;
      answered: number;
      medianHoursToAnswer: number | null;
    }[];
  };
  outcomeNotices: { recorded: number; sent: number };
  medianFirstResponseMinutes: number | null;
  outreach: { period: OutreachFigures | null; toDate: OutreachFigures | null };
  sentences: { key: string; text: string }[];
}

export const reportsApi = {
  summary: (from: string, to: string, lang: Lang) =>
    request<ReportSummary>('GET', `/api/reports/summary?${new URLSearchParams({ from, to, lang })}`),
};

/** The printable yearly report, a page of the server's (not the inbox's), in the counselor's language. */
export const annualReportHref = (year: number, lang: Lang): string =>
  `/reports/annual/${year}?${new URLSearchParams({ lang })}`;
