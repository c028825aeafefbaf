import type { UrlItemView } from '../../../src/inbox/contract.ts';
import { ASSESSMENTS, isOpenStatus, STATUS_FILTERS, type UrlAssessment, type UrlStatusFilter } from './url-codes.ts';

/**
 * The reported links' addresses: /urls?assessment=csam&platform=tiktok&status=overdue&q=…,
 * /urls/figures and /urls/<id>. The filters are GET /api/urls's own, one value each, so the address
 * bar says what the screen shows. Pure (no DOM): the router reads them and a unit test reads every
 * address back.
 */
export interface UrlFilters {
  assessment?: UrlAssessment | 'none';
  platform?: string;
  status?: UrlStatusFilter;
  q?: string;
}

export type UrlsRoute = { name: 'urls'; filters: UrlFilters } | { name: 'url-figures' } | { name: 'url'; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLATFORM = /^[a-z][a-z0-9_]{1,31}$/;
const MAX_Q = 500;

/** The filters a query string names; what it does not understand is left out. */
export function parseUrlFilters(search: string): UrlFilters {
  const p = new URLSearchParams(search);
  const f: UrlFilters = {};
  const assessment = p.get('assessment') ?? '';
  if (assessment === 'none' || (ASSESSMENTS as string[]).includes(assessment))
    f.assessment = assessment as UrlFilters['assessment'];
  const platform = p.get('platform') ?? '';
  if (PLATFORM.test(platform)) f.platform = platform;
  const status = p.get('status') ?? '';
  if ((STATUS_FILTERS as readonly string[]).includes(status)) f.status = status as UrlStatusFilter;
  const q = p.get('q')?.trim().slice(0, MAX_Q);
  if (q) f.q = q;
  return f;
}

/** The query string of the filters (no "?"), in one order, so equal filters have equal addresses. */
export function urlFiltersQuery(f: UrlFilters): string {
  const p = new URLSearchParams();
  if (f.assessment) p.set('assessment', f.assessment);
  if (f.platform) p.set('platform', f.platform);
  if (f.status) p.set('status', f.status);
  if (f.q) p.set('q', f.q);
  return p.toString();
}

/** One of the reported links' screens, or null when the path is not one. */
export function parseUrlsRoute(path: string, search: string): UrlsRoute | null {
  if (path === '/urls') return { name: 'urls', filters: parseUrlFilters(search) };
  if (path === '/urls/figures') return { name: 'url-figures' };
  const id = /^\/urls\/([^/]+)$/.exec(path)?.[1];
  if (id && UUID.test(id)) return { name: 'url', id: id.toLowerCase() };
  return null;
}

export function urlsRouteHref(r: UrlsRoute): string {
  switch (r.name) {
    case 'urls': {
      const qs = urlFiltersQuery(r.filters);
      return qs ? `/urls?${qs}` : '/urls';
    }
    case 'url-figures':
      return '/urls/figures';
    case 'url':
      return `/urls/${r.id}`;
  }
}

export const isUrlsRoute = (r: { name: string }): r is UrlsRoute =>
  r.name === 'urls' || r.name === 'url-figures' || r.name === 'url';

/**
 * Whether an item that arrived live belongs in a list with these filters (the server decides for
 * the pages it sends; this is for the items pushed between them). `now` decides "overdue".
 */
export function matchesFilters(u: UrlItemView, f: UrlFilters, now = Date.now()): boolean {
  if (f.assessment && (u.assessment ?? 'none') !== f.assessment) return false;
  if (f.platform && u.platform !== f.platform) return false;
  if (f.status === 'open' && !isOpenStatus(u.status)) return false;
  if (f.status === 'overdue') {
    const due = u.reminderDueAt ? Date.parse(u.reminderDueAt) : Number.NaN;
    if (!isOpenStatus(u.status) || !(u.overdue || due <= now)) return false;
  } else if (f.status && f.status !== 'open' && u.status !== f.status) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (![u.url, u.host, u.hostUnicode].some((s) => s.toLowerCase().includes(q))) return false;
  }
  return true;
}
