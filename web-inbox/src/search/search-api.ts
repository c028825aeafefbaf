import type { SavedSearchView, SearchPageView, SearchResultView } from '../../../src/search/search.schema.ts';
import { request } from '../api.ts';
import { LIST_FILTERS, ONE_FILTERS, type SearchFilterValues, type SearchParams } from './search-params.ts';

/** The answers' types are the server's schemas (src/search/search.schema.ts), imported as types only. */
export type SearchResult = SearchResultView;
export type SearchPage = SearchPageView;
export type SavedSearch = SavedSearchView;
/**
 * A named search as the inbox sends it: the words, the filters and the order (lists as arrays, the flag
 * a boolean). The URL's values are plain strings; the server checks them. A saved one reads back
 * typed by the server's schema, which fits here (fromSaved takes it).
 */
export type SavedQuery = {
  [K in keyof SearchFilterValues]?: K extends 'hasAttachments' ? boolean : SearchFilterValues[K];
} & {
  q?: string;
  sort?: SearchParams['sort'];
};

export const PAGE_SIZE = 25;

/** The query string GET /api/search takes: the URL's own names, lists as repeated parameters. */
export function searchRequest(s: SearchParams, cursor?: string): string {
  const p = new URLSearchParams();
  p.set('q', s.q);
  for (const key of LIST_FILTERS) for (const v of s.filters[key] ?? []) p.append(key, v);
  for (const key of ONE_FILTERS) {
    const v = s.filters[key];
    if (v) p.set(key, v);
  }
  p.set('sort', s.sort);
  p.set('limit', String(PAGE_SIZE));
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

/** A search as a saved one keeps it. */
export function toSaved(s: SearchParams): SavedQuery {
  const { hasAttachments, ...rest } = s.filters;
  return {
    ...(s.q && { q: s.q }),
    ...rest,
    ...(hasAttachments && { hasAttachments: hasAttachments === 'true' }),
    sort: s.sort,
  };
}

/** A saved search as the URL carries it. */
export function fromSaved(q: SavedQuery): SearchParams {
  const filters: SearchFilterValues = {};
  for (const key of LIST_FILTERS) {
    const v = q[key];
    if (v?.length) filters[key] = v;
  }
  for (const key of ['assignee', 'from', 'to'] as const) {
    const v = q[key];
    if (v) filters[key] = v;
  }
  if (q.hasAttachments !== undefined) filters.hasAttachments = String(q.hasAttachments);
  return { q: q.q ?? '', sort: q.sort ?? 'relevance', filters };
}

export const searchApi = {
  search: (s: SearchParams, cursor?: string) => request<SearchPage>('GET', `/api/search?${searchRequest(s, cursor)}`),
  saved: () => request<{ items: SavedSearch[] }>('GET', '/api/saved-searches'),
  save: (name: string, query: SavedQuery) => request<SavedSearch>('POST', '/api/saved-searches', { name, query }),
  remove: (id: string) => request<void>('DELETE', `/api/saved-searches/${encodeURIComponent(id)}`),
};
