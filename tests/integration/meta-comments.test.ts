import { count, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { inboundEvents, messages } from '../../src/store/schema/index.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const QUIET_PAGE = '304912345678903';
type Created = { caseId: string; message: MessageView; case: CaseSummary };

describe('Meta comments, per page and off by default (postgres)', () => {
  let graph: GraphStandIn;
  let t: TestKontakt;
  let cookie: string;
  let socket: Socket;

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt(
      'postgres',
      { META_APP_SECRET: P.APP_SECRET, META_VERIFY_TOKEN: P.VERIFY_TOKEN, META_GRAPH_URL: graph.url },
      {
        channels: {
          meta: [
            { pageId: P.PAGE_ID, accessToken: P.PAGE_TOKEN, instagramId: P.IG_ID, comments: true },
            { pageId: QUIET_PAGE, accessToken: 'EAAGquiet' },
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

  const created = (text: string) => nextEvent<Created>(socket, 'message:created', (e) => e.message.text === text);
  const post = (payload: unknown) => P.postWebhook(t.url, payload);

  it('a page feed comment becomes its own case with no contact; the comment thread stays together', async () => {
    const top = created('Ovo dete na slici je iz moje škole');
    expect((await post(P.feedComment('900000000000001_111', 'Ovo dete na slici je iz moje škole'))).status).toBe(200);
    const c = await top;
    expect(c.case).toMatchObject({ channel: 'facebook', kind: 'comment', anonymous: true, contactId: null });
    expect(c.message.flags).toEqual(['public_comment']);
    expect(c.message.fields).toMatchObject({
      source: 'comment',
      pageId: P.PAGE_ID,
      commentId: '900000000000001_111',
      author: { name: 'Marko Marković' },
    });
    // The post's link is kept in the store, not handed to every client with the comment.
    expect(JSON.stringify(c.message)).not.toContain('https://www.facebook.com/p/1');
    const [row] = await t.k.store.db.select().from(messages).where(eq(messages.id, c.message.id));
    expect(row?.fields).toMatchObject({ permalink: 'https://www.facebook.com/p/1' });

    const answer = created('I ja je znam');
    await post(P.feedComment('900000000000001_112', 'I ja je znam', { parentId: '900000000000001_111' }));
    expect((await answer).caseId).toBe(c.caseId);
    const pageReply = created('Molimo vas da ne delite slike dece.');
    await post(
      P.feedComment('900000000000001_113', 'Molimo vas da ne delite slike dece.', {
        parentId: '900000000000001_111',
        fromId: P.PAGE_ID,
      }),
    );
    const pr = await pageReply;
    expect(pr.caseId).toBe(c.caseId);
    expect(pr.message.direction).toBe('outbound');
  });

  it('edited and removed comments update the stored one and keep its history', async () => {
    const top = created('prvobitni komentar');
    await post(P.feedComment('900000000000001_121', 'prvobitni komentar'));
    const { message } = await top;
    const edited = nextEvent<{ message: MessageView }>(socket, 'message:updated', (e) => e.message.id === message.id);
    const edit = P.feedComment('900000000000001_121', 'izmenjen komentar');
    (edit.entry[0]?.changes[0]?.value as { verb: string }).verb = 'edited';
    await post(edit);
    expect((await edited).message.text).toBe('izmenjen komentar');
    const removed = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.id === message.id && e.message.unsentAt !== null,
    );
    const remove = P.feedComment('900000000000001_121', '');
    (remove.entry[0]?.changes[0]?.value as { verb: string }).verb = 'remove';
    await post(remove);
    expect((await removed).message.history.map((h) => h.kind)).toEqual(['edit', 'unsend']);
  });

  it('an Instagram comment becomes a case with the commenter’s username', async () => {
    const c = created('Zašto ste objavili ovo?');
    await post(P.igComment('17900000000000001', 'Zašto ste objavili ovo?'));
    const got = await c;
    expect(got.case.channel).toBe('instagram');
    expect(got.message.fields).toMatchObject({ source: 'comment', author: { username: 'neko_dete' } });
  });

  it('a reply on a comment case is never sent privately by accident: it waits for a channel', async () => {
    const top = created('komentar bez kontakta');
    await post(P.feedComment('900000000000001_131', 'komentar bez kontakta'));
    const { caseId } = await top;
    const pending = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.caseId === caseId && e.message.deliveryError !== null,
    );
    const before = graph.sends.length;
    await t.api(`/api/cases/${caseId}/messages`, { method: 'POST', cookie, json: { kind: 'reply', text: 'javno?' } });
    expect((await pending).message).toMatchObject({
      deliveryStatus: 'pending',
      deliveryError: 'no_channel_for_contact',
    });
    expect(graph.sends.length).toBe(before);
    const d = (await (await t.api(`/api/cases/${caseId}`, { cookie })).json()) as CaseDetail;
    expect(d.contact).toBeNull();
  });

  it('comments on a page that has not enabled them are not taken', async () => {
    const [before] = await t.k.store.db.select({ n: count() }).from(inboundEvents);
    const payload = P.feedComment('950000000000001_1', 'tiha stranica');
    const entry = payload.entry[0] as { id: string };
    entry.id = QUIET_PAGE;
    expect((await post(payload)).status).toBe(200);
    const [after] = await t.k.store.db.select({ n: count() }).from(inboundEvents);
    expect(after?.n).toBe(before?.n);
    expect(
      await t.k.store.db.select().from(inboundEvents).where(eq(inboundEvents.externalId, 'comment:950000000000001_1')),
    ).toEqual([]);
  });
});
