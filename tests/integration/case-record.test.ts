import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/inbox/contract.ts';
import { auditLog, cases } from '../../src/store/schema/index.ts';
import { mail } from '../fixtures/email/mime.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { addUser, GLOBAL_TOKEN, newCall, postCall } from '../fixtures/phone/phone-test-kit.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { mailboxEnv } from '../helpers/mail-env.ts';

const BOX = 'opis@test.rs';

/** Every case described alike (issue 22): the form pre-fills, every channel takes the same PATCH. */
describe('the case description on every channel', () => {
  let dovecot: Dovecot;
  let graph: GraphStandIn;
  let t: TestKontakt;
  let admin: string;
  let counselor: { id: string; cookie: string };
  let socket: Socket;
  const byChannel: Record<string, string> = {};

  const caseOf = (where: ReturnType<typeof eq>) =>
    eventually(async () => (await t.k.store.db.select().from(cases).where(where))[0]);
  const detail = async (id: string) =>
    (await (await t.api(`/api/cases/${id}`, { cookie: counselor.cookie })).json()) as CaseDetail;
  const patch = (id: string, json: unknown, cookie = counselor.cookie) =>
    t.api(`/api/cases/${id}`, { method: 'PATCH', cookie, json });

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt('pglite', {
      ...mailboxEnv(dovecot, BOX),
      ...P.metaEnv(graph.url),
      CALLS_API_TOKEN: GLOBAL_TOKEN,
    });
    admin = await t.login();
    counselor = await addUser(t, 'counselor', 'opis@test.kontakt');
    socket = await t.socket(counselor.cookie);

    const form = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Neko uznemirava moju ćerku.', reporterRole: 'parent', ageGroup: '13_15' },
    });
    expect(form.status).toBe(202);
    const { reference } = (await form.json()) as { reference: string };
    byChannel.web_form = (await caseOf(eq(cases.reference, reference))).id;

    await dovecot.append(
      BOX,
      mail({ from: 'nastavnica@example.rs', subject: 'Učenik', messageId: '<opis-1@example.rs>' }),
    );
    byChannel.email = (await caseOf(eq(cases.channel, 'email'))).id;

    expect(
      (await P.postWebhook(t.url, P.webhook('page', P.pageEntry(P.textMessage('7100001', 'm_opis_1', 'Pomoć')))))
        .status,
    ).toBe(200);
    byChannel.facebook = (await caseOf(eq(cases.channel, 'facebook'))).id;

    const call = await postCall(t, newCall({ from: '064 120 0099', state: 'answered' }));
    expect(call.status).toBeLessThan(300);
    byChannel.phone = (await caseOf(eq(cases.channel, 'phone'))).id;
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    await graph?.close();
    await dovecot?.stop();
  });

  it('the web form pre-fills who reported and the age group, in the record’s words', async () => {
    const d = await detail(byChannel.web_form as string);
    expect(d.description).toEqual({
      reporterRole: 'parent_guardian',
      ageGroup: '13_15',
      gender: null,
      place: null,
      subcategory: null,
      interventions: [],
    });
    expect(d.missingForClose).toEqual([]);
  });

  const FULL = {
    reporterRole: 'teacher_school_staff',
    ageGroup: '9_12',
    gender: 'girl',
    place: { district: 'beograd', municipality: 'novi_beograd' },
    subcategory: 'cyberbullying',
    // Given twice and out of order: stored once each, in the list's order.
    interventions: ['report_platform', 'advice', 'advice'],
  };

  for (const channel of ['web_form', 'email', 'facebook', 'phone']) {
    it(`a ${channel} case takes every field by PATCH, audited, and live to the inbox`, async () => {
      const id = byChannel[channel] as string;
      const live = nextEvent<{ caseId: string; description: CaseDetail['description'] }>(
        socket,
        'case:described',
        (e) => e.caseId === id,
      );
      const res = await patch(id, FULL);
      expect(res.status).toBe(200);
      // A sub-category given to a case without a category brings its category.
      expect((await res.json()).category).toBe('integrity');
      const expected = { ...FULL, interventions: ['advice', 'report_platform'] };
      expect((await live).description).toEqual(expected);
      expect((await detail(id)).description).toEqual(expected);
      const [entry] = await t.k.store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.update'), eq(auditLog.entityId, id)));
      expect(entry?.details).toMatchObject({ gender: 'girl', place: FULL.place, subcategory: 'cyberbullying' });
    });
  }

  it('refuses what is not on the lists, naming the field', async () => {
    const id = byChannel.email as string;
    const fields = async (json: unknown) => {
      const res = await patch(id, json);
      expect(res.status).toBe(400);
      return ((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await fields({ gender: 'woman' })).toEqual(['gender']);
    expect(await fields({ reporterRole: 'parent' })).toEqual(['reporterRole']);
    expect(await fields({ interventions: ['hug'] })).toEqual(['interventions.0']);
    expect(await fields({ place: { district: 'atlantis', municipality: null } })).toEqual(['place']);
    // Subotica lies in the North Bačka district, not in Belgrade.
    expect(await fields({ place: { district: 'beograd', municipality: 'subotica' } })).toEqual(['place']);
    expect(await fields({ subcategory: 'no_such_thing' })).toEqual(['subcategory']);
    // Gaming sits under internet addiction, not under the case's category (integrity).
    expect(await fields({ subcategory: 'gaming' })).toEqual(['subcategory']);
  });

  it('a new category drops a sub-category of another one', async () => {
    const id = byChannel.phone as string;
    expect((await patch(id, { category: 'advice' })).status).toBe(200);
    expect((await detail(id)).description.subcategory).toBeNull();
  });

  it('closing needs the fields admins require; the case says which are missing', async () => {
    const id = byChannel.web_form as string;
    expect((await patch(id, { category: 'integrity' })).status).toBe(200);
    const setting = await t.api('/api/record/settings', {
      method: 'PUT',
      cookie: admin,
      json: { requiredForClose: ['interventions', 'gender', 'place'] },
    });
    expect(await setting.json()).toEqual({ requiredForClose: ['gender', 'place', 'interventions'] });
    expect(
      (await t.api('/api/record/settings', { method: 'PUT', cookie: counselor.cookie, json: { requiredForClose: [] } }))
        .status,
    ).toBe(403);

    expect((await patch(id, { gender: null, place: null, interventions: [] })).status).toBe(200);
    expect((await detail(id)).missingForClose).toEqual(['gender', 'place', 'interventions']);
    const refused = await patch(id, { status: 'closed' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { fields: { field: string; message: string }[] }).fields).toEqual([
      { field: 'gender', message: 'required before the case is closed' },
      { field: 'place', message: 'required before the case is closed' },
      { field: 'interventions', message: 'required before the case is closed' },
    ]);
    expect((await detail(id)).status).not.toBe('closed');

    // Given in the same request as the closing, they count.
    const closed = await patch(id, {
      status: 'closed',
      gender: 'boy',
      place: { district: 'nisavski', municipality: null },
      interventions: ['emotional_support'],
    });
    expect(closed.status).toBe(200);
    expect((await closed.json()).status).toBe('closed');
    expect((await detail(id)).missingForClose).toEqual([]);
    const [entry] = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'record.required_for_close'), eq(auditLog.entityType, 'record_settings')));
    expect(entry?.details).toMatchObject({ after: ['gender', 'place', 'interventions'] });
  });

  it('admins keep the lists: a municipality and a sub-category added, retired ones refused on new cases', async () => {
    const added = await t.api('/api/places/municipalities', {
      method: 'POST',
      cookie: admin,
      json: { code: 'nova_opstina', district: 'sremski', names: { 'sr-Latn': 'Nova Opština' } },
    });
    expect(added.status).toBe(201);
    const places = (await (await t.api('/api/places', { cookie: counselor.cookie })).json()) as {
      districts: {
        code: string;
        names: Record<string, string>;
        municipalities: { code: string; names: Record<string, string> }[];
      }[];
    };
    expect(places.districts).toHaveLength(30);
    const srem = places.districts.find((d) => d.code === 'sremski');
    expect(srem?.names).toEqual({ 'sr-Latn': 'Sremski okrug', 'sr-Cyrl': 'Сремски округ', en: 'Srem District' });
    expect(srem?.municipalities.find((m) => m.code === 'nova_opstina')?.names).toEqual({
      'sr-Latn': 'Nova Opština',
      'sr-Cyrl': 'Нова Општина',
      en: 'Nova Opština',
    });
    expect(
      (await t.api('/api/places/municipalities', { method: 'POST', cookie: counselor.cookie, json: {} })).status,
    ).toBe(403);

    const sub = await t.api('/api/subcategories', {
      method: 'POST',
      cookie: admin,
      json: { code: 'deepfakes', category: 'integrity', labels: { 'sr-Latn': 'Lažni snimci', en: 'Deepfakes' } },
    });
    expect(sub.status).toBe(201);
    expect((await sub.json()).labels['sr-Cyrl']).toBe('Лажни снимци');
    expect(
      (await t.api('/api/subcategories/deepfakes', { method: 'PATCH', cookie: admin, json: { retired: true } })).status,
    ).toBe(200);
    const res = await patch(byChannel.facebook as string, { subcategory: 'deepfakes' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: { field: string; message: string }[] }).fields).toEqual([
      { field: 'subcategory', message: 'retired sub-category' },
    ]);
    const audit = await t.k.store.db.select().from(auditLog).where(eq(auditLog.action, 'subcategory.update'));
    expect(audit).toHaveLength(1);
  });
});
