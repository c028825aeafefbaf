import { CASE_REFERENCE } from '../../../src/domain/reference.ts';
import { SCREEN_PATHS, SCREENS, type Screen } from '../../../src/http/inbox-paths.ts';
import { type ListView, VIEWS } from '../case-list/list-views.ts';
import { parseSearch, type SearchParams, searchQueryString } from '../search/search-params.ts';
import { parseUrlsRoute, type UrlsRoute, urlsRouteHref } from '../urls/url-routes.ts';

/**
 * Every screen of the inbox has a URL a counselor can share, reload and go Back to. Pure: no DOM,
 * so this parser is tested alike with the server's list of client paths it shares the screens with.
 */
export type { Screen };

export type Route =
  | { name: 'inbox'; view: ListView | null }
  | ({ name: 'search' } & SearchParams)
  | { name: 'case'; ref: string }
  | { name: 'contact'; id: string }
  | { name: 'screen'; screen: Screen }
  | UrlsRoute;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The old form of a case link, before the router: /#case=<uuid>. */
const OLD_CASE_HASH = /^#case=([0-9a-f-]{36})$/i;

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/** A case is opened by its reference (KC-2026-000042) or, for links made before, by its id. */
const isCaseKey = (s: string): boolean => CASE_REFERENCE.test(s) || UUID.test(s);
export const isCaseId = (s: string): boolean => UUID.test(s);

/** What the address bar names; an unknown path is the inbox (the server only serves known ones). */
export function parseRoute(pathname: string, search = '', hash = ''): Route {
  const old = OLD_CASE_HASH.exec(hash)?.[1];
  if (old) return { name: 'case', ref: old.toLowerCase() };
  const path = pathname.replace(/\/+$/, '') || '/';
  const view = /^\/views\/([a-z]+)$/.exec(path)?.[1];
  if (view) return { name: 'inbox', view: (VIEWS as readonly string[]).includes(view) ? (view as ListView) : null };
  const key = /^\/cases\/([^/]+)$/.exec(path)?.[1];
  if (key) {
    const ref = decode(key);
    if (ref && isCaseKey(ref)) return { name: 'case', ref: CASE_REFERENCE.test(ref) ? ref : ref.toLowerCase() };
  }
  if (path === '/search') return { name: 'search', ...parseSearch(search) };
  const contact = /^\/contacts\/([^/]+)$/.exec(path)?.[1];
  if (contact && UUID.test(contact)) return { name: 'contact', id: contact.toLowerCase() };
  for (const s of SCREENS) if (SCREEN_PATHS[s] === path) return { name: 'screen', screen: s };
  return parseUrlsRoute(path, search) ?? { name: 'inbox', view: null };
}

/** The URL of a route; parseRoute(routeHref(r)) gives r back. */
export function routeHref(r: Route): string {
  switch (r.name) {
    case 'inbox':
      return r.view ? `/views/${r.view}` : '/';
    case 'search': {
      const qs = searchQueryString(r);
      return qs ? `/search?${qs}` : '/search';
    }
    case 'contact':
      return `/contacts/${r.id}`;
    case 'case':
      return `/cases/${encodeURIComponent(r.ref)}`;
    case 'screen':
      return SCREEN_PATHS[r.screen];
    case 'urls':
    case 'url-figures':
    case 'url':
      return urlsRouteHref(r);
  }
}
