import { describe, expect, it } from 'vitest';
import type { InboundEnvelope, UpdateEnvelope } from '../../connectors/contract.ts';
import { classifyGraphError, GraphError } from '../../connectors/meta/graph-errors.ts';
import { messagingWindow } from '../../connectors/meta/messaging-window.ts';
import { pageFinder } from '../../connectors/meta/meta-page.ts';
import { checkSignature, signBody } from '../../connectors/meta/signature.ts';
import { webhookSchema } from '../../connectors/meta/webhook.schema.ts';
import { mapWebhook } from '../../connectors/meta/webhook-mapper.ts';
import { parseEnvelope } from '../../src/pipeline/envelope.schema.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { META_ERRORS, type MetaErrorSpec } from '../helpers/graph-stand-in.ts';

const findPage = pageFinder([
  { pageId: P.PAGE_ID, accessToken: 't', instagramId: P.IG_ID, humanAgent: false, comments: false },
]);
const receivedAt = new Date('2026-11-28T12:00:00.000Z');
const map = (payload: unknown) => mapWebhook(webhookSchema.parse(payload), { receivedAt, findPage });

describe('Meta payload mapping', () => {
  it('every envelope it builds passes the pipeline’s own envelope check', () => {
    const { envelopes } = map(
      P.webhook(
        'page',
        P.pageEntry(
          P.textMessage('1', 'm_1', 'hi'),
          P.echo('1', 'm_2', 'echo'),
          P.postback('1', 'm_3', 'Start', 'GET_STARTED'),
          P.read('1', 1_780_000_000_000),
          P.delivery('1', ['m_2'], 1_780_000_000_000),
          P.reaction('1', 'm_2', 'react'),
          P.reaction('1', 'm_2', 'unreact'),
          P.edit('1', 'm_1', 'hello', 2),
        ),
      ),
    );
    expect(envelopes).toHaveLength(8);
    for (const e of envelopes) expect(parseEnvelope(e).success).toBe(true);
  });

  it('update keys are derived from the event, so a redelivery maps to the same key', () => {
    const payload = P.webhook(
      'page',
      P.pageEntry(P.read('1', 1_780_000_000_000), P.reaction('1', 'm_9', 'react', 1_780_000_000_555)),
    );
    const keys = (p: unknown) => map(p).envelopes.map((e) => e.externalId);
    expect(keys(payload)).toEqual(['read:1:1780000000000', 'reaction:1:m_9:react:1780000000555']);
    expect(keys(structuredClone(payload))).toEqual(keys(payload));
  });

  it('an echo is outbound and belongs to the recipient; timestamps become occurredAt', () => {
    const [e] = map(P.webhook('page', P.pageEntry({ ...P.echo('555', 'm_e', 'x'), timestamp: 1_780_000_000_123 })))
      .envelopes as InboundEnvelope[];
    expect(e?.sender).toEqual({ kind: 'facebook_psid', value: '555' });
    expect(e?.message.direction).toBe('outbound');
    expect(e?.occurredAt).toBe('2026-05-28T20:26:40.123Z');
  });

  it('a malformed or unknown event is skipped without costing the rest of the batch', () => {
    const out = map({
      object: 'page',
      entry: [
        {
          id: P.PAGE_ID,
          messaging: [
            { sender: { id: '1' }, recipient: { id: P.PAGE_ID }, message: { text: 'no mid' } },
            { sender: { id: '1' }, recipient: { id: P.PAGE_ID }, timestamp: 1, optin: { ref: 'x' } },
            P.textMessage('1', 'm_ok', 'ok'),
          ],
          standby: [P.textMessage('2', 'm_standby', 'while Meta inbox holds the thread')],
        },
      ],
    });
    expect(out.envelopes.map((e) => e.externalId)).toEqual(['m_ok', 'm_standby']);
    expect(out.skipped).toEqual(['malformed_message', 'optin']);
    expect(map({ object: 'user', entry: [{ id: '1', changes: [] }] }).skipped).toEqual(['object_user']);
  });

  it('Instagram messaging_seen becomes a read watermark at the moment they looked; unsend is an update', () => {
    const { envelopes } = map(
      P.webhook('instagram', P.igEntry(P.igSeen('9', 'aWdf', 1_780_000_000_000), P.igUnsend('9', 'aWdf'))),
    );
    const [seen, unsend] = envelopes as UpdateEnvelope[];
    expect(seen?.updates).toEqual([
      expect.objectContaining({ kind: 'delivery_watermark', status: 'read', watermark: '2026-05-28T20:26:40.000Z' }),
    ]);
    expect(seen?.updates[0]).toMatchObject({ recipient: { kind: 'instagram_igsid', value: '9' } });
    expect(unsend?.updates).toEqual([expect.objectContaining({ kind: 'unsend', target: 'aWdf' })]);
  });

  it('is_unsupported is kept as a marked message; feed times in seconds are read as seconds', () => {
    const [u] = map(
      P.webhook(
        'instagram',
        P.igEntry({
          ...P.textMessage('9', 'aWdf_u', '', 0, P.IG_ID),
          message: { mid: 'aWdf_u', is_unsupported: true },
        }),
      ),
    ).envelopes as InboundEnvelope[];
    expect(u?.message).toMatchObject({ text: '', flags: ['unsupported'], fields: { unsupported: true } });
    const withComments = pageFinder([{ pageId: P.PAGE_ID, accessToken: 't', humanAgent: false, comments: true }]);
    const payload = P.feedComment('1_2', 'c');
    (payload.entry[0]?.changes[0]?.value as { created_time: number }).created_time = 1_780_000_000;
    const [c] = mapWebhook(webhookSchema.parse(payload), { receivedAt, findPage: withComments })
      .envelopes as InboundEnvelope[];
    expect(c?.occurredAt).toBe('2026-05-28T20:26:40.000Z');
    expect(c?.sender).toBeUndefined();
  });
});

describe('Meta messaging window', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const ago = (h: number) => new Date(now.getTime() - h * 3_600_000);
  it('is open 24 hours, then 7 days with HUMAN_AGENT, then closed', () => {
    expect(messagingWindow(ago(23.9), now, false)).toMatchObject({ mode: 'response', canReply: true });
    expect(messagingWindow(ago(24), now, false)).toMatchObject({ mode: 'closed', canReply: false });
    expect(messagingWindow(ago(24), now, true)).toMatchObject({ mode: 'human_agent', canReply: true });
    expect(messagingWindow(ago(167.9), now, true).mode).toBe('human_agent');
    expect(messagingWindow(ago(168), now, true)).toMatchObject({ mode: 'closed', closesAt: ago(0) });
    expect(messagingWindow(null, now, true)).toEqual({ mode: 'closed', canReply: false, closesAt: null });
  });
});

describe('Meta Graph error classes and signatures', () => {
  const graphError = (e: MetaErrorSpec) =>
    new GraphError(e.message, {
      status: e.status,
      code: e.code,
      subcode: e.subcode ?? null,
      type: e.type,
      fbtraceId: 'x',
      transient: e.transient ?? false,
    });
  it('maps each Graph error to re-authorise, retry or fail', () => {
    const kind = (e: MetaErrorSpec) => classifyGraphError(graphError(e));
    expect(kind(META_ERRORS.tokenExpired)).toMatchObject({ kind: 'reauth', reason: 'page_needs_reauthorisation' });
    for (const e of [META_ERRORS.appRateLimit, META_ERRORS.pageRateLimit, META_ERRORS.apiRateLimit])
      expect(kind(e)).toMatchObject({ kind: 'retry', reason: 'rate_limited' });
    for (const e of [META_ERRORS.unexpected, META_ERRORS.tempSendFailure]) expect(kind(e).kind).toBe('retry');
    expect(kind(META_ERRORS.outsideWindow)).toMatchObject({ kind: 'permanent', reason: 'outside_messaging_window' });
    expect(kind(META_ERRORS.personUnavailable)).toMatchObject({ kind: 'permanent', reason: 'recipient_unavailable' });
    const none = (status: number | null) =>
      classifyGraphError(
        new GraphError('x', { status, code: null, subcode: null, type: null, fbtraceId: null, transient: false }),
      ).kind;
    expect([none(null), none(502), none(429), none(404)]).toEqual(['retry', 'retry', 'retry', 'permanent']);
  });

  it('accepts only the exact HMAC of the raw body', () => {
    const body = Buffer.from('{"object":"page","entry":[]}');
    expect(checkSignature(body, signBody(body, 's3cret'), 's3cret')).toBe('valid');
    expect(checkSignature(body, signBody(body, 'other'), 's3cret')).toBe('invalid');
    expect(checkSignature(body, signBody(body, 's3cret').replace('sha256=', 'sha1='), 's3cret')).toBe('invalid');
    expect(checkSignature(body, undefined, 's3cret')).toBe('missing');
    expect(checkSignature(Buffer.from(`${body} `), signBody(body, 's3cret'), 's3cret')).toBe('invalid');
  });
});
