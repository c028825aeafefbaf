/** The centre's figures over a period; computed by the store in SQL, shaped here for export. */
export interface StatsPeriod {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface CaseStats {
  from: string;
  to: string;
  totalCases: number;
  /** Cases by the channel they arrived on, and the messages received on each channel. */
  byChannel: { key: string; cases: number; inboundMessages: number }[];
  byCategory: { key: string; cases: number }[];
  byReporterRole: { key: string; cases: number }[];
  byPriority: { key: string; cases: number }[];
  /** Calendar months in Belgrade time, "2026-03". */
  byMonth: { key: string; cases: number }[];
  /** Medians in minutes over the cases that have them; null when none do. */
  medianMinutesToFirstResponse: number | null;
  medianMinutesToClose: number | null;
  /** From the times stored on each case (first_response_due_at, first_response_at, closed_at). */
  serviceLevel: {
    responded: number;
    /** Answered by the due time stored on the case. */
    respondedWithinTarget: number;
    /** Not answered, not closed, and past the due time at the moment of the query. */
    unansweredOverdue: number;
    closed: number;
  };
  /** Per month of arrival (Belgrade time): medians in minutes, null when no case of that month has one. */
  timesByMonth: { key: string; medianMinutesToFirstResponse: number | null; medianMinutesToClose: number | null }[];
  /** Phone callback tasks opened in the period, and those completed as done in it. */
  callbacks: { opened: number; done: number };
  /** Referrals made in the period (drafts left out), per institution code and by where they stand now. */
  referralsByInstitution: {
    key: string;
    referrals: number;
    sent: number;
    acknowledged: number;
    answered: number;
    closed: number;
  }[];
}

export const REFERRAL_STATES = ['sent', 'acknowledged', 'answered', 'closed'] as const;

export interface StatsPort {
  caseStats(period: StatsPeriod): Promise<CaseStats>;
}

/** Cases without a value are counted under this key, not dropped. */
export const NONE_KEY = 'none';

export const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote when needed; a leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One table for spreadsheets: dimension, key, cases, inbound messages (channels only). */
export function statsToCsv(s: CaseStats): string {
  const rows: (string | number | null)[][] = [['dimension', 'key', 'cases', 'inbound_messages']];
  rows.push(['total', 'all', s.totalCases, null]);
  for (const r of s.byChannel) rows.push(['channel', r.key, r.cases, r.inboundMessages]);
  for (const r of s.byCategory) rows.push(['category', r.key, r.cases, null]);
  for (const r of s.byReporterRole) rows.push(['reporter_role', r.key, r.cases, null]);
  for (const r of s.byPriority) rows.push(['priority', r.key, r.cases, null]);
  for (const r of s.byMonth) rows.push(['month', r.key, r.cases, null]);
  rows.push(['median_minutes', 'first_response', s.medianMinutesToFirstResponse, null]);
  rows.push(['median_minutes', 'close', s.medianMinutesToClose, null]);
  for (const [k, v] of Object.entries(s.serviceLevel)) rows.push(['service_level', snake(k), v, null]);
  for (const r of s.timesByMonth) {
    rows.push(['median_minutes_first_response', r.key, r.medianMinutesToFirstResponse, null]);
    rows.push(['median_minutes_close', r.key, r.medianMinutesToClose, null]);
  }
  rows.push(['callbacks', 'opened', s.callbacks.opened, null]);
  rows.push(['callbacks', 'done', s.callbacks.done, null]);
  for (const r of s.referralsByInstitution) {
    rows.push(['referrals', r.key, r.referrals, null]);
    for (const state of REFERRAL_STATES) rows.push([`referrals_${state}`, r.key, r[state], null]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
