import type { UrlActionView, UrlItemView, UrlStats } from '../../../src/inbox/contract.ts';

/**
 * The codes of the URL workflow as the inbox offers them, in the server's order. The inbox imports
 * no values from src/, so the lists are written here; each is checked against the server's types
 * (a Record over the union: a code added there and not here is a type error). Pure: no DOM, no t().
 */
export type UrlAssessment = NonNullable<UrlItemView['assessment']>;
export type UrlStatus = UrlItemView['status'];
export type UrlActionKind = UrlActionView['kind'];
export type OpenAgeBucket = UrlStats['openByAge'][number]['key'];

const keys = <K extends string>(r: Record<K, true>): K[] => Object.keys(r) as K[];

export const ASSESSMENTS = keys<UrlAssessment>({
  csam: true,
  harmful_not_illegal: true,
  not_actionable: true,
  duplicate: true,
  unreachable: true,
});

export const STATUSES = keys<UrlStatus>({ new: true, assessed: true, in_progress: true, removed: true, closed: true });

export const ACTION_KINDS = keys<UrlActionKind>({
  reported_to_platform: true,
  forwarded_police: true,
  forwarded_prosecutor: true,
  forwarded_partner_hotline: true,
  takedown_confirmed: true,
  still_online: true,
});

export const AGE_BUCKETS = keys<OpenAgeBucket>({
  under_1d: true,
  '1d_3d': true,
  '3d_7d': true,
  '7d_30d': true,
  over_30d: true,
});

/** What the list's status filter offers besides the statuses themselves. */
export const STATUS_FILTERS = ['open', 'overdue', ...STATUSES] as const;
export type UrlStatusFilter = (typeof STATUS_FILTERS)[number];

/** The server's name for hosts on no listed platform. */
export const OTHER_PLATFORM = 'other';

/** Only these roles work the links (the server refuses the rest); figures and exports are for leads. */
export const mayWorkUrls = (role: string): boolean => role === 'counselor' || role === 'supervisor' || role === 'admin';
export const mayExportUrls = (role: string): boolean => role === 'supervisor' || role === 'admin';

/** Status of an open item: new, assessed or in progress. */
export const isOpenStatus = (s: UrlStatus): boolean => s === 'new' || s === 'assessed' || s === 'in_progress';
