import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '../../src/domain/taxonomy.service.ts';
import { cases } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

describe.each(['postgres', 'pglite'] as const)('admin-editable case taxonomy (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;
  let supervisor: string;
  let counselor: string;
  let n = 0;

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    admin = await t.login();
    supervisor = (await addUser(t, 'supervisor', 'supervizor@test.kontakt')).cookie;
    counselor = (await addUser(t, 'counselor', 'savetnik@test.kontakt')).cookie;
    // PGlite applies every migration at start: slow on a busy machine.
  }, 240_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  const newCase = async (category: string | null = null) => {
    const now = new Date();
    const [c] = await t.k.store.db
      .insert(cases)
      .values({
        reference: `KC-2024-${String(++n).padStart(6, '0')}`,
        kind: 'report',
        status: 'open',
        priority: 'normal',
        category,
        channel: 'web_form',
        anonymous: true,
        consent: false,
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      })
      .returning({ id: cases.id });
    if (!c) throw new Error('seed failed');
    return c.id;
  };
  const list = async (cookie = counselor) => {
    const res = await t.api('/api/categories', { cookie });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Category[] }).items;
  };
  const patchCase = (id: string, json: unknown, cookie = counselor) =>
    t.api(`/api/cases/${id}`, { method: 'PATCH', cookie, json });
  const patchCategory = (code: string, json: unknown, cookie = admin) =>
    t.api(`/api/categories/${code}`, { method: 'PATCH', cookie, json });
  const fieldsOf = async (res: Response) => ((await res.json()) as { fields: { field: string }[] }).fields;

  it('starts with the default categories, labelled in Latin, Cyrillic and English, for everyone signed in', async () => {
    const items = await list();
    expect(items.map((c) => c.code)).toEqual([
      'illegal_content',
      'integrity',
      'rights',
      'health',
      'wellbeing',
      'addiction',
      'advice',
      'other',
    ]);
    expect(items.find((c) => c.code === 'health')).toMatchObject({
      labels: { 'sr-Latn': 'Zdravlje', 'sr-Cyrl': 'Здравље', en: 'Health' },
      retired: false,
    });
    expect(items.find((c) => c.code === 'advice')?.labels['sr-Cyrl']).toBe('Савет родитељима и наставницима');
    expect((await t.api('/api/categories')).status).toBe(401);
  });

  it('lets only admins add, rename and retire; bad input is a 400 naming the field', async () => {
    const gaming = { code: 'gaming', labels: { 'sr-Latn': 'Igrice', en: 'Gaming' } };
    for (const cookie of [counselor, supervisor]) {
      expect((await t.api('/api/categories', { method: 'POST', cookie, json: gaming })).status).toBe(403);
      expect((await patchCategory('health', { retired: true }, cookie)).status).toBe(403);
    }
    expect((await t.api('/api/categories', { method: 'POST', json: gaming })).status).toBe(401);

    const badCode = await t.api('/api/categories', {
      method: 'POST',
      cookie: admin,
      json: { ...gaming, code: 'Igre!' },
    });
    expect(badCode.status).toBe(400);
    expect(await fieldsOf(badCode)).toEqual([expect.objectContaining({ field: 'code' })]);
    const noEnglish = await t.api('/api/categories', {
      method: 'POST',
      cookie: admin,
      json: { code: 'gaming', labels: { 'sr-Latn': 'Igrice', en: '  ' } },
    });
    expect(noEnglish.status).toBe(400);
    expect(await fieldsOf(noEnglish)).toEqual([expect.objectContaining({ field: 'labels.en' })]);
    const control = await patchCategory('health', { labels: { en: 'Health\u0000' } });
    expect(control.status).toBe(400);
    expect(await fieldsOf(control)).toEqual([expect.objectContaining({ field: 'labels.en' })]);
    const nothing = await patchCategory('health', {});
    expect(nothing.status).toBe(400);
    expect(await fieldsOf(nothing)).toEqual([expect.objectContaining({ field: 'labels' })]);
    expect((await patchCategory('no_such_code', { retired: true })).status).toBe(404);
    const notBoolean = await patchCategory('health', { retired: 'yes' });
    expect(await fieldsOf(notBoolean)).toEqual([expect.objectContaining({ field: 'retired' })]);

    const created = await t.api('/api/categories', { method: 'POST', cookie: admin, json: gaming });
    expect(created.status).toBe(201);
    // Cyrillic left out: transliterated from the Latin label.
    expect(await created.json()).toMatchObject({
      code: 'gaming',
      labels: { 'sr-Latn': 'Igrice', 'sr-Cyrl': 'Игрице', en: 'Gaming' },
      position: 8,
      retired: false,
    });
    const again = await t.api('/api/categories', { method: 'POST', cookie: admin, json: gaming });
    expect(again.status).toBe(400);
    expect(await fieldsOf(again)).toEqual([expect.objectContaining({ field: 'code' })]);
    expect((await list()).map((c) => c.code).at(-1)).toBe('gaming');
  });

  it('renames in one language, keeping the others and the code; the audit log keeps before and after', async () => {
    const res = await patchCategory('gaming', { labels: { en: 'Online games' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      code: 'gaming',
      labels: { 'sr-Latn': 'Igrice', 'sr-Cyrl': 'Игрице', en: 'Online games' },
    });
    // The same labels again change nothing and write nothing.
    expect((await patchCategory('gaming', { labels: { en: 'Online games' } })).status).toBe(200);
    const log = await (await t.api('/api/audit?entityType=category&entityId=gaming', { cookie: supervisor })).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['taxonomy.rename', 'taxonomy.add']);
    expect(log.items[0].details).toEqual({
      before: { 'sr-Latn': 'Igrice', 'sr-Cyrl': 'Игрице', en: 'Gaming' },
      after: { 'sr-Latn': 'Igrice', 'sr-Cyrl': 'Игрице', en: 'Online games' },
    });
  });

  it('a retired category stays on old cases and closes them, is refused for new classification, and can be restored', async () => {
    const old = await newCase();
    expect((await patchCase(old, { category: 'gaming' })).status).toBe(200);
    const fresh = await newCase();

    const retired = await patchCategory('gaming', { retired: true });
    expect(await retired.json()).toMatchObject({ code: 'gaming', retired: true, retiredAt: expect.any(String) });
    expect((await list()).find((c) => c.code === 'gaming')).toMatchObject({ retired: true });

    const refused = await patchCase(fresh, { category: 'gaming' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fields: [{ field: 'category', message: 'retired category' }] });
    // The old case keeps it, can be saved with it and closed with it.
    expect((await patchCase(old, { category: 'gaming', priority: 'low' })).status).toBe(200);
    const closed = await patchCase(old, { status: 'closed' });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ status: 'closed', category: 'gaming' });
    // Statistics still count it under its code.
    const stats = await (await t.api('/api/stats', { cookie: supervisor })).json();
    expect(stats.byCategory).toContainEqual({ key: 'gaming', cases: 1 });

    // A call logged by hand is classified from the same taxonomy.
    const logCall = (category: string) =>
      t.api('/api/calls/manual', {
        method: 'POST',
        cookie: counselor,
        json: { anonymous: true, durationSec: 30, category },
      });
    const retiredCall = await logCall('gaming');
    expect(retiredCall.status).toBe(400);
    expect(await retiredCall.json()).toMatchObject({ fields: [{ field: 'category', message: 'retired category' }] });
    expect(await (await logCall('made_up')).json()).toMatchObject({
      fields: [{ field: 'category', message: 'unknown category' }],
    });

    expect((await patchCategory('gaming', { retired: false })).status).toBe(200);
    expect((await patchCase(fresh, { category: 'gaming' })).status).toBe(200);
    expect((await logCall('gaming')).status).toBe(202);
    const log = await (await t.api('/api/audit?entityType=category&entityId=gaming', { cookie: admin })).json();
    expect(log.items.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
      'taxonomy.restore',
      'taxonomy.retire',
    ]);
  });

  it('never closes a case without a category, nor with an unknown one', async () => {
    const id = await newCase();
    const bare = await patchCase(id, { status: 'closed' });
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({
      fields: [{ field: 'category', message: 'a case cannot be closed without a category' }],
    });
    const unknown = await patchCase(id, { status: 'closed', category: 'made_up' });
    expect(await unknown.json()).toMatchObject({ fields: [{ field: 'category', message: 'unknown category' }] });
    // A code that was never in the taxonomy (data from before it) cannot close a case either.
    const legacy = await newCase('legacy_code');
    const legacyClose = await patchCase(legacy, { status: 'closed' });
    expect(await legacyClose.json()).toMatchObject({ fields: [{ field: 'category', message: 'unknown category' }] });
    expect((await patchCase(id, { status: 'closed', category: 'health' })).status).toBe(200);
  });

  it('keeps the admins’ edits across a restart (the defaults are seeded once, never re-applied)', async () => {
    expect((await patchCategory('other', { retired: true, labels: { en: 'Anything else' } })).status).toBe(200);
    t = await t.restart();
    admin = await t.login();
    counselor = await t.login('savetnik@test.kontakt', 'a long enough password');
    const other = (await list()).find((c) => c.code === 'other');
    expect(other).toMatchObject({ retired: true, labels: { en: 'Anything else', 'sr-Latn': 'Drugo' } });
    expect((await list()).map((c) => c.code)).toContain('gaming');
  }, 240_000);
});
