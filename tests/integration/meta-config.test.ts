import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../connectors/meta/graph-client.ts';
import { classifyGraphError, GraphError } from '../../connectors/meta/graph-errors.ts';
import type { ChannelContext } from '../../src/channels/channel-module.ts';
import { metaModule } from '../../src/channels/meta/meta.module.ts';
import { readMetaSettings } from '../../src/channels/meta/meta-config.ts';
import { ConfigError } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, META_ERRORS, startGraphStandIn } from '../helpers/graph-stand-in.ts';

const problems = (env: Record<string, string>, file: Record<string, unknown> = {}): string[] => {
  try {
    readMetaSettings(env, file);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('Meta channel configuration', () => {
  it('is inactive, with no routes at all, when nothing of Meta is configured', async () => {
    expect(readMetaSettings({ PORT: '3000' }, {})).toBeNull();
    const ctx = { env: {}, channelsFile: {}, log: createLogger('silent') } as unknown as ChannelContext;
    expect(await metaModule.init?.(ctx)).toEqual({});
  });

  it('fails the start naming what is missing or wrong', () => {
    expect(problems({ META_PAGE_ID: '123' })).toEqual([
      'Meta channel: META_APP_SECRET: required to check webhook signatures',
      'Meta channel: META_VERIFY_TOKEN: required for the webhook handshake',
      'Meta channel: META_PAGE_ACCESS_TOKEN: required with META_PAGE_ID',
    ]);
    const base = { META_APP_SECRET: 's', META_VERIFY_TOKEN: 'v' };
    expect(problems(base)).toEqual([expect.stringContaining('no page configured')]);
    expect(problems({ ...base, META_PAGE_ID: 'my-page', META_PAGE_ACCESS_TOKEN: 't' })).toEqual([
      expect.stringContaining('META_PAGE_ID must be the numeric id'),
    ]);
    expect(problems({ ...base, META_PAGE_ID: '1', META_PAGE_ACCESS_TOKEN: 't', META_HUMAN_AGENT: 'maybe' })).toEqual([
      'Meta channel: META_HUMAN_AGENT: expected true or false',
    ]);
    expect(problems({ ...base, META_GRAPH_URL: 'ftp://x' }, { meta: [{ pageId: '1', accessToken: 't' }] })).toEqual([
      expect.stringContaining('META_GRAPH_URL'),
    ]);
    expect(problems(base, { meta: [{ pageId: '1' }, { pageId: '2', accessToken: 't', extra: 1 }] })).toEqual([
      expect.stringContaining('CHANNELS_FILE meta[0][accessToken]'),
      expect.stringContaining('CHANNELS_FILE meta[1]'),
    ]);
    expect(
      problems(base, {
        meta: [
          { pageId: '1', accessToken: 'a' },
          { pageId: '2', accessToken: 'b', instagramId: '1' },
        ],
      }),
    ).toEqual(['Meta channel: Meta page or Instagram id 1 is configured twice']);
  });

  it('reads one page from the environment and more from the channels file, each with its own settings', () => {
    const s = readMetaSettings(
      { ...P.metaEnv('http://127.0.0.1:1'), META_HUMAN_AGENT: 'true' },
      { meta: [{ pageId: '2', accessToken: 'b', comments: true }] },
    );
    expect(s?.graphUrl).toBe('http://127.0.0.1:1');
    expect(s?.pages).toEqual([
      { pageId: P.PAGE_ID, accessToken: P.PAGE_TOKEN, instagramId: P.IG_ID, humanAgent: true, comments: false },
      { pageId: '2', accessToken: 'b', humanAgent: false, comments: true },
    ]);
    expect(
      readMetaSettings(
        { META_APP_SECRET: 's', META_VERIFY_TOKEN: 'v', META_PAGE_ID: '9', META_PAGE_ACCESS_TOKEN: 't' },
        {},
      ),
    ).toMatchObject({ graphUrl: 'https://graph.facebook.com', graphVersion: 'v23.0' });
  });
});

describe('Meta Graph client against the stand-in', () => {
  let graph: GraphStandIn;
  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
  });
  afterAll(async () => {
    await graph?.close();
  });
  const client = (secret = P.APP_SECRET, url = graph.url) =>
    createGraphClient({ baseUrl: url, version: 'v23.0', appSecret: secret, timeoutMs: 2000 });

  it('sends text and attachments by URL with the page token and appsecret_proof', async () => {
    const c = client();
    const id = await c.send(P.PAGE_ID, P.PAGE_TOKEN, '77', { text: 'zdravo' }, { messaging_type: 'RESPONSE' });
    expect(id).toBe(graph.sends.at(-1)?.messageId);
    await c.send(
      P.PAGE_ID,
      P.PAGE_TOKEN,
      '77',
      { attachment: { type: 'image', url: 'https://example.org/letak.png' } },
      { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' },
    );
    expect(graph.sends.at(-1)?.body).toEqual({
      recipient: { id: '77' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { attachment: { type: 'image', payload: { url: 'https://example.org/letak.png' } } },
    });
    c.close();
  });

  it("turns Meta's error bodies, a wrong app secret and a dead host into classified GraphErrors", async () => {
    graph.failSends(META_ERRORS.tokenExpired);
    const expired = await client()
      .send(P.PAGE_ID, P.PAGE_TOKEN, '77', { text: 'x' }, { messaging_type: 'RESPONSE' })
      .catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(GraphError);
    expect((expired as GraphError).details).toMatchObject({
      status: 400,
      code: 190,
      subcode: 463,
      type: 'OAuthException',
    });
    expect((expired as GraphError).message).not.toContain(P.PAGE_TOKEN);

    const proof = await client('wrong-secret')
      .send(P.PAGE_ID, P.PAGE_TOKEN, '77', { text: 'x' }, { messaging_type: 'RESPONSE' })
      .catch((e: unknown) => e as GraphError);
    expect(classifyGraphError(proof as GraphError)).toMatchObject({ kind: 'permanent', reason: 'graph_error_100' });

    const dead = await client(P.APP_SECRET, 'http://127.0.0.1:9')
      .profile(P.PAGE_TOKEN, '77', 'facebook')
      .catch((e: unknown) => e as GraphError);
    expect(classifyGraphError(dead as GraphError).kind).toBe('retry');
  });
});
