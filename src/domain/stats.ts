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
}

export interface StatsPort {
  caseStats(period: StatsPeriod): Promise<CaseStats>;
}

/** Cases without a value are counted under this key, not dropped. */
export const NONE_KEY = 'none';

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote when needed; a leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

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
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
