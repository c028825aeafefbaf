import { describe, expect, it } from 'vitest';
import { searchQuery } from '../../src/search/search.schema.ts';
import { segments } from '../../web-inbox/src/search/highlight.tsx';
import { fromSaved, PAGE_SIZE, searchRequest, toSaved } from '../../web-inbox/src/search/search-api.ts';
import { parseSearch, type SearchParams } from '../../web-inbox/src/search/search-params.ts';

const join = (s: { text: string }[]) => s.map((x) => x.text).join('');

/** The inbox's search screen: the highlights it marks, and the query it sends for what the URL holds. */
describe('inbox search (web-inbox/src/search)', () => {
  it('marks the highlighted ranges of a snippet and keeps every other character as plain text', () => {
    const text = 'Трпим насиље у школи, <b>убићу</b> те';
    const s = segments(text, [
      { start: 6, end: 12 },
      { start: 25, end: 30 },
    ]);
    expect(s).toEqual([
      { text: 'Трпим ', mark: false },
      { text: 'насиље', mark: true },
      { text: ' у школи, <b>', mark: false },
      { text: 'убићу', mark: true },
      { text: '</b> те', mark: false },
    ]);
    expect(join(s)).toBe(text);
  });

  it('clips, drops and joins ranges whatever order or bounds they come in', () => {
    const text = 'nasilje i pretnje';
    const s = segments(text, [
      { start: 10, end: 99 },
      { start: 3, end: 3 },
      { start: -5, end: 2 },
      { start: 1, end: 4 },
      { start: 12, end: 14 },
    ]);
    expect(s).toEqual([
      { text: 'nasi', mark: true },
      { text: 'lje i ', mark: false },
      { text: 'pretnje', mark: true },
    ]);
    expect(segments('', [{ start: 0, end: 3 }])).toEqual([]);
    expect(segments('bez', [])).toEqual([{ text: 'bez', mark: false }]);
  });

  it('sends what the URL holds as GET /api/search reads it (the server’s own query schema)', () => {
    const url =
      '?q=%22ne+smem%22+ubicu&channel=email&channel=instagram&status=open&tags=%C5%A1kola&assignee=me' +
      '&reporterRole=child&ageGroup=13_15&institution=police&hasAttachments=true&from=2026-01-01&to=2026-01-31&sort=newest';
    const params = parseSearch(url);
    const sent = Object.fromEntries(
      [...new URLSearchParams(searchRequest(params, 'c1')).keys()].map((k) => [
        k,
        new URLSearchParams(searchRequest(params, 'c1')).getAll(k),
      ]),
    );
    const parsed = searchQuery.parse(
      Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, v.length > 1 ? v : v[0]])),
    );
    expect(parsed).toMatchObject({
      q: '"ne smem" ubicu',
      channel: ['email', 'instagram'],
      status: ['open'],
      tags: ['škola'],
      assignee: 'me',
      reporterRole: ['child'],
      ageGroup: ['13_15'],
      institution: ['police'],
      hasAttachments: 'true',
      sort: 'newest',
      limit: PAGE_SIZE,
      cursor: 'c1',
    });
    // The days are Belgrade's: from its first moment, to its last.
    expect(parsed.from?.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(parsed.to?.toISOString()).toBe('2026-01-31T23:00:00.000Z');
  });

  it('keeps a search as a saved search and reads it back the same', () => {
    const s: SearchParams = {
      q: 'Đorđe',
      sort: 'newest',
      filters: { priority: ['urgent', 'high'], hasAttachments: 'false', to: '2026-03-01', assignee: 'none' },
    };
    const saved = toSaved(s);
    expect(saved).toEqual({
      q: 'Đorđe',
      priority: ['urgent', 'high'],
      hasAttachments: false,
      to: '2026-03-01',
      assignee: 'none',
      sort: 'newest',
    });
    expect(fromSaved(saved)).toEqual(s);
    expect(fromSaved({})).toEqual({ q: '', sort: 'relevance', filters: {} });
  });
});
