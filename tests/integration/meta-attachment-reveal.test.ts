import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { auditLog, messages } from '../../src/store/schema/index.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { addUser, nextEvent, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';

type Created = { caseId: string; message: MessageView; case: CaseSummary };
type Updated = { caseId: string; message: MessageView };

const COUNSELOR = 'meta-reveal@test.kontakt';

/** Every string anywhere in a JSON value that looks like a web link. */
function links(value: unknown): string[] {
  return (JSON.stringify(value).match(/[a-z][a-z0-9+.-]*:\/\/[^"\\]*/gi) ?? []).filter((s) => s.length > 0);
}

describe('Meta media reaches a counselor only through the audited reveal (postgres)', () => {
  let graph: GraphStandIn;
  let t: TestKontakt;
  let admin: string;
  let counselor: string;
  let adminSocket: Socket;
  let counselorSocket: Socket;

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt('postgres', P.metaEnv(graph.url));
    admin = await t.login();
    await addUser(t, admin, COUNSELOR);
    counselor = await t.login(COUNSELOR, testPassword(COUNSELOR));
    adminSocket = await t.socket(admin);
    counselorSocket = await t.socket(counselor);
  });
  afterAll(async () => {
    await t?.cleanup();
    await graph?.close();
  });

  it('no view, event or answer carries the file URL; the reveal hands it out and is audited', async () => {
    const photo = graph.mediaUrl('child-photo.jpg');
    const psid = '7300000000000001';
    const mid = 'm_reveal_only_1';
    const createdFor = (s: Socket) => nextEvent<Created>(s, 'message:created', (e) => e.message.externalId === mid);
    const seenByAdmin = createdFor(adminSocket);
    const seenByCounselor = createdFor(counselorSocket);
    const res = await P.postWebhook(
      t.url,
      P.webhook('page', P.pageEntry(P.attachmentMessage(psid, mid, [{ type: 'image', payload: { url: photo } }]))),
    );
    expect(res.status).toBe(200);
    const [a, c] = [await seenByAdmin, await seenByCounselor];
    for (const ev of [a, c]) {
      expect(JSON.stringify(ev)).not.toContain(photo);
      expect(links(ev.message.fields)).toEqual([]);
      // The inbox still knows there is a hidden image to reveal.
      expect(ev.message.fields?.attachments).toEqual([
        { type: 'image', kind: 'image', title: null, mediaId: null, hidden: true },
      ]);
    }
    // The store keeps the link for the reveal.
    const [row] = await t.k.store.db.select().from(messages).where(eq(messages.externalId, mid));
    expect(JSON.stringify(row?.fields)).toContain(photo);

    // A reaction on it is a message:updated event: no link there either.
    const updated = nextEvent<Updated>(
      counselorSocket,
      'message:updated',
      (e) => e.message.externalId === mid && e.message.reactions.length > 0,
    );
    await P.postWebhook(t.url, P.webhook('page', P.pageEntry(P.reaction(psid, mid, 'react'))));
    expect(JSON.stringify(await updated)).not.toContain(photo);

    for (const cookie of [admin, counselor]) {
      const detail = (await (await t.api(`/api/cases/${a.caseId}`, { cookie })).json()) as CaseDetail;
      expect(detail.messages.some((m) => m.externalId === mid)).toBe(true);
      expect(JSON.stringify(detail)).not.toContain(photo);
      for (const m of detail.messages) expect(links(m.fields)).toEqual([]);
    }

    const messageId = a.message.id;
    const revealed = await t.api(`/api/messages/${messageId}/links/0/reveal`, {
      method: 'POST',
      cookie: counselor,
      json: {},
    });
    expect(revealed.status).toBe(200);
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    expect(await revealed.json()).toEqual({ url: photo, type: 'image' });
    const audit = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.reveal'), eq(auditLog.entityId, messageId)));
    expect(audit.map((r) => r.details)).toEqual([{ caseId: a.caseId, index: 0 }]);
    expect(graph.other).toEqual([]);
  });

  it('an Instagram story reply and a story mention keep their links out of every view', async () => {
    const story = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=77&signature=s';
    const igsid = '1790000000000077';
    const mention = nextEvent<Created>(counselorSocket, 'message:created', (e) => e.message.externalId === 'aWd_m_77');
    await P.postWebhook(t.url, P.webhook('instagram', P.igEntry(P.igStoryMention(igsid, 'aWd_m_77', story))));
    const reply = nextEvent<Created>(counselorSocket, 'message:created', (e) => e.message.externalId === 'aWd_r_77');
    await P.postWebhook(
      t.url,
      P.webhook('instagram', P.igEntry(P.igStoryReply(igsid, 'aWd_r_77', 'Vidi moju priču', story))),
    );
    for (const ev of [await mention, await reply]) {
      expect(JSON.stringify(ev)).not.toContain('lookaside');
      expect(links(ev.message.fields)).toEqual([]);
    }
    expect((await mention).message.fields).toMatchObject({ storyMention: true });
    expect((await reply).message.fields).toMatchObject({ storyReply: { id: '17890000000000001' } });
    const detail = (await (await t.api(`/api/cases/${(await reply).caseId}`, { cookie: admin })).json()) as CaseDetail;
    expect(JSON.stringify(detail)).not.toContain('lookaside');
    const revealed = await t.api(`/api/messages/${(await mention).message.id}/links/0/reveal`, {
      method: 'POST',
      cookie: admin,
      json: {},
    });
    expect(await revealed.json()).toEqual({ url: story, type: 'story_mention' });
  });
});
