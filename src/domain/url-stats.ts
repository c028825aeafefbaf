import { csvCell, NONE_KEY } from './stats.ts';
import type { UrlActionKind, UrlAssessment, UrlStatus } from './url-items.ts';

/**
 * The hotline's figures over reported URLs, and the export for partners. Computed by the store
 * in SQL; shaped for CSV here.
 */
export interface UrlStats {
  from: string;
  /** Exclusive. Items count when first reported in [from, to). */
  to: string;
  totalItems: number;
  /** Items not yet assessed are under "none". */
  byAssessment: { key: string; items: number }[];
  /** Platform codes ("other" for hosts on no listed platform); time to takedown over the removed ones. */
  byPlatform: {
    key: string;
    items: number;
    removed: number;
    medianMinutesToTakedown: number | null;
    p90MinutesToTakedown: number | null;
  }[];
  /** ISO country codes as the analysts entered them; "none" when not entered. */
  byHostingCountry: { key: string; items: number }[];
  /** First report to the confirmed takedown, over all removed items of the period. */
  takedown: { removed: number; medianMinutes: number | null; p90Minutes: number | null };
  /** Items open now (whatever the period), by how long since they were first reported. */
  openByAge: { key: OpenAgeBucket; items: number }[];
}

export const OPEN_AGE_BUCKETS = ['under_1d', '1d_3d', '3d_7d', '7d_30d', 'over_30d'] as const;
export type OpenAgeBucket = (typeof OPEN_AGE_BUCKETS)[number];

/** The bucket's lower bound in days (the upper is the next one's). */
export const OPEN_AGE_FROM_DAYS: Readonly<Record<OpenAgeBucket, number>> = {
  under_1d: 0,
  '1d_3d': 1,
  '3d_7d': 3,
  '7d_30d': 7,
  over_30d: 30,
};

export { NONE_KEY };

/** One table: dimension, key, items, removed, median and 90th percentile minutes to takedown. */
export function urlStatsToCsv(s: UrlStats): string {
  const rows: (string | number | null)[][] = [
    ['dimension', 'key', 'items', 'removed', 'median_minutes_to_takedown', 'p90_minutes_to_takedown'],
    ['total', 'all', s.totalItems, s.takedown.removed, s.takedown.medianMinutes, s.takedown.p90Minutes],
  ];
  for (const r of s.byAssessment) rows.push(['assessment', r.key, r.items, null, null, null]);
  for (const r of s.byPlatform)
    rows.push(['platform', r.key, r.items, r.removed, r.medianMinutesToTakedown, r.p90MinutesToTakedown]);
  for (const r of s.byHostingCountry) rows.push(['hosting_country', r.key, r.items, null, null, null]);
  for (const r of s.openByAge) rows.push(['open_by_age', r.key, r.items, null, null, null]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * One assessed item as a partner receives it. Nothing about who reported it: no case, message,
 * contact, channel or note, and not who in the centre did what.
 */
export interface UrlExportRow {
  url: string;
  host: string;
  platform: string;
  hostingCountry: string | null;
  assessment: UrlAssessment;
  assessedAt: string | null;
  firstReportedAt: string;
  lastReportedAt: string;
  reportCount: number;
  status: UrlStatus;
  removedAt: string | null;
  actions: { kind: UrlActionKind; at: string }[];
}

export const URL_EXPORT_COLUMNS = [
  'url',
  'host',
  'platform',
  'hosting_country',
  'assessment',
  'assessed_at',
  'first_reported_at',
  'last_reported_at',
  'report_count',
  'status',
  'removed_at',
  'actions',
] as const;

/** CSV of the export; the actions are one cell, "kind@time; kind@time", oldest first. */
export function urlExportToCsv(rows: UrlExportRow[]): string {
  const lines = [URL_EXPORT_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.url,
        r.host,
        r.platform,
        r.hostingCountry,
        r.assessment,
        r.assessedAt,
        r.firstReportedAt,
        r.lastReportedAt,
        r.reportCount,
        r.status,
        r.removedAt,
        r.actions.map((a) => `${a.kind}@${a.at}`).join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
