import { count, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshakeQuery } from '../../src/channels/meta/meta-webhook.routes.ts';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { cases, inboundEvents, messages } from '../../src/store/schema/index.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

type Created = { caseId: string; message: MessageView; case: CaseSummary };
type Updated = { caseId: string; message: MessageView };

describe('Meta webhook: Messenger and Instagram in (postgres)', () => {
  let graph: GraphStandIn;
  let t: TestKontakt;
  let cookie: string;
  let socket: Socket;

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt('postgres', P.metaEnv(graph.url));
    cookie = await t.login();
    socket = await t.socket(cookie);
  });
  afterAll(async () => {
    await t?.cleanup();
    await graph?.close();
  });

  const post = (payload: unknown) => P.postWebhook(t.url, payload);
  const created = (text: string) => nextEvent<Created>(socket, 'message:created', (e) => e.message.text === text);
  const updated = (id: string, pred: (m: MessageView) => boolean) =>
    nextEvent<Updated>(socket, 'message:updated', (e) => e.message.id === id && pred(e.message));
  const byMid = async (mid: string) => t.k.store.db.select().from(messages).where(eq(messages.externalId, mid));
  const detail = async (caseId: string) =>
    (await (await t.api(`/api/cases/${caseId}`, { cookie })).json()) as CaseDetail;
  const eventCount = async () => (await t.k.store.db.select({ n: count() }).from(inboundEvents))[0]?.n;

  it('answers the subscription handshake only with the verify token', async () => {
    const q = (token: string, mode = 'subscribe') =>
      fetch(`${t.url}/webhooks/meta?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=1158201444`);
    const ok = await q(P.VERIFY_TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await q('wrong-token')).status).toBe(403);
    expect((await q(P.VERIFY_TOKEN, 'unsubscribe')).status).toBe(403);
  });

  it('checks the handshake with the schema the API reference shows (handshakeQuery)', async () => {
    type Q = Record<string, string | string[]>;
    const good: Q = { 'hub.mode': 'subscribe', 'hub.verify_token': P.VERIFY_TOKEN, 'hub.challenge': '1158201444' };
    const queries: Q[] = [
      good,
      { ...good, 'hub.challenge': 'abc.DEF_9-x' },
      { ...good, extra: 'x' },
      { ...good, 'hub.mode': ['subscribe', 'subscribe'] },
      { ...good, 'hub.verify_token': [P.VERIFY_TOKEN, P.VERIFY_TOKEN] },
      { ...good, 'hub.challenge': 'a b' },
      { ...good, 'hub.challenge': 'x'.repeat(257) },
      { ...good, 'hub.challenge': '' },
      { ...good, 'hub.verify_token': '' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': P.VERIFY_TOKEN },
      { 'hub.verify_token': P.VERIFY_TOKEN, 'hub.challenge': '1' },
    ];
    for (const query of queries) {
      const url = new URL('/webhooks/meta', t.url);
      for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) url.searchParams.append(k, one);
      const parsed = handshakeQuery.safeParse(query);
      const accepted = parsed.success && parsed.data['hub.verify_token'] === P.VERIFY_TOKEN;
      const res = await fetch(url);
      expect(res.status, url.search).toBe(accepted ? 200 : 403);
      expect(await res.text(), url.search).toBe(accepted ? query['hub.challenge'] : 'forbidden');
    }
  });

  it('refuses posts without a valid X-Hub-Signature-256 and stores nothing', async () => {
    const payload = P.webhook('page', P.pageEntry(P.textMessage('7000000000000001', 'm_unsigned', 'zdravo')));
    const before = await eventCount();
    expect((await P.postWebhook(t.url, payload, { signature: null })).status).toBe(401);
    expect((await P.postWebhook(t.url, payload, { secret: 'another-apps-secret' })).status).toBe(403);
    expect((await P.postWebhook(t.url, payload, { signature: 'sha256=zz' })).status).toBe(403);
    // Signed over different bytes than the ones sent.
    const tampered = await fetch(`${t.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(JSON.stringify(payload)) },
      body: JSON.stringify(payload).replace('zdravo', 'ZDRAVO'),
    });
    expect(tampered.status).toBe(403);
    expect(await eventCount()).toBe(before);
    expect(await byMid('m_unsigned')).toHaveLength(0);
  });

  it('a text message opens a live case; the same POST delivered twice is one message', async () => {
    const caseCreated = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.channel === 'facebook');
    const text = 'Neko mi preti na Mesindžeru. Ђорђе, помози!';
    const message = created(text);
    const payload = P.webhook(
      'page',
      P.pageEntry(P.textMessage('7000000000000002', 'm_text_1', text, 1_780_000_000_000)),
    );
    const first = await post(payload);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('EVENT_RECEIVED');
    expect(first.headers.get('content-type')).toMatch(/^text\/plain/);
    const ev = await caseCreated;
    expect(ev.case).toMatchObject({ channel: 'facebook', kind: 'conversation', anonymous: false, status: 'new' });
    const m = await message;
    expect(m.caseId).toBe(ev.case.id);
    expect(m.message).toMatchObject({ direction: 'inbound', channel: 'facebook', fields: { pageId: P.PAGE_ID } });
    expect(m.message.createdAt).toBe(new Date(1_780_000_000_000).toISOString());

    expect((await post(payload)).status).toBe(200);
    const events = await t.k.store.db.select().from(inboundEvents).where(eq(inboundEvents.externalId, 'm_text_1'));
    expect(events).toHaveLength(1);
    expect(await byMid('m_text_1')).toHaveLength(1);
    const d = await detail(ev.case.id);
    expect(d.messages).toHaveLength(1);
    expect(d.contact?.identities).toEqual([{ kind: 'facebook_psid', value: '7000000000000002' }]);
  });

  it('takes several entries and several events per entry from one POST', async () => {
    const texts = ['prva poruka', 'druga poruka', 'treća poruka'];
    const all = Promise.all(texts.map(created));
    const res = await post({
      object: 'page',
      entry: [
        {
          id: P.PAGE_ID,
          time: Date.now(),
          messaging: [
            P.textMessage('7000000000000003', 'm_batch_1', texts[0] as string),
            P.textMessage('7000000000000004', 'm_batch_2', texts[1] as string),
          ],
        },
        {
          id: P.PAGE_ID,
          time: Date.now(),
          messaging: [P.textMessage('7000000000000003', 'm_batch_3', texts[2] as string)],
        },
      ],
    });
    expect(res.status).toBe(200);
    const got = await all;
    // The same person's two messages are one conversation; the other person has their own case.
    expect(got[0]?.caseId).toBe(got[2]?.caseId);
    expect(got[1]?.caseId).not.toBe(got[0]?.caseId);
  });

  it('keeps attachments as links with their type and never fetches them', async () => {
    const url = (n: string) => graph.mediaUrl(n);
    const stored = nextEvent<Created>(socket, 'message:created', (e) => e.message.fields?.attachments !== undefined);
    await post(
      P.webhook(
        'page',
        P.pageEntry(
          P.attachmentMessage('7000000000000005', 'm_att_1', [
            { type: 'image', payload: { url: url('photo.jpg') } },
            { type: 'video', payload: { url: url('clip.mp4') } },
            { type: 'audio', payload: { url: url('voice.mp4') } },
            { type: 'file', payload: { url: url('doc.pdf') } },
            { type: 'sticker', payload: { url: url('sticker.png'), sticker_id: 369239263222822 } },
            { type: 'image', payload: { url: url('sticker.png'), sticker_id: 369239263222822 } },
            { type: 'fallback', payload: null, title: 'Opasan link', url: 'https://example.com/x' },
            { type: 'reel', payload: { url: url('reel'), reel_video_id: 1234567890 } },
            { type: 'ig_reel', payload: { url: url('igreel'), title: 'reel', reel_video_id: 987 } },
            { type: 'share', payload: { url: 'javascript:alert(1)' } },
          ]),
        ),
      ),
    );
    const { message } = await stored;
    expect(message.text).toBe('');
    expect(message.attachments).toEqual([]);
    const atts = message.fields?.attachments as { type: string; kind: string; url: string | null; hidden: boolean }[];
    expect(atts.map((a) => [a.type, a.kind, a.hidden])).toEqual([
      ['image', 'image', true],
      ['video', 'video', true],
      ['audio', 'audio', false],
      ['file', 'file', false],
      ['sticker', 'sticker', true],
      ['fallback', 'link', false],
      ['reel', 'video', true],
      ['ig_reel', 'video', true],
      ['share', 'link', false],
    ]);
    // The links stay in the store for the audited reveal; the event carries none of them.
    expect(atts.every((a) => !('url' in a) || a.url === null)).toBe(true);
    expect(atts[5]).toMatchObject({ title: 'Opasan link' });
    const [row] = await byMid('m_att_1');
    const kept = row?.fields?.attachments as { url: string | null; title: string | null }[];
    expect(kept[0]?.url).toBe(url('photo.jpg'));
    expect(kept[5]).toMatchObject({ url: 'https://example.com/x', title: 'Opasan link' });
    expect(kept[8]?.url).toBeNull();
    expect(graph.other).toEqual([]);
  });

  it('quick replies, postbacks and replies (reply_to) join the conversation', async () => {
    const psid = '7000000000000006';
    const first = created('Trebam pomoć');
    await post(P.webhook('page', P.pageEntry(P.quickReply(psid, 'm_qr_1', 'Trebam pomoć', 'HELP_CHILD'))));
    const q = await first;
    expect(q.message.fields).toMatchObject({ quickReply: 'HELP_CHILD' });
    const pb = created('Prijavi sadržaj');
    await post(P.webhook('page', P.pageEntry(P.postback(psid, 'm_pb_1', 'Prijavi sadržaj', 'REPORT'))));
    expect((await pb).message.fields).toMatchObject({ postback: { title: 'Prijavi sadržaj', payload: 'REPORT' } });
    expect((await pb).caseId).toBe(q.caseId);
    // Closing the case would make joinOpenCase open a new one; reply_to still threads into it.
    await t.api(`/api/cases/${q.caseId}`, { method: 'PATCH', cookie, json: { category: 'advice', status: 'closed' } });
    const reply = created('odgovor na tvoju poruku');
    await post(P.webhook('page', P.pageEntry(P.replyMessage(psid, 'm_rep_1', 'odgovor na tvoju poruku', 'm_qr_1'))));
    expect((await reply).caseId).toBe(q.caseId);
  });

  it("an echo of a message sent from Meta's inbox is an outbound message in the person's case", async () => {
    const psid = '7000000000000007';
    const first = created('Da li ste tu?');
    await post(P.webhook('page', P.pageEntry(P.textMessage(psid, 'm_echo_in', 'Da li ste tu?'))));
    const inbound = await first;
    const echoed = created('Tu smo, pišemo iz Meta inboxa.');
    await post(P.webhook('page', P.pageEntry(P.echo(psid, 'm_echo_out', 'Tu smo, pišemo iz Meta inboxa.'))));
    const e = await echoed;
    expect(e.caseId).toBe(inbound.caseId);
    expect(e.message).toMatchObject({ direction: 'outbound', authorId: null });
    const [c] = await t.k.store.db.select().from(cases).where(eq(cases.id, inbound.caseId));
    expect(c?.messageCount).toBe(2);
  });

  it('reactions, edits, deliveries and reads update the stored messages', async () => {
    const psid = '7000000000000008';
    const first = created('Poruka koju ću menjati');
    await post(P.webhook('page', P.pageEntry(P.textMessage(psid, 'm_upd_1', 'Poruka koju ću menjati'))));
    const { message, caseId } = await first;

    const reacted = updated(message.id, (m) => m.reactions.length === 1);
    await post(P.webhook('page', P.pageEntry(P.reaction(psid, 'm_upd_1', 'react', 1_780_000_000_100))));
    expect((await reacted).message.reactions[0]).toMatchObject({ from: 'contact', reaction: '❤️' });
    const unreacted = updated(message.id, (m) => m.reactions.length === 0);
    await post(P.webhook('page', P.pageEntry(P.reaction(psid, 'm_upd_1', 'unreact', 1_780_000_000_200))));
    await unreacted;

    const edited = updated(message.id, (m) => m.editedAt !== null);
    await post(P.webhook('page', P.pageEntry(P.edit(psid, 'm_upd_1', 'Izmenjena poruka', 1))));
    const ed = (await edited).message;
    expect(ed.text).toBe('Izmenjena poruka');
    expect(ed.history.map((h) => h.previousText)).toEqual(['Poruka koju ću menjati']);

    const sent = nextEvent<Updated>(
      socket,
      'message:updated',
      (e) => e.caseId === caseId && e.message.deliveryStatus === 'sent',
    );
    const res = await t.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Evo nas' },
    });
    expect(res.status).toBe(201);
    const reply = (await sent).message;
    expect(graph.sends.at(-1)?.body).toMatchObject({ recipient: { id: psid }, messaging_type: 'RESPONSE' });

    const sentMid = graph.sends.at(-1)?.messageId as string;
    const delivered = updated(reply.id, (m) => m.deliveryStatus === 'delivered');
    await post(P.webhook('page', P.pageEntry(P.delivery(psid, [sentMid], Date.now() + 1000))));
    await delivered;
    const wasRead = updated(reply.id, (m) => m.deliveryStatus === 'read');
    await post(P.webhook('page', P.pageEntry(P.read(psid, Date.now() + 2000))));
    await wasRead;
  });

  it('Instagram: story mentions and replies keep the link, unsend keeps the history, messaging_seen marks read', async () => {
    const igsid = '1790000000000001';
    const story = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1&signature=x';
    const mention = nextEvent<Created>(socket, 'message:created', (e) => e.message.fields?.storyMention === true);
    await post(P.webhook('instagram', P.igEntry(P.igStoryMention(igsid, 'aWdfZAG1_mention', story))));
    const m = await mention;
    expect(m.case.channel).toBe('instagram');
    expect(m.message.fields).toMatchObject({
      pageId: P.PAGE_ID,
      instagramId: P.IG_ID,
      attachments: [{ type: 'story_mention', kind: 'story', hidden: true }],
    });
    expect(JSON.stringify(m.message)).not.toContain(story);
    expect((await byMid('aWdfZAG1_mention'))[0]?.fields).toMatchObject({
      attachments: [{ type: 'story_mention', kind: 'story', url: story, hidden: true }],
    });

    const storyReply = created('Vidi moju priču');
    await post(P.webhook('instagram', P.igEntry(P.igStoryReply(igsid, 'aWdfZAG1_reply', 'Vidi moju priču', story))));
    expect((await storyReply).message.fields).toMatchObject({ storyReply: { id: '17890000000000001' } });
    expect(JSON.stringify((await storyReply).message)).not.toContain(story);
    expect((await byMid('aWdfZAG1_reply'))[0]?.fields).toMatchObject({ storyReply: { url: story } });

    const unsent = updated((await storyReply).message.id, (x) => x.unsentAt !== null);
    await post(P.webhook('instagram', P.igEntry(P.igUnsend(igsid, 'aWdfZAG1_reply'))));
    expect((await unsent).message.history.map((h) => [h.kind, h.previousText])).toEqual([
      ['unsend', 'Vidi moju priču'],
    ]);

    const sent = nextEvent<Updated>(
      socket,
      'message:updated',
      (e) => e.caseId === m.caseId && e.message.deliveryStatus === 'sent',
    );
    await t.api(`/api/cases/${m.caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Hvala što si nam pisao.' },
    });
    const reply = (await sent).message;
    expect(graph.sends.at(-1)).toMatchObject({ pageId: P.PAGE_ID, body: { recipient: { id: igsid } } });
    const seen = updated(reply.id, (x) => x.deliveryStatus === 'read');
    await post(
      P.webhook('instagram', P.igEntry(P.igSeen(igsid, graph.sends.at(-1)?.messageId as string, Date.now() + 1000))),
    );
    await seen;
  });

  it('comments are ignored while the page has not enabled them', async () => {
    const before = await eventCount();
    expect((await post(P.feedComment('900000000000001_1', 'javni komentar'))).status).toBe(200);
    expect(await eventCount()).toBe(before);
  });
});
