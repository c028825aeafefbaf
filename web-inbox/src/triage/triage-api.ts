import { request } from '../api.ts';

/*
 * Counselors' marks on how a case was triaged (docs/triage.md, src/triage-feedback/): the answers'
 * shapes as the server sends them.
 */

export const TRIAGE_MARKS = ['should_have_been_urgent', 'should_not_have_been_urgent'] as const;
export type TriageMark = (typeof TRIAGE_MARKS)[number];

export interface MarkView {
  mark: TriageMark;
  by: { id: string; name: string | null };
  at: string;
}

export interface CaseMarks {
  mine: TriageMark | null;
  marks: MarkView[];
}

export interface FeedbackItem extends MarkView {
  id: string;
  caseId: string;
  reference: string;
  priority: string;
  priorityAtMark: string;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  counts: Record<TriageMark, number>;
  next: string | null;
}

export interface FeedbackFilter {
  mark?: TriageMark;
  /** Calendar days (the screen's date inputs); sent as the start of the day and of the day after. */
  from?: string;
  to?: string;
}

const path = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/triage-feedback`;

/** A date input's day as the instant it starts in the browser's time zone. */
const dayStart = (day: string, plus = 0) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plus);
  return d.toISOString();
};

export const triageApi = {
  forCase: (caseId: string) => request<CaseMarks>('GET', path(caseId)),
  mark: (caseId: string, mark: TriageMark) => request<CaseMarks>('PUT', path(caseId), { mark }),
  withdraw: (caseId: string) => request<void>('DELETE', path(caseId)),
  list(f: FeedbackFilter, cursor: string | null, limit = 50): Promise<FeedbackPage> {
    const p = new URLSearchParams({ limit: String(limit) });
    if (f.mark) p.set('mark', f.mark);
    if (f.from) p.set('from', dayStart(f.from));
    if (f.to) p.set('to', dayStart(f.to, 1));
    if (cursor) p.set('cursor', cursor);
    return request<FeedbackPage>('GET', `/api/triage/feedback?${p}`);
  },
};
