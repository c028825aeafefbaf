import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UrlItemDetail, UrlItemView } from '../../src/domain/url-items.ts';
import { attachments, auditLog, knownHashMatches, messages, urlReports } from '../../src/store/schema/index.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { addSignedInUser, eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

type Page = { items: UrlItemView[]; nextCursor: string | null };

describe('reported URLs: from every channel to takedown (postgres)', () => {
  let graph: GraphStandIn;
  let t: TestKontakt;
  let lead: { id: string; cookie: string };
  let counselor: { id: string; cookie: string };
  let leadSocket: Socket;
  let counselorSocket: Socket;

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt('postgres', {
      ...P.metaEnv(graph.url),
      REPORT_RATE_LIMIT: '1000',
      URL_REMINDER_DAYS: '3',
      URL_IGNORE_HOSTS: 'kontakt.centar.example',
    });
    const admin = await t.login();
    lead = await addSignedInUser(t, admin, 'analiticarka@test.kontakt', 'supervisor');
    counselor = await addSignedInUser(t, admin, 'savetnik@test.kontakt', 'counselor');
    leadSocket = await t.socket(lead.cookie);
    counselorSocket = await t.socket(counselor.cookie);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    await graph?.close();
  });

  const get = async <T>(path: string, cookie = lead.cookie) => {
    const res = await t.api(path, { cookie });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const find = async (q: string, cookie = lead.cookie) =>
    (await get<Page>(`/api/urls?q=${encodeURIComponent(q)}`, cookie)).items;
  const report = async (json: Record<string, unknown>) => {
    const res = await t.api('/api/reports', { method: 'POST', json: { kind: 'report', language: 'sr-Latn', ...json } });
    expect(res.status).toBe(202);
    return (await res.json()) as { reference: string; receipt: string };
  };
  const patch = (id: string, json: unknown, cookie = lead.cookie) =>
    t.api(`/api/urls/${id}`, { method: 'PATCH', cookie, json });
  const act = (id: string, json: unknown, cookie = lead.cookie) =>
    t.api(`/api/urls/${id}/actions`, { method: 'POST', cookie, json });
  const audits = (action: string, entityId: string) =>
    t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

  it('the same link in five forms, from the form, Messenger and a logged call, is one item with five reports', async () => {
    const created = nextEvent<{ url: UrlItemView }>(counselorSocket, 'url:created', (e) =>
      e.url.url.includes('@zlostavljac'),
    );
    await report({
      description: 'Dete dobija poruke. Drugi profil: example[.]org/drugi',
      urls: ['https://www.TikTok.com/@zlostavljac?utm_source=ig&lang=sr#video'],
    });
    expect((await created).url).toMatchObject({ platform: 'tiktok', platformName: 'TikTok', status: 'new' });
    await report({ description: 'Opet on: hxxps://tiktok[.]com/@zlostavljac?lang=sr&fbclid=IwAR0abc' });
    await report({ description: 'Профил tiktok.com/@zlostavljac?lang=sr, молим вас.' });
    const meta = await P.postWebhook(
      t.url,
      P.webhook(
        'page',
        P.pageEntry(
          P.textMessage('7100000000000001', 'm_url_1', 'https://tiktok.com:443/@zlostavljac?lang=sr&_t=8abc'),
        ),
      ),
    );
    expect(meta.status).toBe(200);
    const call = await t.api('/api/calls/manual', {
      method: 'POST',
      cookie: counselor.cookie,
      json: {
        number: '064 120 0777',
        durationSec: 300,
        category: 'integrity',
        notes: 'Pominje tiktok dot com/@zlostavljac?lang=sr&igshid=xyz',
      },
    });
    expect(call.status).toBe(202);

    const [item] = await eventually(async () => {
      const items = await find('zlostavljac');
      return items.length === 1 && items[0]?.reportCount === 5 ? items : null;
    });
    if (!item) throw new Error('no item');
    expect(item.url).toMatch(/^https:\/\/(www\.)?tiktok\.com\/@zlostavljac\?lang=sr$/);
    const detail = await get<UrlItemDetail>(`/api/urls/${item.id}`);
    expect(detail.reports.map((r) => r.channel).sort()).toEqual([
      'facebook',
      'phone',
      'web_form',
      'web_form',
      'web_form',
    ]);
    expect(new Set(detail.reports.map((r) => r.caseId)).size).toBe(5);
    expect(detail.platformInfo).toMatchObject({ code: 'tiktok', abuseUrl: expect.stringMatching(/^https:\/\//) });
    expect(detail.firstReportedAt).toBe(detail.reports[0]?.reportedAt);
    expect(detail.lastReportedAt).toBe(detail.reports[4]?.reportedAt);
    expect(await find('example.org/drugi')).toEqual([
      expect.objectContaining({ url: 'https://example.org/drugi', platform: 'other', reportCount: 1 }),
    ]);
    // Reading an item is on record.
    expect(await audits('url.view', item.id)).toHaveLength(1);
  });

  it('finds items by a host written in Cyrillic, by platform, by case; pages by cursor', async () => {
    const { reference } = await report({ description: 'Сајт https://пример.срб/галерија и https://пример.срб/друго' });
    const items = await eventually(async () => {
      const found = await find('пример.срб');
      return found.length === 2 ? found : null;
    });
    expect(items.map((i) => i.hostUnicode)).toEqual(['пример.срб', 'пример.срб']);
    const caseId = (await get<{ id: string }>(`/api/cases/by-reference/${reference}`)).id;
    expect((await get<Page>(`/api/urls?case=${caseId}`)).items).toHaveLength(2);
    const first = await get<Page>('/api/urls?limit=1&platform=other');
    expect(first.nextCursor).not.toBeNull();
    const second = await get<Page>(`/api/urls?limit=1&platform=other&cursor=${first.nextCursor}`);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect((await get<Page>('/api/urls?platform=tiktok')).items.every((i) => i.platform === 'tiktok')).toBe(true);
  });

  it('an analyst assesses, reports to the platform and confirms the takedown; the time to takedown is in the figures', async () => {
    const [item] = await find('zlostavljac');
    if (!item) throw new Error('no item');
    const assessed = await patch(item.id, { assessment: 'harmful_not_illegal', hostingCountry: 'us' });
    expect(assessed.status).toBe(200);
    expect(await assessed.json()).toMatchObject({
      assessment: 'harmful_not_illegal',
      hostingCountry: 'US',
      status: 'assessed',
    });
    const [entry] = await audits('url.assess', item.id);
    expect(entry).toMatchObject({
      actorId: lead.id,
      details: { before: { assessment: null }, after: { assessment: 'harmful_not_illegal' } },
    });

    const reported = await act(item.id, {
      kind: 'reported_to_platform',
      note: 'Prijavljeno kroz formular, tiket 4411',
    });
    expect(reported.status).toBe(201);
    expect(await reported.json()).toMatchObject({ status: 'in_progress', actions: [{ kind: 'reported_to_platform' }] });
    const update = nextEvent<{ url: UrlItemView }>(
      counselorSocket,
      'url:updated',
      (e) => e.url.id === item.id && e.url.status === 'removed',
    );
    const removed = await act(item.id, { kind: 'takedown_confirmed' });
    const done = (await removed.json()) as UrlItemDetail;
    expect(done).toMatchObject({ status: 'removed', overdue: false, reminderDueAt: null });
    expect((await update).url.removedAt).toBe(done.removedAt);
    expect(await audits('url.action', item.id)).toHaveLength(2);

    const stats = await get<{ byPlatform: { key: string; removed: number; medianMinutesToTakedown: number }[] }>(
      '/api/urls/stats',
    );
    const minutes = Math.round((Date.parse(done.removedAt ?? '') - Date.parse(done.firstReportedAt)) / 60_000);
    expect(stats.byPlatform.find((p) => p.key === 'tiktok')).toMatchObject({
      removed: 1,
      medianMinutesToTakedown: minutes,
    });

    // Still online on a later check: open again.
    const again = await act(item.id, { kind: 'still_online' });
    expect(await again.json()).toMatchObject({ status: 'in_progress', removedAt: null });
  });

  it('refuses bad input with the field named', async () => {
    const [item] = await find('example.org/drugi');
    if (!item) throw new Error('no item');
    const cases: [Promise<Response>, string][] = [
      [patch(item.id, { assessment: 'illegal' }), 'assessment'],
      [patch(item.id, { hostingCountry: 'Srbija' }), 'hostingCountry'],
      [patch(item.id, { platform: 'myspace' }), 'platform'],
      [patch(item.id, { status: 'removed' }), 'body'],
      [patch(item.id, {}), 'body'],
      [act(item.id, { kind: 'deleted' }), 'kind'],
      [act(item.id, { kind: 'still_online', at: new Date(Date.now() + 3_600_000).toISOString() }), 'at'],
      [act(item.id, { kind: 'still_online', at: '2001-01-01T00:00:00Z' }), 'at'],
      [t.api('/api/urls?status=gone', { cookie: lead.cookie }), 'status'],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expect(res.status, field).toBe(400);
      const body = (await res.json()) as { fields: { field: string }[] };
      expect(
        body.fields.some((f) => f.field === field || f.field.startsWith(`${field}.`)),
        field,
      ).toBe(true);
    }
    expect((await t.api(`/api/urls/${crypto.randomUUID()}`, { cookie: lead.cookie })).status).toBe(404);
  });

  it('abuse material is for supervisors and admins: an item assessed csam disappears for counselors, live too', async () => {
    await report({ description: 'Užasno: https://slike.example.net/album/77' });
    const [item] = await eventually(async () => {
      const found = await find('slike.example.net', counselor.cookie);
      return found.length === 1 ? found : null;
    });
    if (!item) throw new Error('no item');
    const counselorUpdates: UrlItemView[] = [];
    counselorSocket.on('url:updated', (e: { url: UrlItemView }) => counselorUpdates.push(e.url));
    const hidden = nextEvent<{ id: string }>(counselorSocket, 'url:hidden', (e) => e.id === item.id);
    const leadSees = nextEvent<{ url: UrlItemView }>(leadSocket, 'url:updated', (e) => e.url.id === item.id);
    expect((await patch(item.id, { assessment: 'csam' }, counselor.cookie)).status).toBe(200);
    await hidden;
    expect((await leadSees).url).toMatchObject({ restricted: true, assessment: 'csam' });
    expect(counselorUpdates.filter((u) => u.id === item.id)).toEqual([]);

    expect(await find('slike.example.net', counselor.cookie)).toEqual([]);
    expect((await t.api(`/api/urls/${item.id}`, { cookie: counselor.cookie })).status).toBe(404);
    expect((await patch(item.id, { assessment: null }, counselor.cookie)).status).toBe(404);
    expect((await act(item.id, { kind: 'reported_to_platform' }, counselor.cookie)).status).toBe(404);
    expect(await audits('url.view_refused', item.id)).toHaveLength(3);
    expect(await find('slike.example.net')).toHaveLength(1);
    // Not counted either: a counselor's unfiltered list never holds it.
    const all = await get<Page>('/api/urls?limit=200', counselor.cookie);
    expect(all.items.some((i) => i.id === item.id)).toBe(false);
  });

  it('a known-hash match on a reporting case restricts its items and is shown on them', async () => {
    await report({ description: 'Link: https://deljenje.example.com/f/abc' });
    const [item] = await eventually(async () => {
      const found = await find('deljenje.example.com', counselor.cookie);
      return found.length === 1 ? found : null;
    });
    if (!item) throw new Error('no item');
    expect(item).toMatchObject({ knownHashMatch: false, restricted: false });
    const [rep] = await t.k.store.db
      .select({ messageId: urlReports.messageId, caseId: messages.caseId })
      .from(urlReports)
      .innerJoin(messages, eq(messages.id, urlReports.messageId))
      .where(eq(urlReports.urlId, item.id));
    if (!rep) throw new Error('no report');
    const now = new Date();
    const sha = 'ab'.repeat(32);
    const [file] = await t.k.store.db
      .insert(attachments)
      .values({
        messageId: rep.messageId,
        fileName: 'x.jpg',
        contentType: 'image/jpeg',
        size: 1,
        sha256: sha,
        createdAt: now,
      })
      .returning({ id: attachments.id });
    await t.k.store.db.insert(knownHashMatches).values({
      attachmentId: file?.id ?? '',
      caseId: rep.caseId,
      sha256: sha,
      listEntry: 'hashes.txt:1',
      matchedAt: now,
    });
    expect(await find('deljenje.example.com', counselor.cookie)).toEqual([]);
    expect(await find('deljenje.example.com')).toEqual([
      expect.objectContaining({ knownHashMatch: true, restricted: true }),
    ]);
  });

  it('a report from a restricted case restricts an item counselors had: their screens are told to drop it', async () => {
    await report({ description: 'Prvi put: https://prelaz.example.com/x' });
    const [item] = await eventually(async () => {
      const found = await find('prelaz.example.com', counselor.cookie);
      return found.length === 1 ? found : null;
    });
    if (!item) throw new Error('no item');
    const other = await report({ description: 'Dete je dobilo slike, šaljem kasnije.' });
    // The form's case is applied by the worker a moment after the answer.
    const caseId = await eventually(async () => {
      const res = await t.api(`/api/cases/by-reference/${other.reference}`, { cookie: lead.cookie });
      return res.status === 200 ? ((await res.json()) as { id: string }).id : null;
    });
    const tagged = await t.api(`/api/cases/${caseId}/tags`, {
      method: 'PUT',
      cookie: lead.cookie,
      json: { tags: ['abuse material'] },
    });
    expect(tagged.status).toBe(200);
    const hidden = nextEvent<{ id: string }>(counselorSocket, 'url:hidden', (e) => e.id === item.id);
    const added = await t.api('/api/reports/status/add', {
      method: 'POST',
      json: { reference: other.reference, receipt: other.receipt, description: 'Evo: https://prelaz.example.com/x' },
    });
    expect(added.status).toBe(202);
    await hidden;
    expect(await find('prelaz.example.com', counselor.cookie)).toEqual([]);
    expect(await find('prelaz.example.com')).toEqual([expect.objectContaining({ reportCount: 2, restricted: true })]);
  });

  it('exports assessed items for partners without anything about who reported them', async () => {
    const secret = {
      email: 'roditelj.prijava@example.rs',
      phone: '064 555 0199',
      words: 'Moja ćerka Milica Jovanović',
    };
    const { reference } = await report({
      description: `${secret.words} dobija poruke sa https://nalog.example.com/u/99`,
      anonymous: false,
      consent: true,
      email: secret.email,
      phone: secret.phone,
    });
    const [item] = await eventually(async () => {
      const found = await find('nalog.example.com');
      return found.length === 1 ? found : null;
    });
    if (!item) throw new Error('no item');
    await patch(item.id, { assessment: 'harmful_not_illegal', hostingCountry: 'DE' });
    await act(item.id, { kind: 'forwarded_police', note: `Interna beleška: ${secret.words}` });

    expect((await t.api('/api/urls/export?format=json', { cookie: counselor.cookie })).status).toBe(403);
    const json = await t.api('/api/urls/export?format=json', { cookie: lead.cookie });
    expect(json.status).toBe(200);
    const text = await json.text();
    const body = JSON.parse(text) as { items: Record<string, unknown>[] };
    expect(body.items.every((r) => r.assessment !== null)).toBe(true);
    const row = body.items.find((r) => r.url === 'https://nalog.example.com/u/99');
    expect(Object.keys(row ?? {}).sort()).toEqual(
      [
        'actions',
        'assessedAt',
        'assessment',
        'firstReportedAt',
        'host',
        'hostingCountry',
        'lastReportedAt',
        'platform',
        'removedAt',
        'reportCount',
        'status',
        'url',
      ].sort(),
    );
    expect(row?.actions).toEqual([{ kind: 'forwarded_police', at: expect.any(String) }]);
    const csv = await (
      await t.api('/api/urls/export?format=csv&assessment=harmful_not_illegal', { cookie: lead.cookie })
    ).text();
    expect(csv).toContain('https://nalog.example.com/u/99,nalog.example.com,other,DE,harmful_not_illegal,');
    for (const out of [text, csv]) {
      for (const s of [
        secret.email,
        secret.phone,
        '+381645550199',
        secret.words,
        'Milica',
        reference,
        'analiticarka',
        'Interna',
      ])
        expect(out, s).not.toContain(s);
    }
    const [entry] = await t.k.store.db.select().from(auditLog).where(eq(auditLog.action, 'url.export')).limit(1);
    expect(entry).toMatchObject({ actorId: lead.id, details: { format: 'json' } });
  });

  it('never takes the centre’s own links (URL_IGNORE_HOSTS; PUBLIC_URL’s host too) for reported ones', async () => {
    await report({
      description: 'Kako prijaviti? https://kontakt.centar.example/report/status i https://zlo.example.com/x',
    });
    await eventually(async () => (await find('zlo.example.com')).length === 1);
    expect(await find('kontakt.centar.example')).toEqual([]);
  });

  it('admins keep the platform list; an added platform takes the items on no platform that are on its hosts', async () => {
    const body = { code: 'deljenje', name: 'Deljenje', hosts: ['slike.example.net'], abuseEmail: 'abuse@example.net' };
    expect((await t.api('/api/url-platforms', { method: 'POST', cookie: lead.cookie, json: body })).status).toBe(403);
    const admin = await t.login();
    const added = await t.api('/api/url-platforms', { method: 'POST', cookie: admin, json: body });
    expect(added.status).toBe(201);
    expect((await t.api('/api/url-platforms', { method: 'POST', cookie: admin, json: body })).status).toBe(400);
    expect(await find('slike.example.net')).toEqual([
      expect.objectContaining({ platform: 'deljenje', platformName: 'Deljenje' }),
    ]);
    const retired = await t.api('/api/url-platforms/deljenje', {
      method: 'PATCH',
      cookie: admin,
      json: { retired: true },
    });
    expect(await retired.json()).toMatchObject({ retiredAt: expect.any(String) });
    const list = await get<{ items: { code: string }[] }>('/api/url-platforms', counselor.cookie);
    expect(list.items.map((p) => p.code)).toContain('telegram');
    expect(list.items.map((p) => p.code)).not.toContain('deljenje');
    const [entry] = await audits('url_platform.create', 'deljenje');
    expect(entry?.details).toMatchObject({ itemsMatched: 1 });
  });
});
