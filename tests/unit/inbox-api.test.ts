import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../web-inbox/src/api.ts';

describe('inbox API client: the case list query', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends every filter the list holds, the status too', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ items: [], nextCursor: null }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    await api.cases({
      view: 'all',
      status: 'closed',
      channel: 'email',
      category: 'grooming',
      assignee: 'me',
      q: 'nasilje',
      cursor: 'c1',
    });
    const url = new URL(String((fetch.mock.calls[0] as unknown[])[0]), 'http://inbox');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '50',
      view: 'all',
      status: 'closed',
      channel: 'email',
      category: 'grooming',
      assignee: 'me',
      q: 'nasilje',
      cursor: 'c1',
    });
  });

  it('leaves out filters that are not set', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ items: [], nextCursor: null }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    await api.cases({ view: 'open', status: '', limit: 10 });
    const url = new URL(String((fetch.mock.calls[0] as unknown[])[0]), 'http://inbox');
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: '10', view: 'open' });
  });
});
