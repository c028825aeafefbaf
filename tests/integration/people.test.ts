import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonChange, PersonPage, SplitResult } from '../../src/domain/people.service.ts';
import type { CaseDetail } from '../../src/domain/views.ts';
import { auditLog } from '../../src/store/schema/index.ts';
import { addSignedInUser, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { seedCase, seedContact } from '../helpers/people-seed.ts';

/**
 * One person across channels: the contact page (identities and whose they are, every case, notes,
 * suggestions of contacts with the same address or number), linking with a reason and splitting
 * again, each audited and announced live; the case view lists the person's other cases.
 */
describe.each(['pglite', 'postgres'] as const)('one person across channels (%s)', (engine) => {
  let t: TestKontakt;
  let counselor: { id: string; cookie: string };
  let socket: Socket;
  let marko: { id: string; identityIds: string[] };
  let insta: { id: string; identityIds: string[] };
  let caller: { id: string; identityIds: string[] };
  let upperMail: { id: string; identityIds: string[] };
  let stranger: { id: string; identityIds: string[] };
  let formCase: { id: string; reference: string };
  let instaCase: { id: string; reference: string };
  let callCase: { id: string; reference: string };

  const page = async (id: string) => {
    const res = await t.api(`/api/contacts/${id}`, { cookie: counselor.cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as PersonPage;
  };
  const post = (path: string, json: unknown) => t.api(path, { method: 'POST', cookie: counselor.cookie, json });
  const audited = (action: string, contactId: string) =>
    t.k.store.db
      .select({ actorId: auditLog.actorId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, contactId)));

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    const admin = await t.login();
    counselor = await addSignedInUser(t, admin, `savetnica-${engine}@test.kontakt`);
    socket = await t.socket(counselor.cookie);
    const db = t.k.store.db;
    // The web form left an address and a number; Instagram knows only its own id.
    marko = await seedContact(db, 'Marko', [
      { kind: 'email', value: 'marko.p@example.rs' },
      { kind: 'phone', value: '+381641234567' },
    ]);
    insta = await seedContact(db, 'marko_bg', [{ kind: 'instagram_igsid', value: '17841400000000001' }]);
    // The same number written as a national number, and the same address in capitals.
    caller = await seedContact(db, null, [{ kind: 'phone', value: '064 123 4567' }]);
    upperMail = await seedContact(db, 'M. P.', [{ kind: 'email', value: 'Marko.P@EXAMPLE.rs' }]);
    stranger = await seedContact(db, 'Neko drugi', [{ kind: 'phone', value: '+381651111111' }]);
    formCase = await seedCase(db, { contactId: marko.id, channel: 'web_form', texts: ['Neko mi preti.'] });
    instaCase = await seedCase(db, {
      contactId: insta.id,
      channel: 'instagram',
      texts: ['Опет ми пише.'],
      category: 'integrity',
    });
    callCase = await seedCase(db, { contactId: caller.id, channel: 'phone', texts: ['Poziv'], status: 'closed' });
  }, 120_000);
  afterAll(async () => {
    socket?.disconnect();
    await t?.cleanup();
  });

  it('shows the contact with its identities and cases, and suggests contacts with the same address or number', async () => {
    const p = await page(marko.id);
    expect(p.personId).toBeNull();
    expect(p.contacts.map((c) => c.id)).toEqual([marko.id]);
    expect(p.identities.map((i) => [i.kind, i.value, i.contactId]).sort()).toEqual([
      ['email', 'marko.p@example.rs', marko.id],
      ['phone', '+381641234567', marko.id],
    ]);
    expect(p.cases).toEqual([
      expect.objectContaining({ id: formCase.id, reference: formCase.reference, channel: 'web_form', status: 'open' }),
    ]);
    const suggested = p.suggestions.map((s) => [s.contactId, s.identity.value, s.sameAs.value]).sort();
    expect(suggested).toEqual(
      [
        [caller.id, '064 123 4567', '+381641234567'],
        [upperMail.id, 'Marko.P@EXAMPLE.rs', 'marko.p@example.rs'],
      ].sort(),
    );
    expect(p.suggestions.map((s) => s.contactId)).not.toContain(stranger.id);
    expect(await audited('contact.view', marko.id)).toEqual([expect.objectContaining({ actorId: counselor.id })]);
  });

  it('links two contacts as one person with a reason: audited, live, and the page shows both', async () => {
    const live = nextEvent<{ contactIds: string[] }>(socket, 'person:updated', (e) => e.contactIds.includes(insta.id));
    const res = await post(`/api/contacts/${marko.id}/link`, {
      otherContactId: insta.id,
      reason: 'Isto ime i ista priča na Instagramu',
    });
    expect(res.status).toBe(200);
    const linked = (await res.json()) as PersonChange;
    expect(linked.personId).toEqual(expect.any(String));
    expect(linked.contactIds.sort()).toEqual([marko.id, insta.id].sort());
    expect((await live).contactIds.sort()).toEqual([marko.id, insta.id].sort());

    const p = await page(insta.id);
    expect(p.personId).toBe(linked.personId);
    expect(p.identities.map((i) => [i.kind, i.contactId]).sort()).toEqual(
      [
        ['email', marko.id],
        ['instagram_igsid', insta.id],
        ['phone', marko.id],
      ].sort(),
    );
    expect(p.cases.map((c) => [c.reference, c.channel, c.category]).sort()).toEqual(
      [
        [formCase.reference, 'web_form', null],
        [instaCase.reference, 'instagram', 'integrity'],
      ].sort(),
    );
    // The Instagram contact now inherits the suggestions of the address and number.
    expect(p.suggestions.map((s) => s.contactId).sort()).toEqual([caller.id, upperMail.id].sort());
    for (const [id, other] of [
      [marko.id, insta.id],
      [insta.id, marko.id],
    ])
      expect(await audited('contact.link', id as string)).toEqual([
        {
          actorId: counselor.id,
          details: { with: other, reason: 'Isto ime i ista priča na Instagramu', personId: linked.personId },
        },
      ]);

    // The case view shows the person's other case, whichever channel it came on.
    const detail = (await (
      await t.api(`/api/cases/${formCase.id}`, { cookie: counselor.cookie })
    ).json()) as CaseDetail;
    expect(detail.personCases.map((c) => [c.id, c.channel])).toEqual([[instaCase.id, 'instagram']]);
    expect(detail.mergedInto).toBeNull();
    // And so does the panel the inbox shows today (the reporter's other cases).
    const extras = await t.api(`/api/cases/${formCase.id}/extras`, { cookie: counselor.cookie });
    expect(((await extras.json()) as { otherCases: { id: string }[] }).otherCases.map((c) => c.id)).toEqual([
      instaCase.id,
    ]);
  });

  it('joins a third contact into the person, keeps notes with it, and refuses what makes no sense', async () => {
    const note = await post(`/api/contacts/${insta.id}/notes`, { text: '  Ne zvati na fiksni telefon.  ' });
    expect(note.status).toBe(201);
    expect(await note.json()).toMatchObject({ text: 'Ne zvati na fiksni telefon.', authorId: counselor.id });
    const linked = await post(`/api/contacts/${caller.id}/link`, { otherContactId: marko.id, reason: 'Isti broj' });
    expect(linked.status).toBe(200);
    const p = await page(caller.id);
    expect(p.contacts.map((c) => c.id).sort()).toEqual([marko.id, insta.id, caller.id].sort());
    expect(p.cases.map((c) => c.id)).toContain(callCase.id);
    expect(p.notes).toEqual([
      expect.objectContaining({ text: 'Ne zvati na fiksni telefon.', authorName: expect.any(String) }),
    ]);
    expect(await audited('contact.note', insta.id)).toHaveLength(1);

    const again = await post(`/api/contacts/${insta.id}/link`, { otherContactId: caller.id, reason: 'opet' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_linked' });
    const noReason = await post(`/api/contacts/${marko.id}/link`, { otherContactId: upperMail.id, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('reason');
    const self = await post(`/api/contacts/${marko.id}/link`, { otherContactId: marko.id, reason: 'isti' });
    expect(self.status).toBe(400);
    expect(JSON.stringify(await self.json())).toContain('otherContactId');
    const unknown = await post(`/api/contacts/${marko.id}/link`, {
      otherContactId: '00000000-0000-4000-8000-000000000000',
      reason: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(
      (await t.api('/api/contacts/00000000-0000-4000-8000-000000000000', { cookie: counselor.cookie })).status,
    ).toBe(404);
    const bad = await t.api('/api/contacts/not-a-uuid', { cookie: counselor.cookie });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('id');
    expect((await t.api(`/api/contacts/${marko.id}`)).status).toBe(401);
  });

  it('splits a contact off whole (with its cases) and suggests it again; audited and live', async () => {
    const live = nextEvent<{ contactIds: string[] }>(socket, 'person:updated', (e) => e.contactIds.includes(caller.id));
    const res = await post(`/api/contacts/${marko.id}/split`, {
      identityIds: caller.identityIds,
      reason: 'Drugi broj',
    });
    expect(res.status).toBe(200);
    const split = (await res.json()) as SplitResult;
    expect(split.split).toEqual({ personId: null, contactIds: [caller.id] });
    expect(split.remaining.contactIds.sort()).toEqual([marko.id, insta.id].sort());
    expect(split.newContactId).toBeNull();
    expect((await live).contactIds).toContain(marko.id);

    const p = await page(marko.id);
    expect(p.cases.map((c) => c.id)).not.toContain(callCase.id);
    expect(p.notes).toHaveLength(1);
    expect(p.suggestions.map((s) => s.contactId)).toContain(caller.id);
    expect((await page(caller.id)).cases.map((c) => c.id)).toEqual([callCase.id]);
    expect(await audited('contact.split', marko.id)).toEqual([
      {
        actorId: counselor.id,
        details: {
          identityIds: caller.identityIds,
          splitContactIds: [caller.id],
          newContactId: null,
          personId: null,
          reason: 'Drugi broj',
        },
      },
    ]);
  });

  it('splits one identity off a contact that keeps others into a contact of its own', async () => {
    const phoneId = marko.identityIds[1] as string;
    const res = await post(`/api/contacts/${insta.id}/split`, { identityIds: [phoneId] });
    expect(res.status).toBe(200);
    const split = (await res.json()) as SplitResult;
    expect(split.newContactId).toEqual(expect.any(String));
    const own = await page(split.newContactId as string);
    expect(own.identities.map((i) => [i.id, i.value])).toEqual([[phoneId, '+381641234567']]);
    expect(own.cases).toEqual([]);
    const rest = await page(marko.id);
    expect(rest.identities.map((i) => i.kind).sort()).toEqual(['email', 'instagram_igsid']);
    // Both keep their cases; the number now suggests the caller to its own contact, not to the person.
    expect(rest.cases.map((c) => c.id).sort()).toEqual([formCase.id, instaCase.id].sort());
    expect(rest.suggestions.map((s) => s.contactId)).toEqual([upperMail.id]);
    expect(own.suggestions.map((s) => s.contactId)).toEqual([caller.id]);

    const everything = await post(`/api/contacts/${marko.id}/split`, {
      identityIds: rest.identities.map((i) => i.id),
    });
    expect(everything.status).toBe(400);
    expect(JSON.stringify(await everything.json())).toContain('identityIds');
    const foreign = await post(`/api/contacts/${marko.id}/split`, { identityIds: stranger.identityIds });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(await foreign.json())).toContain('identityIds');
  });
  it('forgets the notes about a person once erasure leaves none of its contacts an identity', async () => {
    const admin = await t.login();
    const erase = (contactId: string) =>
      t.api('/api/admin/erasure', { method: 'POST', cookie: admin, json: { contactId, reason: 'reporter_request' } });
    expect((await erase(marko.id)).status).toBe(200);
    // Instagram still knows the person: the notes stay.
    expect((await page(insta.id)).notes).toHaveLength(1);
    expect((await erase(insta.id)).status).toBe(200);
    const p = await page(insta.id);
    expect(p.identities).toEqual([]);
    expect(p.notes).toEqual([]);
  });
});
