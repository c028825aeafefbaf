import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/domain/search.service.ts';
import { auditLog } from '../../src/store/schema/index.ts';
import { addSignedInUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { seedCase } from '../helpers/search-seed.ts';

type Page = { results: SearchResult[]; nextCursor: string | null };

describe.each(['pglite', 'postgres'] as const)('GET /api/search on %s', (engine) => {
  let t: TestKontakt;
  let counselor: { id: string; cookie: string };
  let supervisor: { id: string; cookie: string };

  const search = async (who: { cookie: string }, params: Record<string, string>): Promise<Page> => {
    const res = await t.api(`/api/search?${new URLSearchParams(params)}`, { cookie: who.cookie });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Page;
  };
  const refs = async (who: { cookie: string }, params: Record<string, string>) =>
    (await search(who, params)).results.map((r) => r.reference);

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    const admin = await t.login();
    counselor = await addSignedInUser(t, admin, 'savetnica@test.kontakt', 'counselor');
    supervisor = await addSignedInUser(t, admin, 'supervizor@test.kontakt', 'supervisor');
    const db = t.k.store.db;
    const day = (d: string) => new Date(`${d}T10:00:00Z`);
    await seedCase(db, {
      reference: 'KC-2026-000101',
      channel: 'email',
      priority: 'high',
      category: 'integrity',
      assigneeId: counselor.id,
      reporterRole: 'child',
      ageGroup: '13_15',
      createdAt: day('2026-03-01'),
      contact: {
        name: 'Ђорђе Јовановић',
        identities: [{ kind: 'email', value: 'djordje.jovanovic@gmail.com', displayName: 'Ђорђе' }],
      },
      messages: [{ text: 'Послао ми је поруку „убићу те” и сада се бојим.', subject: 'Претње' }],
      tags: ['škola'],
    });
    await seedCase(db, {
      reference: 'KC-2026-000102',
      channel: 'instagram',
      status: 'new',
      priority: 'urgent',
      category: 'integrity',
      createdAt: day('2026-03-05'),
      contact: {
        name: 'Marko Petrović',
        identities: [{ kind: 'instagram', value: '17841400000000001', displayName: 'marko_petrovic_07' }],
      },
      messages: [{ text: 'Neko me zlostavlja na Instagramu.' }, { text: 'Ne smem da kažem roditeljima.' }],
    });
    await seedCase(db, {
      reference: 'KC-2026-000103',
      channel: 'phone',
      status: 'waiting',
      createdAt: day('2026-02-10'),
      contact: { name: 'Ana', identities: [{ kind: 'phone', value: '+381641234567' }] },
      messages: [{ text: 'Poziv: dete kaže da je žrtva nasilja.' }],
      referredTo: 'ministry_interior',
    });
    await seedCase(db, {
      reference: 'KC-2026-000104',
      channel: 'web_form',
      status: 'closed',
      priority: 'low',
      category: 'rights',
      reporterRole: 'parent_guardian',
      ageGroup: '9_12',
      createdAt: day('2026-01-15'),
      messages: [
        {
          text: 'Prijavljujem lažni profil. Moj broj: 065/987-65-43',
          fields: { kind: 'report', urls: ['https://www.instagram.com/lazni_profil_99/'] },
          file: { name: 'snimak.png' },
        },
        { text: 'Razgovarano sa roditeljem; ne smem nikome da kažem.', direction: 'note' },
      ],
    });
    await seedCase(db, {
      reference: 'KC-2026-000105',
      channel: 'email',
      createdAt: day('2026-03-07'),
      contact: { name: 'Đorđe Nikolić' },
      messages: [{ text: 'Zlostavljanje, šaljem snimak.', file: { name: 'x.jpg', known: true } }],
    });
    await seedCase(db, {
      reference: 'KC-2026-000106',
      channel: 'facebook',
      createdAt: day('2026-03-08'),
      contact: { name: 'Njegoš Džaković' },
      messages: [{ text: 'Pišem zbog ljubavi, džep mi je prazan. Marko je rekao da pišem.' }],
    });
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('Latin finds Cyrillic and Cyrillic finds Latin, without diacritics, with the match highlighted', async () => {
    const page = await search(counselor, { q: 'ubicu' });
    expect(page.results.map((r) => r.reference)).toEqual(['KC-2026-000101']);
    const hit = page.results[0] as SearchResult;
    expect(hit.matchedIn).toBe('message');
    expect(hit.highlights.map((h) => hit.snippet.slice(h.start, h.end))).toEqual(['убићу']);
    expect(await refs(counselor, { q: 'убићу' })).toEqual(['KC-2026-000101']);
    for (const q of ['Djordje', 'Đorđe', 'ЂОРЂЕ', 'djordje jovanovic'])
      expect(await refs(supervisor, { q, sort: 'newest' }), q).toEqual(
        q.includes('jovanovic') ? ['KC-2026-000101'] : ['KC-2026-000105', 'KC-2026-000101'],
      );
    for (const q of ['Његош', 'dzakovic', 'ljubav', 'џеп', 'DŽEP'])
      expect(await refs(counselor, { q }), q).toEqual(['KC-2026-000106']);
  });

  it('a phone number in any written form, an address, a profile name, a link, a tag, a reference, a note, a subject', async () => {
    for (const q of ['064 123 4567', '+381 64 1234567', '0641234567', '00381641234567'])
      expect(await refs(counselor, { q }), q).toEqual(['KC-2026-000103']);
    expect(await refs(counselor, { q: '+381 65 9876543' })).toEqual(['KC-2026-000104']);
    const cases: [string, string, string][] = [
      ['djordje.jovanovic@gmail.com', 'KC-2026-000101', 'identity'],
      ['marko_petrovic_07', 'KC-2026-000102', 'identity'],
      ['https://instagram.com/lazni_profil_99', 'KC-2026-000104', 'urls'],
      ['škola', 'KC-2026-000101', 'tag'],
      ['KC-2026-000103', 'KC-2026-000103', 'reference'],
      ['razgovarano', 'KC-2026-000104', 'note'],
      ['pretnje', 'KC-2026-000101', 'subject'],
    ];
    for (const [q, reference, matchedIn] of cases) {
      const page = await search(counselor, { q });
      expect(
        page.results.map((r) => [r.reference, r.matchedIn]),
        q,
      ).toEqual([[reference, matchedIn]]);
    }
  });

  it('word beginnings, quoted phrases, and every word must match', async () => {
    expect(await refs(counselor, { q: 'zlostav' })).toEqual(['KC-2026-000102']);
    expect(await refs(counselor, { q: '"ne smem da kažem"' })).toEqual(['KC-2026-000102']);
    expect(await refs(counselor, { q: 'ne smem kažem' })).toEqual(['KC-2026-000102', 'KC-2026-000104']);
    expect(await refs(counselor, { q: 'marko zlostav' })).toEqual(['KC-2026-000102']);
    expect(await refs(counselor, { q: 'marko nasilje' })).toEqual([]);
  });

  it('relevance lists the cases whose own contact matches first; newest orders by last activity', async () => {
    expect(await refs(counselor, { q: 'marko' })).toEqual(['KC-2026-000102', 'KC-2026-000106']);
    expect(await refs(counselor, { q: 'marko', sort: 'newest' })).toEqual(['KC-2026-000106', 'KC-2026-000102']);
  });

  it('each filter narrows, alone and with text', async () => {
    const all = (extra: Record<string, string>) => refs(supervisor, { sort: 'newest', ...extra });
    expect(await all({ channel: 'phone' })).toEqual(['KC-2026-000103']);
    expect(await all({ channel: 'phone,web_form' })).toEqual(['KC-2026-000103', 'KC-2026-000104']);
    expect(await all({ status: 'closed' })).toEqual(['KC-2026-000104']);
    expect(await all({ priority: 'urgent' })).toEqual(['KC-2026-000102']);
    expect(await all({ category: 'integrity' })).toEqual(['KC-2026-000102', 'KC-2026-000101']);
    expect(await all({ tags: 'ŠKOLA' })).toEqual(['KC-2026-000101']);
    expect(await refs(counselor, { assignee: 'me' })).toEqual(['KC-2026-000101']);
    expect(await all({ assignee: counselor.id })).toEqual(['KC-2026-000101']);
    expect(await all({ assignee: 'none', channel: 'email' })).toEqual(['KC-2026-000105']);
    expect(await all({ reporterRole: 'parent_guardian' })).toEqual(['KC-2026-000104']);
    expect(await all({ ageGroup: '13_15' })).toEqual(['KC-2026-000101']);
    expect(await all({ institution: 'ministry_interior' })).toEqual(['KC-2026-000103']);
    expect(await all({ hasAttachments: 'true' })).toEqual(['KC-2026-000105', 'KC-2026-000104']);
    expect(await all({ hasAttachments: 'false', channel: 'email' })).toEqual(['KC-2026-000101']);
    expect(await all({ from: '2026-03-05', to: '2026-03-07' })).toEqual(['KC-2026-000105', 'KC-2026-000102']);
    expect(await all({ to: '2026-01-31' })).toEqual(['KC-2026-000104']);
    expect(await all({ q: 'djordje', channel: 'email', status: 'open' })).toEqual(['KC-2026-000105', 'KC-2026-000101']);
  });

  it('a case with known abuse material is never found by a counselor, by any word; a supervisor finds it', async () => {
    expect(await refs(counselor, { q: 'KC-2026-000105' })).toEqual([]);
    // Not even counted: the counselor's audit entry records no result for it.
    const [entry] = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.search'), eq(auditLog.actorId, counselor.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry?.details).toMatchObject({ q: 'KC-2026-000105', results: 0 });
    expect(await refs(counselor, { q: 'zlostav' })).toEqual(['KC-2026-000102']);
    expect(await refs(counselor, { q: 'Nikolić' })).toEqual([]);
    expect(await refs(counselor, { sort: 'newest' })).not.toContain('KC-2026-000105');
    expect(await refs(supervisor, { q: 'KC-2026-000105' })).toEqual(['KC-2026-000105']);
    expect(await refs(supervisor, { q: 'zlostav', sort: 'newest' })).toEqual(['KC-2026-000105', 'KC-2026-000102']);
  });

  it('pages by cursor without repeats or gaps, in both orders', async () => {
    for (const sort of ['newest', 'relevance']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await search(supervisor, { limit: '2', sort, ...(cursor && { cursor }) });
        expect(page.results.length).toBeLessThanOrEqual(2);
        seen.push(...page.results.map((r) => r.reference));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([
        'KC-2026-000106',
        'KC-2026-000105',
        'KC-2026-000102',
        'KC-2026-000101',
        'KC-2026-000103',
        'KC-2026-000104',
      ]);
    }
    const marko: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(counselor, { q: 'marko', limit: '1', ...(cursor && { cursor }) });
      marko.push(...page.results.map((r) => r.reference));
      cursor = page.nextCursor;
    } while (cursor);
    expect(marko).toEqual(['KC-2026-000102', 'KC-2026-000106']);
  });

  it('every search is audited: who, what, which filters, how many results', async () => {
    await search(counselor, { q: 'Ђорђе', channel: 'email', tags: 'škola' });
    const [entry] = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.search'), eq(auditLog.actorId, counselor.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry?.details).toMatchObject({
      q: 'Ђорђе',
      filters: { channel: ['email'], tags: ['škola'] },
      sort: 'relevance',
      results: 1,
    });
  });

  it('refuses bad input naming the field, and anyone not signed in', async () => {
    const bad = async (params: Record<string, string>) => {
      const res = await t.api(`/api/search?${new URLSearchParams(params)}`, { cookie: counselor.cookie });
      expect(res.status).toBe(400);
      return ((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await bad({ status: 'bogus' })).toEqual(['status.0']);
    expect(await bad({ q: 'a1 b2 c3 d4 e5 f6 g7 h8 i9' })).toEqual(['q']);
    expect(await bad({ limit: '0' })).toEqual(['limit']);
    expect(await bad({ from: 'yesterday' })).toEqual(['from']);
    expect(await bad({ cursor: 'nonsense' })).toEqual(['cursor']);
    expect(await bad({ q: 'x'.repeat(201) })).toEqual(['q']);
    expect((await t.api('/api/search?q=marko')).status).toBe(401);
  });
});
