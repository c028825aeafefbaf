import type { PartnerSubmission } from '../../../src/partners/partner-reports.schema.ts';
import { request } from '../api.ts';

export type { PartnerSubmission };

export interface PartnerReport {
  description: string;
  urls: string[];
  reporterRole?: string;
  ageGroup?: string;
  anonymous: boolean;
  email?: string;
  phone?: string;
  consent: boolean;
  language: string;
}

/** One send per shown form: a retry after a lost answer is the same report (Idempotency-Key). */
export const submitReport = (body: PartnerReport, key: string) =>
  request<{ reference: string; receipt: string }>('POST', '/api/partner/reports', body, {
    headers: { 'idempotency-key': key },
  });

export const myReports = (before?: string | null) =>
  request<{ items: PartnerSubmission[]; next: string | null }>(
    'GET',
    `/api/partner/reports?limit=20${before ? `&before=${encodeURIComponent(before)}` : ''}`,
  );
