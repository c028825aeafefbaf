import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../web-inbox/src/api.ts';

/** Calls the list with a stubbed fetch and gives back the query string the inbox sent. */
async function sentQuery(q: Parameters<typeof api.cases>[0]): Promise<Record<string, string>> {
  const fetch = vi.fn(
    async () =>
      new Response(JSON.stringify({ items: [], nextCursor: null }), {
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetch);
  await api.cases(q);
  return Object.fromEntries(new URL(String((fetch.mock.calls[0] as unknown[])[0]), 'http://inbox').searchParams);
}

describe('inbox API client: the case list query', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends every filter the list holds, the status too', async () => {
    expect(
      await sentQuery({
        view: 'all',
        status: 'closed',
        channel: 'email',
        category: 'grooming',
        assignee: 'me',
        q: 'nasilje',
        cursor: 'c1',
      }),
    ).toEqual({
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
    expect(await sentQuery({ view: 'open', status: '', limit: 10 })).toEqual({ limit: '10', view: 'open' });
  });
});
