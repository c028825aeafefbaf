import { describe, expect, it } from 'vitest';
import { CASE_REFERENCE, findReference } from '../../src/domain/reference.ts';
import { SCREENS } from '../../src/http/inbox-paths.ts';
import { caseReferenceParam } from '../../src/http/routes/cases.schema.ts';
import { parseRoute, type Route, routeHref } from '../../web-inbox/src/shell/routes.ts';

describe('inbox URLs (web-inbox/src/shell/routes.ts)', () => {
  it('gives every screen a URL that reads back as the same screen', () => {
    const routes: Route[] = [
      { name: 'inbox', view: null },
      { name: 'inbox', view: 'mine' },
      { name: 'inbox', view: 'callbacks' },
      { name: 'search', q: 'nasilje & "pretnje"/?', sort: 'relevance', filters: {} },
      {
        name: 'search',
        q: 'ubiću',
        sort: 'newest',
        filters: {
          channel: ['email', 'instagram'],
          tags: ['škola', 'a,b'],
          institution: ['police'],
          assignee: 'none',
          from: '2026-01-01',
          to: '2026-02-28',
          hasAttachments: 'true',
        },
      },
      { name: 'search', q: '', sort: 'relevance', filters: { status: ['open'] } },
      { name: 'search', q: '', sort: 'relevance', filters: {} },
      { name: 'contact', id: '0b0f7a3e-8d4c-4f38-9a53-2f1c0d9e6b11' },
      { name: 'case', ref: 'KC-2026-000042' },
      { name: 'case', ref: '0b0f7a3e-8d4c-4f38-9a53-2f1c0d9e6b11' },
      ...SCREENS.map((screen) => ({ name: 'screen' as const, screen })),
    ];
    for (const r of routes) {
      const url = new URL(routeHref(r), 'http://inbox.test');
      expect(parseRoute(url.pathname, url.search, url.hash), routeHref(r)).toEqual(r);
    }
    expect(new Set(SCREENS.map((screen) => routeHref({ name: 'screen', screen }))).size).toBe(SCREENS.length);
  });

  it('reads the old #case=<id> links and anything unknown as the inbox', () => {
    const id = '0B0F7A3E-8D4C-4F38-9A53-2F1C0D9E6B11';
    expect(parseRoute('/', '', `#case=${id}`)).toEqual({ name: 'case', ref: id.toLowerCase() });
    for (const path of [
      '/views/everything',
      '/cases/not-a-case',
      '/cases/%E0%A4%A',
      '/contacts/42',
      '/contacts/KC-2026-000042',
      '/admin/queues',
      '/nope',
    ]) {
      expect(parseRoute(path), path).toEqual({ name: 'inbox', view: null });
    }
    // An empty search is the search screen with nothing in it; what the URL cannot mean is left out.
    expect(parseRoute('/search', '?q=%20%20')).toEqual({ name: 'search', q: '', sort: 'relevance', filters: {} });
    expect(
      parseRoute('/search', '?q=x&from=yesterday&to=2026-13&hasAttachments=maybe&sort=oldest&channel=&channel=email'),
    ).toEqual({ name: 'search', q: 'x', sort: 'relevance', filters: { channel: ['email'] } });
    expect(parseRoute('/cases/KC-2026-000042/')).toEqual({ name: 'case', ref: 'KC-2026-000042' });
  });

  it('reads a case reference with the one rule the server checks it with', () => {
    const good = ['KC-2026-000042', 'KC-2026-1234567'];
    const bad = ['KC-2026-00042', 'kc-2026-000042', 'KC-26-000042', 'KC-2026-000042x', ' KC-2026-000042', 'DROP TABLE'];
    for (const ref of [...good, ...bad]) {
      const ok = good.includes(ref);
      expect(CASE_REFERENCE.test(ref), ref).toBe(ok);
      expect(caseReferenceParam.safeParse({ reference: ref }).success, ref).toBe(ok);
      expect(parseRoute(`/cases/${encodeURIComponent(ref)}`), ref).toEqual(
        ok ? { name: 'case', ref } : { name: 'inbox', view: null },
      );
    }
    expect(findReference('Re: [KC-2026-000042] hvala')).toBe('KC-2026-000042');
    expect(findReference('XKC-2026-000042')).toBeUndefined();
  });
});
