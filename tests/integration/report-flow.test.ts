import { count, eq } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { cases, inboundEvents, messages } from '../../src/store/schema/index.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const CYRILLIC = 'Неко ми шаље претеће поруке. Ćirilica i latinica: Đorđe, Љиљана, džem, „navodnici“.';

describe.each(['postgres', 'pglite'] as const)('web form to live inbox (%s)', (engine) => {
  let t: TestKontakt;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestKontakt(engine, { REPORT_RATE_LIMIT: '1000' });
    cookie = await t.login();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const rowCount = async () => {
    const [c] = await t.k.store.db.select({ n: count() }).from(cases);
    const [e] = await t.k.store.db.select({ n: count() }).from(inboundEvents);
    return { cases: c?.n, events: e?.n };
  };

  it('a report posted to /api/reports appears as a case:created event and in GET /api/cases', async () => {
    const socket = await t.socket(cookie);
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created');
    const message = nextEvent<{ caseId: string; message: MessageView }>(socket, 'message:created');
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: {
        description: CYRILLIC,
        urls: ['https://example.com/video/1'],
        category: 'integrity',
        reporterRole: 'child',
        ageGroup: '13_15',
        kind: 'help',
        language: 'sr-Cyrl',
      },
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { reference: string; receipt: string };
    expect(body.reference).toMatch(/^KC-\d{4}-\d{6}$/);
    expect(body.receipt).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);

    const ev = await created;
    expect(ev.case).toMatchObject({
      reference: body.reference,
      channel: 'web_form',
      status: 'new',
      category: 'integrity',
      anonymous: true,
      kind: 'help',
    });
    const msg = await message;
    expect(msg.caseId).toBe(ev.case.id);
    expect(msg.message.text).toBe(CYRILLIC);

    const list = await t.api('/api/cases', { cookie });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: CaseSummary[] };
    expect(items.map((c) => c.reference)).toContain(body.reference);

    const detail = await (await t.api(`/api/cases/${ev.case.id}`, { cookie })).json();
    expect(detail.messages).toHaveLength(1);
    expect(detail.messages[0].text).toBe(CYRILLIC);
    expect(Buffer.from(detail.messages[0].text).equals(Buffer.from(CYRILLIC))).toBe(true);
    expect(detail.messages[0].fields).toMatchObject({
      urls: ['https://example.com/video/1'],
      reporterRole: 'child',
      ageGroup: '13_15',
    });
    // The receipt is stored only as a hash.
    const [row] = await t.k.store.db.select().from(cases).where(eq(cases.id, ev.case.id));
    expect(row?.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(body.receipt);
    socket.disconnect();
  });

  it('invalid reports get field errors in the request language and leave no row', async () => {
    const before = await rowCount();
    const res = await t.api('/api/reports', {
      method: 'POST',
      headers: { 'accept-language': 'en' },
      json: { description: '', urls: ['ftp://x'], anonymous: false, email: 'nope' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: { field: string; message: string }[] };
    expect(body.fields.map((f) => f.field).sort()).toEqual(['description', 'urls']);
    expect(body.fields.every((f) => f.message.length > 0)).toBe(true);

    const sr = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'x', anonymous: false, email: 'nope', consent: true, language: 'sr-Latn' },
    });
    expect(sr.status).toBe(400);
    const srBody = (await sr.json()) as { fields: { field: string; message: string }[] };
    expect(srBody.fields).toEqual([expect.objectContaining({ field: 'email' })]);
    const en = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'x', anonymous: false, email: 'nope', consent: true, language: 'en' },
    });
    expect(en.status).toBe(400);
    const enBody = (await en.json()) as { fields: { field: string; message: string }[] };
    expect(enBody.fields).toEqual([expect.objectContaining({ field: 'email', message: expect.any(String) })]);
    expect(enBody.fields[0]?.message).not.toBe(srBody.fields[0]?.message);

    const notJson = await t.api('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"description":',
    });
    expect(notJson.status).toBe(400);
    const array = await t.api('/api/reports', { method: 'POST', json: [1, 2] });
    expect(array.status).toBe(400);
    expect(await rowCount()).toEqual(before);
  });

  it('accepts the plain HTML form post (no JavaScript) and answers with a page showing reference and receipt', async () => {
    const form = new URLSearchParams({
      kind: 'report',
      description: 'Link ka sadržaju',
      urls: 'https://bad.example/a\nhttps://bad.example/b',
      anonymous: 'true',
      language: 'sr-Latn',
    });
    const res = await fetch(`${t.url}/report`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const html = await res.text();
    const reference = /KC-\d{4}-\d{6}/.exec(html)?.[0];
    expect(reference).toBeDefined();
    await eventually(async () => {
      const { items } = (await (await t.api(`/api/cases?q=${reference}`, { cookie })).json()) as {
        items: CaseSummary[];
      };
      return items.length === 1;
    });
    const bad = await fetch(`${t.url}/report`, {
      method: 'POST',
      body: new URLSearchParams({ description: '', urls: 'javascript:alert(1)' }),
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('aria-invalid="true"');
    expect(badHtml).not.toContain('href="javascript:');
    expect(badHtml).toMatch(/>\njavascript:alert\(1\)<\/textarea>/);
  });

  it('a honeypot submission is answered like a success and stores nothing', async () => {
    const before = await rowCount();
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'buy pills', website: 'http://spam.example' },
    });
    expect(res.status).toBe(202);
    expect(await rowCount()).toEqual(before);
  });

  it('refuses counselor endpoints and sockets without a session', async () => {
    for (const [method, path] of [
      ['GET', '/api/cases'],
      ['GET', '/api/me'],
      ['GET', '/api/cases/00000000-0000-4000-8000-000000000000'],
      ['GET', '/api/admin/dead-letters'],
    ] as const) {
      const res = await t.api(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const patch = await t.api('/api/cases/00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      json: { status: 'open' },
    });
    expect(patch.status).toBe(401);
    const forged = await t.api('/api/cases', { cookie: 'kontakt_sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.status).toBe(401);
    const err = await new Promise<Error>((resolve) => {
      const s = io(t.url, { transports: ['websocket'], reconnection: false });
      s.on('connect', () => resolve(new Error('connected without a session')));
      s.on('connect_error', (e) => {
        s.close();
        resolve(e);
      });
    });
    expect(err.message).toBe('unauthenticated');
  });

  it('refuses cookie-authenticated writes that are not JSON (CSRF guard)', async () => {
    const res = await t.api('/api/auth/logout', {
      method: 'POST',
      cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.status).toBe(415);
    expect((await t.api('/api/me', { cookie })).status).toBe(200);
  });

  it('lets a counselor classify, note and reply; every change reaches other sockets after commit', async () => {
    const socket = await t.socket(cookie);
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Treba mi savet', anonymous: false, email: 'mama@example.rs', consent: true },
    });
    const { reference } = (await res.json()) as { reference: string };
    const { case: c } = await nextEvent<{ case: CaseSummary }>(
      socket,
      'case:created',
      (e) => e.case.reference === reference,
    );

    const me = (await (await t.api('/api/me', { cookie })).json()) as { user: { id: string } };
    const updated = nextEvent<{ case: CaseSummary; changed: string[] }>(
      socket,
      'case:updated',
      (e) => e.case.id === c.id,
    );
    const patch = await t.api(`/api/cases/${c.id}`, {
      method: 'PATCH',
      cookie,
      json: { category: 'advice', priority: 'high', assigneeId: me.user.id },
    });
    expect(patch.status).toBe(200);
    const ev = await updated;
    expect(ev.changed.sort()).toEqual(['assigneeId', 'category', 'priority']);
    expect(ev.case).toMatchObject({
      category: 'advice',
      priority: 'high',
      assigneeId: me.user.id,
      assigneeName: 'Administrator',
    });

    const bad = await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie, json: { status: 'sleeping' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('status');

    const note = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:created',
      (e) => e.caseId === c.id && e.message.direction === 'note',
    );
    expect(
      (
        await t.api(`/api/cases/${c.id}/messages`, {
          method: 'POST',
          cookie,
          json: { kind: 'note', text: 'Interna beleška' },
        })
      ).status,
    ).toBe(201);
    expect((await note).message).toMatchObject({
      text: 'Interna beleška',
      authorName: 'Administrator',
      deliveryStatus: null,
    });

    // No e-mail connector yet: the reply waits as pending, saying why.
    const pending = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.caseId === c.id,
    );
    const reply = await t.api(`/api/cases/${c.id}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Poštovani, …' },
    });
    expect(reply.status).toBe(201);
    expect(((await reply.json()) as MessageView).deliveryStatus).toBe('pending');
    expect((await pending).message).toMatchObject({
      deliveryStatus: 'pending',
      deliveryError: 'no_channel_for_contact',
    });

    const listMine = (await (await t.api('/api/cases?assignee=me&status=open', { cookie })).json()) as {
      items: CaseSummary[];
    };
    expect(listMine.items.map((i) => i.id)).toContain(c.id);

    const [stored] = await t.k.store.db.select({ n: count() }).from(messages).where(eq(messages.caseId, c.id));
    expect(stored?.n).toBe(3);
    socket.disconnect();
  });

  it('will not close a case without a category', async () => {
    const res = await t.api('/api/reports', { method: 'POST', json: { description: 'bez kategorije' } });
    const { reference } = (await res.json()) as { reference: string };
    const c = await eventually(async () => {
      const { items } = (await (await t.api(`/api/cases?q=${reference}`, { cookie })).json()) as {
        items: CaseSummary[];
      };
      return items[0];
    });
    const refused = await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie, json: { status: 'closed' } });
    expect(refused.status).toBe(400);
    const ok = await t.api(`/api/cases/${c.id}`, {
      method: 'PATCH',
      cookie,
      json: { status: 'closed', category: 'other' },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as CaseSummary).status).toBe('closed');
  });

  it('answers /healthz with ok alone, and admins with the state of the database and Redis', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect([res.status, await res.json()]).toEqual([200, { status: 'ok' }]);
    const detail = await t.api('/api/health', { cookie });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      status: 'ok',
      checks: { database: { ok: true }, redis: { ok: true } },
    });
    expect((await fetch(`${t.url}/api/health`)).status).toBe(401);
  });

  it('sends a strict Content-Security-Policy and no stack traces', async () => {
    const res = await fetch(`${t.url}/report`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    const bad = await t.api('/api/cases/not-a-uuid', { cookie });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('report rate limit', () => {
  let t: TestKontakt;
  beforeAll(async () => {
    t = await startTestKontakt('pglite', { REPORT_RATE_LIMIT: '2' });
  });
  afterAll(async () => t?.cleanup());

  it('answers 429 with a message in the reporter language once the limit is reached', async () => {
    const post = () => t.api('/api/reports?lang=en', { method: 'POST', json: { description: 'x' } });
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(202);
    const limited = await post();
    expect(limited.status).toBe(429);
    const body = (await limited.json()) as { error: string; message: string };
    expect(body.error).toBe('rate_limited');
    expect(body.message.length).toBeGreaterThan(10);
  });
});
