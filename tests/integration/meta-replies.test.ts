import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../src/inbox/contract.ts';
import { cases, deadLetters, messages } from '../../src/store/schema/index.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, META_ERRORS, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const PAGE_B = '204912345678902';
const TOKEN_B = 'EAAGsecondpagetoken';
const HOUR = 3_600_000;

describe('Meta replies: messaging window, Send API and Graph errors (postgres)', () => {
  let graph: GraphStandIn;
  let t: TestKontakt;
  let cookie: string;
  let socket: Socket;

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt(
      'postgres',
      {
        META_APP_SECRET: P.APP_SECRET,
        META_VERIFY_TOKEN: P.VERIFY_TOKEN,
        META_GRAPH_URL: graph.url,
        INBOUND_ATTEMPTS: '5',
      },
      {
        channels: {
          meta: [
            { pageId: P.PAGE_ID, accessToken: P.PAGE_TOKEN, instagramId: P.IG_ID, humanAgent: true },
            { pageId: PAGE_B, accessToken: TOKEN_B },
          ],
        },
      },
    );
    cookie = await t.login();
    socket = await t.socket(cookie);
  });
  afterAll(async () => {
    await t?.cleanup();
    await graph?.close();
  });

  let seq = 0;
  /** A person writes to a page at a chosen moment; resolves with their case id. */
  async function personWrites(at: number, page = P.PAGE_ID): Promise<{ caseId: string; psid: string }> {
    seq += 1;
    const psid = `71000000000${String(seq).padStart(5, '0')}`;
    const text = `poruka ${seq}`;
    const stored = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:created',
      (e) => e.message.text === text,
    );
    const event = { ...P.textMessage(psid, `m_win_${seq}`, text, at, page) };
    expect(
      (await P.postWebhook(t.url, { object: 'page', entry: [{ id: page, time: Date.now(), messaging: [event] }] }))
        .status,
    ).toBe(200);
    return { caseId: (await stored).caseId, psid };
  }

  /** A counselor replies; resolves with the reply once its delivery is settled (sent or failed). */
  async function reply(caseId: string, text = 'Ovde smo, slobodno piši.'): Promise<MessageView> {
    const settled = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.caseId === caseId && ['sent', 'failed'].includes(e.message.deliveryStatus ?? ''),
    );
    const res = await t.api(`/api/cases/${caseId}/messages`, { method: 'POST', cookie, json: { kind: 'reply', text } });
    expect(res.status).toBe(201);
    return (await settled).message;
  }

  const windowOf = async (caseId: string) =>
    (await (await t.api(`/api/channels/meta/window?caseId=${caseId}`, { cookie })).json()) as Record<string, unknown>;

  it('inside 24 hours a reply goes out as RESPONSE from the page the person wrote to', async () => {
    const at = Date.now() - HOUR;
    const { caseId, psid } = await personWrites(at);
    expect(await windowOf(caseId)).toMatchObject({
      applicable: true,
      canReply: true,
      mode: 'response',
      closesAt: new Date(at + 24 * HOUR).toISOString(),
      maxText: { max: 2000, unit: 'characters' },
      reason: 'response',
    });
    const before = graph.sends.length;
    const sent = await reply(caseId);
    expect(sent.deliveryStatus).toBe('sent');
    const call = graph.sends[before];
    expect(call).toMatchObject({
      version: 'v23.0',
      pageId: P.PAGE_ID,
      token: P.PAGE_TOKEN,
      body: { recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text: 'Ovde smo, slobodno piši.' } },
    });
    const [row] = await t.k.store.db.select().from(messages).where(eq(messages.id, sent.id));
    expect(row?.externalId).toBe(call?.messageId);
  });

  it('a reply with files sends the text, then each file by URL; notes and plain http links are refused', async () => {
    const { caseId, psid } = await personWrites(Date.now() - HOUR);
    const before = graph.sends.length;
    const settled = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.caseId === caseId && e.message.deliveryStatus === 'sent',
    );
    const attachments = [
      { type: 'image', url: 'https://cdn.example.rs/saveti/plakat.png' },
      { type: 'file', url: 'https://cdn.example.rs/saveti/brosura.pdf' },
    ];
    const res = await t.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Šaljem ti brošuru.', attachments },
    });
    expect(res.status).toBe(201);
    expect((await settled).message.fields).toEqual({ attachments });
    expect(graph.sends.slice(before).map((c) => c.body)).toEqual([
      expect.objectContaining({ recipient: { id: psid }, message: { text: 'Šaljem ti brošuru.' } }),
      expect.objectContaining({ message: { attachment: { type: 'image', payload: { url: attachments[0]?.url } } } }),
      expect.objectContaining({ message: { attachment: { type: 'file', payload: { url: attachments[1]?.url } } } }),
    ]);
    const note = await t.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'note', text: 'x', attachments },
    });
    expect(note.status).toBe(400);
    const plain = await t.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'x', attachments: [{ type: 'image', url: 'http://insecure.example/a.png' }] },
    });
    expect(plain.status).toBe(400);
  });

  it('between 24 hours and 7 days, a page allowed the HUMAN_AGENT tag replies with it', async () => {
    const at = Date.now() - 30 * HOUR;
    const { caseId } = await personWrites(at);
    expect(await windowOf(caseId)).toMatchObject({
      canReply: true,
      mode: 'human_agent',
      closesAt: new Date(at + 7 * 24 * HOUR).toISOString(),
    });
    expect((await reply(caseId)).deliveryStatus).toBe('sent');
    expect(graph.sends.at(-1)?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('outside the window the reply fails with the reason shown, and Meta is never called', async () => {
    const late = await personWrites(Date.now() - 8 * 24 * HOUR);
    const w = await windowOf(late.caseId);
    expect(w).toMatchObject({ canReply: false, mode: 'closed', reason: 'outside_messaging_window' });
    expect(Object.keys(w.message as object).sort()).toEqual(['en', 'sr-Cyrl', 'sr-Latn']);
    // Page B has no HUMAN_AGENT permission: 30 hours is already too late there.
    const noTag = await personWrites(Date.now() - 30 * HOUR, PAGE_B);
    expect(await windowOf(noTag.caseId)).toMatchObject({ canReply: false, humanAgent: false });
    const before = graph.sends.length;
    for (const c of [late, noTag]) {
      const failed = await reply(c.caseId);
      expect(failed.deliveryStatus).toBe('failed');
      expect(failed.deliveryError).toContain('outside_messaging_window');
    }
    expect(graph.sends.length).toBe(before);
    const letters = await t.k.store.db.select().from(deadLetters).where(eq(deadLetters.queue, 'outbound'));
    expect(letters.some((l) => l.reason.includes('outside_messaging_window'))).toBe(true);
  });

  it('each page answers with its own token', async () => {
    const { caseId } = await personWrites(Date.now() - HOUR, PAGE_B);
    expect((await reply(caseId)).deliveryStatus).toBe('sent');
    expect(graph.sends.at(-1)).toMatchObject({ pageId: PAGE_B, token: TOKEN_B });
  });

  it('rate limits (4, 32, 613) and transient errors (2, 1200) are retried until the reply goes out', async () => {
    const { caseId } = await personWrites(Date.now() - HOUR);
    const before = graph.sends.length;
    graph.failSends(META_ERRORS.appRateLimit, META_ERRORS.pageRateLimit, META_ERRORS.apiRateLimit);
    expect((await reply(caseId, 'prvi')).deliveryStatus).toBe('sent');
    expect(graph.sends.length - before).toBe(4);
    graph.failSends(META_ERRORS.unexpected, META_ERRORS.tempSendFailure);
    expect((await reply(caseId, 'drugi')).deliveryStatus).toBe('sent');
    expect(graph.sends.length - before).toBe(7);
  });

  it("Meta's own outside-window refusal (10/2018278) and an unavailable person fail without retrying", async () => {
    const { caseId } = await personWrites(Date.now() - HOUR);
    const before = graph.sends.length;
    graph.failSends(META_ERRORS.outsideWindow);
    const refused = await reply(caseId, 'prvi');
    expect(refused.deliveryError).toMatch(/outside_messaging_window: Graph 10\/2018278/);
    graph.failSends(META_ERRORS.personUnavailable);
    expect((await reply(caseId, 'drugi')).deliveryError).toContain('recipient_unavailable');
    expect(graph.sends.length - before).toBe(2);
  });

  it('a refused token (190) fails the reply, flags the page for admins and /healthz until a send goes through', async () => {
    const { caseId } = await personWrites(Date.now() - HOUR);
    graph.failSends(META_ERRORS.tokenExpired);
    const failed = await reply(caseId);
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toContain('page_needs_reauthorisation');

    expect((await fetch(`${t.url}/healthz`)).status).toBe(503);
    const health = await t.api('/api/health', { cookie });
    expect(health.status).toBe(503);
    const checks = ((await health.json()) as { checks: Record<string, { ok: boolean; error?: string }> }).checks;
    expect(checks[`meta:${P.PAGE_ID}`]).toMatchObject({ ok: false, error: expect.stringContaining(P.PAGE_ID) });
    expect(checks[`meta:${PAGE_B}`]).toMatchObject({ ok: true });
    const status = (await (await t.api('/api/channels/meta/status', { cookie })).json()) as {
      pages: { pageId: string; needsReauth: boolean }[];
    };
    expect(status.pages.find((p) => p.pageId === P.PAGE_ID)?.needsReauth).toBe(true);
    expect(await windowOf(caseId)).toMatchObject({ canReply: false, reason: 'page_needs_reauthorisation' });

    // The token works again (renewed at Meta): the next reply goes out and the flag clears.
    expect((await reply(caseId, 'opet')).deliveryStatus).toBe('sent');
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('an echo of our own send that arrives before the Send API answers is merged into our reply', async () => {
    const { caseId, psid } = await personWrites(Date.now() - HOUR);
    const text = 'Odgovor koji Meta vraća kao eho';
    graph.beforeSendAnswer = async (call) => {
      const mid = call.messageId as string;
      await P.postWebhook(t.url, P.webhook('page', P.pageEntry(P.echo(psid, mid, text, 1234567890))));
      await eventually(async () => (await t.k.store.db.select().from(messages).where(eq(messages.externalId, mid)))[0]);
    };
    const sent = await reply(caseId, text);
    graph.beforeSendAnswer = null;
    const mid = graph.sends.at(-1)?.messageId as string;
    // The echo delivered again after the send finds our reply.
    await P.postWebhook(t.url, P.webhook('page', P.pageEntry(P.echo(psid, mid, text, 1234567890))));
    const rows = await t.k.store.db
      .select()
      .from(messages)
      .where(and(eq(messages.caseId, caseId), eq(messages.direction, 'outbound')));
    expect(rows.map((r) => [r.id, r.externalId, r.deliveryStatus])).toEqual([[sent.id, mid, 'sent']]);
    const [c] = await t.k.store.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c?.messageCount).toBe(2);
  });

  it('a reply longer than Messenger allows fails with the reason, before calling Meta', async () => {
    const { caseId } = await personWrites(Date.now() - HOUR);
    const before = graph.sends.length;
    const failed = await reply(caseId, 'ж'.repeat(2001));
    expect(failed.deliveryError).toContain('text_too_long');
    expect(graph.sends.length).toBe(before);
  });

  it('the window route refuses strangers and says when a case is not on Meta', async () => {
    expect((await t.api('/api/channels/meta/window?caseId=00000000-0000-0000-0000-000000000000')).status).toBe(401);
    const report = await t.api('/api/reports', { method: 'POST', json: { description: 'web', kind: 'help' } });
    const { reference } = (await report.json()) as { reference: string };
    const c = await eventually(
      async () => (await t.k.store.db.select().from(cases).where(eq(cases.reference, reference)))[0],
    );
    expect(await windowOf(c.id)).toEqual({ applicable: false, channel: 'web_form' });
  });
});
