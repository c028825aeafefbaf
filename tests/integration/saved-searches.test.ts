import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/store/schema/index.ts';
import { addSignedInUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

type Saved = { id: string; name: string; query: Record<string, unknown>; createdAt: string; updatedAt: string };

describe.each(['pglite', 'postgres'] as const)('saved searches on %s', (engine) => {
  let t: TestKontakt;
  let me: { id: string; cookie: string };
  let other: { id: string; cookie: string };

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    const admin = await t.login();
    me = await addSignedInUser(t, admin, 'ja@test.kontakt', 'counselor');
    other = await addSignedInUser(t, admin, 'druga@test.kontakt', 'counselor');
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  const audited = async (action: string, entityId: string) =>
    t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

  it('are saved, listed, renamed and removed by their owner only, each change audited', async () => {
    const query = {
      q: 'ubicu "ne smem"',
      channel: ['instagram'],
      status: ['open', 'new'],
      from: '2026-01-01',
      sort: 'newest',
    };
    const made = await t.api('/api/saved-searches', {
      method: 'POST',
      cookie: me.cookie,
      json: { name: ' Pretnje ', query },
    });
    expect(made.status).toBe(201);
    const saved = (await made.json()) as Saved;
    expect(saved).toMatchObject({ name: 'Pretnje', query });
    expect(await audited('saved_search.create', saved.id)).toHaveLength(1);

    const mine = (await (await t.api('/api/saved-searches', { cookie: me.cookie })).json()) as { items: Saved[] };
    expect(mine.items.map((s) => s.id)).toEqual([saved.id]);
    const theirs = (await (await t.api('/api/saved-searches', { cookie: other.cookie })).json()) as { items: Saved[] };
    expect(theirs.items).toEqual([]);

    // Another counselor's saved search is not found, whatever they try.
    const path = `/api/saved-searches/${saved.id}`;
    expect((await t.api(path, { method: 'PATCH', cookie: other.cookie, json: { name: 'x' } })).status).toBe(404);
    expect((await t.api(path, { method: 'DELETE', cookie: other.cookie, json: {} })).status).toBe(404);

    const renamed = await t.api(path, {
      method: 'PATCH',
      cookie: me.cookie,
      json: { name: 'Претње', query: { q: 'убићу' } },
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()) as Saved).toMatchObject({ name: 'Претње', query: { q: 'убићу' } });
    expect(await audited('saved_search.update', saved.id)).toHaveLength(1);

    expect((await t.api(path, { method: 'DELETE', cookie: me.cookie, json: {} })).status).toBe(204);
    expect(await audited('saved_search.delete', saved.id)).toHaveLength(1);
    expect((await t.api(path, { method: 'DELETE', cookie: me.cookie, json: {} })).status).toBe(404);
  });

  it('refuses a bad name or query, naming the field', async () => {
    const post = async (json: unknown) => {
      const res = await t.api('/api/saved-searches', { method: 'POST', cookie: me.cookie, json });
      expect(res.status).toBe(400);
      return ((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await post({ name: '', query: {} })).toEqual(['name']);
    expect(await post({ name: 'x', query: { status: ['bogus'] } })).toEqual(['query.status.0']);
    expect(await post({ name: 'x', query: { what: 1 } })).toEqual(['query']);
    expect(await post({ name: 'x', query: { from: 'yesterday' } })).toEqual(['query.from']);
    const patched = await t.api('/api/saved-searches/00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      cookie: me.cookie,
      json: {},
    });
    expect(patched.status).toBe(400);
  });
});
