/**
 * A search as its URL carries it: /search?q=nasilje&channel=email&channel=instagram&from=2026-01-01&sort=newest.
 * The names are GET /api/search's, so the screen sends what the address bar holds. Pure (no DOM): the
 * router parses with it and a unit test reads every search back from its URL.
 */

/** Filters that take several values (any of them matches; tags: every one). */
export const LIST_FILTERS = [
  'channel',
  'status',
  'priority',
  'category',
  'tags',
  'reporterRole',
  'ageGroup',
  'institution',
] as const;
/** Filters that take one value: an assignee (a user id, "me" or "none"), days, yes/no. */
export const ONE_FILTERS = ['assignee', 'from', 'to', 'hasAttachments'] as const;

export type ListFilter = (typeof LIST_FILTERS)[number];
export type OneFilter = (typeof ONE_FILTERS)[number];
export type SearchSort = 'relevance' | 'newest';

export type SearchFilterValues = { [K in ListFilter]?: string[] } & { [K in OneFilter]?: string };

export interface SearchParams {
  q: string;
  sort: SearchSort;
  filters: SearchFilterValues;
}

const MAX_Q = 200;
const MAX_VALUES = 20;
const MAX_VALUE = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A value as the URL may carry it, or null when it is not one. */
function oneValue(key: OneFilter, raw: string | null): string | null {
  const v = raw?.trim() ?? '';
  if (!v || v.length > MAX_VALUE) return null;
  if ((key === 'from' || key === 'to') && !DAY.test(v)) return null;
  if (key === 'hasAttachments' && v !== 'true' && v !== 'false') return null;
  return v;
}

/** The search a query string names; what it does not understand is left out. */
export function parseSearch(search: string): SearchParams {
  const p = new URLSearchParams(search);
  const filters: SearchFilterValues = {};
  for (const key of LIST_FILTERS) {
    const values = [...new Set(p.getAll(key).map((v) => v.trim()))].filter((v) => v && v.length <= MAX_VALUE);
    if (values.length) filters[key] = values.slice(0, MAX_VALUES);
  }
  for (const key of ONE_FILTERS) {
    const v = oneValue(key, p.get(key));
    if (v !== null) filters[key] = v;
  }
  return {
    q: p.get('q')?.trim().slice(0, MAX_Q) ?? '',
    sort: p.get('sort') === 'newest' ? 'newest' : 'relevance',
    filters,
  };
}

/** The query string of a search (no "?"), in one order, so equal searches have equal URLs. */
export function searchQueryString(s: SearchParams): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const key of LIST_FILTERS) for (const v of s.filters[key] ?? []) p.append(key, v);
  for (const key of ONE_FILTERS) {
    const v = s.filters[key];
    if (v) p.set(key, v);
  }
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  return p.toString();
}

/** How many filters are set (the "Filters (3)" count). */
export const filterCount = (f: SearchFilterValues): number =>
  LIST_FILTERS.reduce((n, k) => n + (f[k]?.length ? 1 : 0), 0) + ONE_FILTERS.filter((k) => f[k]).length;

/** Nothing to search for: no words and no filters. */
export const isEmptySearch = (s: SearchParams): boolean => !s.q && filterCount(s.filters) === 0;
