import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, Presence } from '../../src/inbox/contract.ts';
import { createBlobRepository } from '../../src/store/blob.repository.ts';
import { attachments, auditLog, messages } from '../../src/store/schema/index.ts';
import { eventually, nextEvent, seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const COUNSELOR = { email: 'vesna@test.kontakt', password: 'lozinka savetnice 2026', name: 'Vesna' };

describe('inbox working together (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let counselor: string;
  let adminId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestKontakt('postgres', { REPORT_RATE_LIMIT: '1000' });
    await seedUser(t, COUNSELOR.email, 'counselor', COUNSELOR.password, COUNSELOR.name);
    admin = await t.login();
    counselor = await t.login(COUNSELOR.email, COUNSELOR.password);
    adminId = ((await (await t.api('/api/me', { cookie: admin })).json()) as { user: { id: string } }).user.id;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.cleanup();
  });

  const socket = async (cookie: string) => {
    const s = await t.socket(cookie);
    sockets.push(s);
    return s;
  };
  const newCase = async (description: string): Promise<CaseSummary> => {
    const s = await socket(admin);
    const created = nextEvent<{ case: CaseSummary }>(s, 'case:created', (e) => e.case.preview.includes(description));
    const res = await t.api('/api/reports', { method: 'POST', json: { description, kind: 'help' } });
    expect(res.status).toBe(202);
    const c = (await created).case;
    s.disconnect();
    return c;
  };
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    expect(res.status).toBe(status);
    return (await res.json()) as T;
  };

  it('counts each view on the server and lists a view with the same definition', async () => {
    const c1 = await newCase('prvi predmet za prikaze');
    const c2 = await newCase('drugi predmet za prikaze');
    await json(
      await t.api(`/api/cases/${c1.id}`, {
        method: 'PATCH',
        cookie: admin,
        json: { assigneeId: adminId, priority: 'urgent' },
      }),
    );
    await json(await t.api(`/api/cases/${c2.id}`, { method: 'PATCH', cookie: admin, json: { status: 'waiting' } }));

    const mine = await json<Record<string, number>>(await t.api('/api/cases/counts', { cookie: admin }));
    expect(mine).toMatchObject({ mine: 1, unassigned: 1, open: 2, urgent: 1, waiting: 1, closed: 0 });
    const theirs = await json<Record<string, number>>(await t.api('/api/cases/counts', { cookie: counselor }));
    expect(theirs.mine).toBe(0);

    const list = async (qs: string, cookie = admin) =>
      (await json<{ items: CaseSummary[] }>(await t.api(`/api/cases?${qs}`, { cookie }))).items.map((c) => c.id);
    expect(await list('view=mine')).toEqual([c1.id]);
    expect(await list('view=mine', counselor)).toEqual([]);
    expect(await list('view=urgent')).toEqual([c1.id]);
    expect(await list('view=waiting')).toEqual([c2.id]);
    expect(await list('view=unassigned')).toEqual([c2.id]);
    expect(await list('view=open&channel=email')).toEqual([]);
    expect((await t.api('/api/cases?view=everything', { cookie: admin })).status).toBe(400);
    expect((await t.api('/api/cases/counts')).status).toBe(401);
  });

  it('tells everyone who is viewing and typing, and forgets a counselor who disconnects', async () => {
    const c = await newCase('predmet za prisustvo');
    const watcher = await socket(admin);
    const vesna = await socket(counselor);

    const seen = nextEvent<Presence>(watcher, 'presence:update', (p) => p.caseId === c.id && p.viewers.length === 1);
    const ack = await new Promise<{ ok: boolean; presence?: Presence }>((resolve) =>
      vesna.emit('case:watch', { caseId: c.id }, resolve),
    );
    expect(ack.ok).toBe(true);
    expect((await seen).viewers).toEqual([{ userId: expect.any(String), name: COUNSELOR.name }]);

    const typing = nextEvent<Presence>(watcher, 'presence:update', (p) => p.caseId === c.id && p.typing.length === 1);
    vesna.emit('case:typing', { caseId: c.id, typing: true });
    expect((await typing).typing[0]?.name).toBe(COUNSELOR.name);

    const all = await new Promise<Presence[]>((resolve) => watcher.emit('presence:all', resolve));
    expect(all.find((p) => p.caseId === c.id)?.viewers.map((v) => v.name)).toEqual([COUNSELOR.name]);

    // Typing in a case one is not watching is ignored.
    const other = await newCase('predmet koji niko ne gleda');
    vesna.emit('case:typing', { caseId: other.id, typing: true });

    const gone = nextEvent<Presence>(watcher, 'presence:update', (p) => p.caseId === c.id && p.viewers.length === 0);
    vesna.disconnect();
    expect((await gone).typing).toEqual([]);
    const after = await new Promise<Presence[]>((resolve) => watcher.emit('presence:all', resolve));
    expect(after.some((p) => p.caseId === other.id)).toBe(false);
  });

  it('reveals a quarantined file only on purpose: audited, as a download, never inline', async () => {
    const c = await newCase('predmet sa prilogom');
    const [m] = await t.k.store.db.select().from(messages).where(eq(messages.caseId, c.id));
    if (!m) throw new Error('no message');
    const bytes = Buffer.from('<html><script>alert(1)</script></html>');
    const blob = await createBlobRepository(t.k.store.db).put(bytes, 'text/html');
    const [att] = await t.k.store.db
      .insert(attachments)
      .values({
        messageId: m.id,
        fileName: 'slika „1“.html',
        contentType: 'text/html',
        size: blob.size,
        sha256: blob.sha256,
        storageKey: blob.sha256,
        createdAt: new Date(),
      })
      .returning();
    if (!att) throw new Error('no attachment');
    const reveals = () =>
      t.k.store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'attachment.reveal'), eq(auditLog.entityId, att.id)));

    // Reading the case lists it but reveals nothing.
    await json(await t.api(`/api/cases/${c.id}`, { cookie: counselor }));
    expect(await reveals()).toHaveLength(0);
    expect((await t.api(`/api/attachments/${att.id}/reveal`, { method: 'GET', cookie: counselor })).status).toBe(404);
    expect((await t.api(`/api/attachments/${att.id}/reveal`, { method: 'POST', json: {} })).status).toBe(401);

    const res = await t.api(`/api/attachments/${att.id}/reveal`, { method: 'POST', cookie: counselor, json: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="slika _1_.html"; filename\*=UTF-8''/,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.details).toMatchObject({ caseId: c.id, messageId: m.id });

    // A Meta attachment is a link only: revealed as text, audited, never fetched by the server.
    const [meta] = await t.k.store.db
      .insert(messages)
      .values({
        caseId: c.id,
        direction: 'inbound',
        channel: 'instagram',
        externalId: 'mid.reveal.1',
        text: '',
        fields: { attachments: [{ type: 'image', url: 'https://cdn.example/photo.jpg', hidden: true }] },
        createdAt: new Date(),
        receivedAt: new Date(),
      })
      .returning();
    if (!meta) throw new Error('no meta message');
    const link = await json<{ url: string; type: string }>(
      await t.api(`/api/messages/${meta.id}/links/0/reveal`, { method: 'POST', cookie: counselor, json: {} }),
    );
    expect(link).toEqual({ url: 'https://cdn.example/photo.jpg', type: 'image' });
    expect(
      (await t.api(`/api/messages/${meta.id}/links/1/reveal`, { method: 'POST', cookie: counselor, json: {} })).status,
    ).toBe(404);
    const linkAudit = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.reveal'), eq(auditLog.entityId, meta.id)));
    expect(linkAudit.map((r) => r.details)).toEqual([{ caseId: c.id, index: 0 }]);

    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      (await t.api(`/api/attachments/${missing}/reveal`, { method: 'POST', cookie: counselor, json: {} })).status,
    ).toBe(404);
  });

  it('keeps tags live for everyone and shows them in the list, the history and nowhere twice', async () => {
    const c = await newCase('predmet sa oznakama');
    const watcher = await socket(admin);
    const tagged = nextEvent<{ caseId: string; tags: string[] }>(watcher, 'case:tags', (e) => e.caseId === c.id);
    const saved = await json<{ tags: string[] }>(
      await t.api(`/api/cases/${c.id}/tags`, {
        method: 'PUT',
        cookie: counselor,
        json: { tags: ['Škola ', 'škola', 'ponovljena prijava'] },
      }),
    );
    expect(saved.tags).toEqual(['ponovljena prijava', 'škola']);
    expect((await tagged).tags).toEqual(saved.tags);

    const list = await json<{ items: (CaseSummary & { tags: string[] })[] }>(
      await t.api('/api/cases?view=open', { cookie: admin }),
    );
    expect(list.items.find((x) => x.id === c.id)?.tags).toEqual(saved.tags);

    await json(await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: admin, json: { category: 'advice' } }));
    const extras = await eventually(async () => {
      const e = await json<{ tags: string[]; history: { action: string; actorName: string }[] }>(
        await t.api(`/api/cases/${c.id}/extras`, { cookie: admin }),
      );
      return e.history.length >= 2 ? e : null;
    });
    expect(extras.tags).toEqual(saved.tags);
    expect(extras.history.map((h) => [h.action, h.actorName])).toEqual([
      ['case.update', 'Administrator'],
      ['case.tags', COUNSELOR.name],
    ]);
  });

  it('lets supervisors keep canned responses that every counselor can search', async () => {
    const body = { title: 'Dobrodošlica', body: 'Hvala, vaš broj je {reference}.', language: 'sr-Latn' };
    expect((await t.api('/api/canned-responses', { method: 'POST', cookie: counselor, json: body })).status).toBe(403);
    const { id } = await json<{ id: string }>(
      await t.api('/api/canned-responses', { method: 'POST', cookie: admin, json: body }),
      201,
    );
    const found = await json<{ items: { id: string }[] }>(
      await t.api('/api/canned-responses?q=dobro', { cookie: counselor }),
    );
    expect(found.items.map((i) => i.id)).toEqual([id]);
    expect(
      (await json<{ items: unknown[] }>(await t.api('/api/canned-responses?q=nema', { cookie: counselor }))).items,
    ).toEqual([]);
    expect((await t.api(`/api/canned-responses/${id}`, { method: 'DELETE', cookie: admin, json: {} })).status).toBe(
      204,
    );
  });
  it('takes a counselor language as the browser writes it (BCP 47) and keeps one of the three', async () => {
    const me = async () =>
      (await json<{ user: { language: string } }>(await t.api('/api/me', { cookie: counselor }))).user;
    for (const [tag, lang] of [
      ['sr-Cyrl-RS', 'sr-Cyrl'],
      ['en-GB', 'en'],
      ['sr', 'sr-Latn'],
    ] as const) {
      const res = await t.api('/api/me/language', { method: 'PUT', cookie: counselor, json: { language: tag } });
      expect(res.status).toBe(204);
      expect((await me()).language).toBe(lang);
    }
    const bad = await t.api('/api/me/language', { method: 'PUT', cookie: counselor, json: { language: 'de-DE' } });
    expect(bad.status).toBe(400);
    expect((await json<{ fields: { field: string }[] }>(bad, 400)).fields.map((f) => f.field)).toEqual(['language']);
  });
});
