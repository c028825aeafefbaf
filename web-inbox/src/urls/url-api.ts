import type { UrlActionInput, UrlPatchInput } from '../../../src/http/routes/urls.schema.ts';
import type { PlatformView, UrlItemDetail, UrlItemView, UrlStats } from '../../../src/inbox/contract.ts';
import { ApiError, request } from '../api.ts';
import { type UrlFilters, urlFiltersQuery } from './url-routes.ts';

export type { PlatformView, UrlItemDetail, UrlItemView, UrlStats };

export interface UrlPage {
  items: UrlItemView[];
  nextCursor: string | null;
}

const PAGE = 50;

/** One page of the links, newest report first; `cursor` pages on (keyset). */
export function listUrls(f: UrlFilters, cursor: string | null, limit = PAGE): Promise<UrlPage> {
  const q = new URLSearchParams(urlFiltersQuery(f));
  q.set('limit', String(limit));
  if (cursor) q.set('cursor', cursor);
  return request<UrlPage>('GET', `/api/urls?${q}`);
}

/** The links one case reported (the case view's side panel). */
export const caseUrls = (caseId: string) =>
  request<UrlPage>('GET', `/api/urls?${new URLSearchParams({ case: caseId, limit: '50' })}`);

/** One link with its reports and actions; the server audits the reading. */
export const getUrl = (id: string) => request<UrlItemDetail>('GET', `/api/urls/${encodeURIComponent(id)}`);

export const patchUrl = (id: string, patch: UrlPatchInput) =>
  request<UrlItemView>('PATCH', `/api/urls/${encodeURIComponent(id)}`, patch);

export const recordAction = (id: string, action: UrlActionInput) =>
  request<UrlItemDetail>('POST', `/api/urls/${encodeURIComponent(id)}/actions`, action);

let platforms: Promise<PlatformView[]> | null = null;
/** The platform list (admins edit it rarely): asked once per page, again after a failure. */
export function listPlatforms(): Promise<PlatformView[]> {
  platforms ??= request<{ items: PlatformView[] }>('GET', '/api/url-platforms').then(
    (r) => r.items,
    (err: unknown) => {
      platforms = null;
      throw err;
    },
  );
  return platforms;
}

/** The figures over the links first reported in [from, to) (days, UTC). */
export const urlStats = (from: string, to: string) =>
  request<UrlStats>('GET', `/api/urls/stats?${new URLSearchParams({ from, to })}`);

/** The server's CSV of the same figures, to download. */
export const urlStatsCsvHref = (from: string, to: string) =>
  `/api/urls/stats?${new URLSearchParams({ from, to, format: 'csv' })}`;

/** The partners' export of the assessed links matching the list's filters (no text search: the server has none). */
export function urlExportHref(f: UrlFilters, format: 'csv' | 'json'): string {
  const { q: _q, ...filters } = f;
  const q = new URLSearchParams(urlFiltersQuery(filters));
  q.set('format', format);
  return `/api/urls/export?${q}`;
}

export const reasonOf = (err: unknown): string =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);
