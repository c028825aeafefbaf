import type { InstitutionView, ReferralDraft, ReferralView } from '../../src/inbox/contract.ts';
import { request } from './api.ts';

/** The answers' types are the server's schemas (referrals.schema.ts), imported as types only. */
export type { InstitutionView, ReferralDraft, ReferralView };

export interface NewReferralBody {
  institution: string;
  summary: string;
  includeContact: boolean;
  delivery: 'email' | 'other';
  otherMeans?: 'phone' | 'post' | 'in_person' | 'other';
  note?: string;
}

const enc = encodeURIComponent;

export const referralApi = {
  institutions: (all = false) =>
    request<{ items: InstitutionView[] }>('GET', `/api/institutions${all ? '?all=true' : ''}`),
  addInstitution: (body: { code: string; names: InstitutionView['names']; email: string }) =>
    request<InstitutionView>('POST', '/api/institutions', body),
  patchInstitution: (
    code: string,
    body: Partial<{ names: Partial<InstitutionView['names']>; email: string; retired: boolean }>,
  ) => request<InstitutionView>('PATCH', `/api/institutions/${enc(code)}`, body),
  draft: (caseId: string, includeContact: boolean) =>
    request<ReferralDraft>('GET', `/api/cases/${enc(caseId)}/referral-draft?includeContact=${includeContact}`),
  forCase: (caseId: string) => request<{ items: ReferralView[] }>('GET', `/api/cases/${enc(caseId)}/referrals`),
  refer: (caseId: string, body: NewReferralBody) =>
    request<ReferralView>('POST', `/api/cases/${enc(caseId)}/referrals`, body),
  move: (id: string, status: ReferralView['status'], outcome?: string) =>
    request<ReferralView>('PATCH', `/api/referrals/${enc(id)}`, { status, ...(outcome ? { outcome } : {}) }),
  retry: (id: string) => request<ReferralView>('POST', `/api/referrals/${enc(id)}/retry`, {}),
  overdue: () => request<{ items: ReferralView[] }>('GET', '/api/referrals?overdue=true'),
};
