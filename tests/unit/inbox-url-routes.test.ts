import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/taxonomy.ts';
import type { UrlItemView } from '../../src/domain/url-items.ts';
import {
  mayViewRestrictedUrls,
  URL_ACTION_KINDS,
  URL_ASSESSMENTS,
  URL_ROLES,
  URL_STATUSES,
} from '../../src/domain/url-items.ts';
import { OPEN_AGE_BUCKETS } from '../../src/domain/url-stats.ts';
import { INBOX_CLIENT_PATHS } from '../../src/http/inbox-paths.ts';
import { urlListQuery } from '../../src/http/routes/urls.schema.ts';
import { parseRoute, type Route, routeHref } from '../../web-inbox/src/shell/routes.ts';
import {
  ACTION_KINDS,
  AGE_BUCKETS,
  ASSESSMENTS,
  mayExportUrls,
  mayWorkUrls,
  STATUS_FILTERS,
  STATUSES,
} from '../../web-inbox/src/urls/url-codes.ts';
import { matchesFilters, urlFiltersQuery } from '../../web-inbox/src/urls/url-routes.ts';

const ID = '0b0f7a3e-8d4c-4f38-9a53-2f1c0d9e6b11';

describe("the reported links' addresses (web-inbox/src/urls/url-routes.ts)", () => {
  it('reads every links screen back from its address', () => {
    const routes: Route[] = [
      { name: 'urls', filters: {} },
      { name: 'urls', filters: { assessment: 'csam', platform: 'tiktok', status: 'overdue', q: 'пример.срб/а b&c' } },
      { name: 'urls', filters: { assessment: 'none', platform: 'other', status: 'open' } },
      { name: 'urls', filters: { q: '?x=1#y' } },
      { name: 'url-figures' },
      { name: 'url', id: ID },
    ];
    for (const r of routes) {
      const url = new URL(routeHref(r), 'http://inbox.test');
      expect(parseRoute(url.pathname, url.search, url.hash), routeHref(r)).toEqual(r);
    }
    expect(routeHref({ name: 'urls', filters: {} })).toBe('/urls');
    expect(routeHref({ name: 'url', id: ID })).toBe(`/urls/${ID}`);
    // The server answers these with the inbox page (/urls/figures too, by /urls/:id).
    expect(INBOX_CLIENT_PATHS).toEqual(expect.arrayContaining(['/urls', '/urls/:id']));
  });

  it('leaves out what an address cannot mean; an unknown item path is the inbox', () => {
    expect(parseRoute('/urls', '?assessment=illegal&platform=Tik%20Tok&status=gone&q=%20%20&cursor=x')).toEqual({
      name: 'urls',
      filters: {},
    });
    expect(parseRoute(`/urls/${ID.toUpperCase()}/`)).toEqual({ name: 'url', id: ID });
    for (const path of ['/urls/42', '/urls/figures/2026', `/urls/${ID}/actions`]) {
      expect(parseRoute(path), path).toEqual({ name: 'inbox', view: null });
    }
  });

  it('sends the filters as GET /api/urls takes them', () => {
    const qs = urlFiltersQuery({
      assessment: 'harmful_not_illegal',
      platform: 'other',
      status: 'overdue',
      q: 'tiktok',
    });
    expect(urlListQuery.parse(Object.fromEntries(new URLSearchParams(qs)))).toMatchObject({
      assessment: ['harmful_not_illegal'],
      platform: ['other'],
      status: ['overdue'],
      q: 'tiktok',
    });
  });

  it("offers the server's codes, in its order", () => {
    expect(ASSESSMENTS).toEqual([...URL_ASSESSMENTS]);
    expect(STATUSES).toEqual([...URL_STATUSES]);
    expect(ACTION_KINDS).toEqual([...URL_ACTION_KINDS]);
    expect(AGE_BUCKETS).toEqual([...OPEN_AGE_BUCKETS]);
    for (const s of STATUS_FILTERS) expect(urlListQuery.safeParse({ status: s }).success, s).toBe(true);
  });

  it('shows the links to the roles the server lets work them, the figures and export to the leads', () => {
    for (const role of ROLES) {
      expect(mayWorkUrls(role), role).toBe((URL_ROLES as readonly string[]).includes(role));
      // The export and the figures are for supervisors and admins, the roles that see abuse material.
      expect(mayExportUrls(role), role).toBe(mayViewRestrictedUrls(role));
    }
    expect(mayWorkUrls('educator') || mayWorkUrls('partner')).toBe(false);
  });

  it('keeps a pushed item in a filtered list only when it fits the filters', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    const u: UrlItemView = {
      id: ID,
      url: 'https://xn--e1afmkfd.xn--90a3ac/galerija',
      host: 'xn--e1afmkfd.xn--90a3ac',
      hostUnicode: 'пример.срб',
      platform: 'other',
      platformName: null,
      assessment: null,
      assessedAt: null,
      assessedBy: null,
      hostingCountry: null,
      status: 'new',
      reportCount: 1,
      firstReportedAt: '2026-03-01T10:00:00Z',
      lastReportedAt: '2026-03-01T10:00:00Z',
      lastActionAt: null,
      removedAt: null,
      reminderDueAt: '2026-03-08T10:00:00Z',
      overdue: false,
      knownHashMatch: false,
      restricted: false,
      createdAt: '2026-03-01T10:00:00Z',
      updatedAt: '2026-03-01T10:00:00Z',
    };
    const fits = (f: Parameters<typeof matchesFilters>[1], item = u) => matchesFilters(item, f, now);
    expect(fits({})).toBe(true);
    expect(fits({ assessment: 'none', platform: 'other', status: 'open', q: 'ПРИМЕР' })).toBe(true);
    expect(fits({ q: 'galerija' })).toBe(true);
    // Overdue by its due time even before the server's reminder pass marked it.
    expect(fits({ status: 'overdue' })).toBe(true);
    expect(fits({ status: 'new' })).toBe(true);
    expect(fits({ status: 'assessed' })).toBe(false);
    expect(fits({ assessment: 'csam' })).toBe(false);
    expect(fits({ platform: 'tiktok' })).toBe(false);
    expect(fits({ q: 'tiktok' })).toBe(false);
    const removed = { ...u, status: 'removed' as const, reminderDueAt: null };
    expect(fits({ status: 'open' }, removed)).toBe(false);
    expect(fits({ status: 'overdue' }, removed)).toBe(false);
    expect(fits({ status: 'overdue' }, { ...u, reminderDueAt: '2026-03-11T10:00:00Z' })).toBe(false);
  });
});
