import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoverView } from '../../src/shift/handover.repository.ts';
import { auditLog, handovers, phoneCallbacks, referrals } from '../../src/store/schema/index.ts';
import { addSignedInUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { seedCase } from '../helpers/people-seed.ts';
import { whileAuditRefuses } from '../helpers/refuse-audit.ts';

const DAY = 86_400_000;

/*
 * A shift handover: the outgoing counselor writes a note, the server lists what is open into it,
 * the next shift acknowledges it once, supervisors search every handover. Each step audited in its
 * transaction.
 */
describe.each(['pglite', 'postgres'] as const)('shift handover (%s)', (engine) => {
  let t: TestKontakt;
  let night: { id: string; cookie: string };
  let morning: { id: string; cookie: string };
  let supervisor: { id: string; cookie: string };
  let urgentRef: string;
  let referredRef: string;

  const write = (note: unknown, cookie = night.cookie) =>
    t.api('/api/handovers', { method: 'POST', cookie, json: { note } });
  const ack = (id: string, cookie: string) =>
    t.api(`/api/handovers/${id}/acknowledge`, { method: 'POST', cookie, json: {} });

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    const admin = await t.login();
    night = await addSignedInUser(t, admin, 'nocna@handover.test', 'counselor');
    morning = await addSignedInUser(t, admin, 'jutarnja@handover.test', 'counselor');
    supervisor = await addSignedInUser(t, admin, 'supervizor@handover.test', 'supervisor');
    const db = t.k.store.db;
    urgentRef = (await seedCase(db, { contactId: null, channel: 'email', priority: 'urgent', texts: ['Tajno'] }))
      .reference;
    await seedCase(db, { contactId: null, channel: 'email', priority: 'urgent', status: 'closed' });
    await seedCase(db, { contactId: null, channel: 'email', priority: 'normal' });
    const referred = await seedCase(db, { contactId: null, channel: 'web_form' });
    referredRef = referred.reference;
    const old = new Date(Date.now() - 30 * DAY);
    await db.insert(referrals).values([
      {
        caseId: referred.id,
        institution: 'ministry_interior',
        status: 'sent',
        summary: 'prijava',
        sentAt: old,
        createdAt: old,
        updatedAt: old,
      },
      {
        caseId: referred.id,
        institution: 'ministry_health',
        status: 'sent',
        summary: 'prijava',
        sentAt: new Date(),
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    ]);
    const cb = (number: string, status: 'open' | 'done') => ({
      number,
      status,
      reason: 'missed' as const,
      firstCallId: `c-${number}`,
      lastCallId: `c-${number}`,
      dueAt: new Date(Date.now() - 60_000),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await db.insert(phoneCallbacks).values([cb('+381605555555', 'open'), cb('+381606666666', 'done')]);
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('lists what is open into the note, by reference, and the next shift acknowledges it once', async () => {
    const res = await write('Pozvati majku iz KC predmeta ujutru; policija obaveštena.');
    expect(res.status).toBe(201);
    const h = (await res.json()) as HandoverView;
    expect(h.author.id).toBe(night.id);
    expect(h.open.urgentCases.map((c) => c.reference)).toEqual([urgentRef]);
    expect(h.open.callbacks).toHaveLength(1);
    expect(h.open.callbacks[0]).toMatchObject({ reason: 'missed', overdue: true });
    expect(h.open.overdueReferrals.map((r) => [r.reference, r.institution])).toEqual([
      [referredRef, 'ministry_interior'],
    ]);
    expect(JSON.stringify(h)).not.toContain('+38160');
    expect(JSON.stringify(h.open)).not.toContain('Tajno');

    // The next shift sees it as pending; the author does not.
    const pending = async (cookie: string) =>
      ((await (await t.api('/api/handovers/pending', { cookie })).json()) as { items: HandoverView[] }).items;
    expect((await pending(morning.cookie)).map((x) => x.id)).toEqual([h.id]);
    expect(await pending(night.cookie)).toEqual([]);

    const own = await ack(h.id, night.cookie);
    expect(own.status).toBe(409);
    expect(await own.json()).toMatchObject({ error: 'own_handover' });
    const done = await ack(h.id, morning.cookie);
    expect(done.status).toBe(200);
    expect(((await done.json()) as HandoverView).acknowledged?.by.id).toBe(morning.id);
    const again = await ack(h.id, supervisor.cookie);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_acknowledged' });
    expect(await pending(morning.cookie)).toEqual([]);

    const entries = await t.k.store.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'handover'), eq(auditLog.entityId, h.id)))
      .orderBy(auditLog.id);
    expect(entries).toEqual([
      {
        action: 'handover.create',
        actorId: night.id,
        details: { urgentCases: 1, callbacks: 1, overdueReferrals: 1 },
      },
      { action: 'handover.acknowledge', actorId: morning.id, details: null },
    ]);
  });

  it('writes no handover without its audit entry', async () => {
    const before = (await t.k.store.db.select({ id: handovers.id }).from(handovers)).length;
    await whileAuditRefuses(t.k.store.db, 'handover.create', async () => {
      expect((await write('Ovo ne sme ostati bez zapisa.')).status).toBe(500);
    });
    expect((await t.k.store.db.select({ id: handovers.id }).from(handovers)).length).toBe(before);
  });

  it('supervisors search every handover; counselors may not; bad input names its field', async () => {
    await write('Druga smena: sve mirno.', morning.cookie);
    const search = async (query: string) => {
      const res = await t.api(`/api/handovers${query}`, { cookie: supervisor.cookie });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: HandoverView[] }).items;
    };
    expect((await search('')).map((h) => h.note)).toEqual([
      'Druga smena: sve mirno.',
      'Pozvati majku iz KC predmeta ujutru; policija obaveštena.',
    ]);
    expect((await search('?q=POLICIJA')).map((h) => h.author.id)).toEqual([night.id]);
    // The urgent case is still open: both handovers list it.
    expect((await search(`?q=${urgentRef}`)).map((h) => h.author.id)).toEqual([morning.id, night.id]);
    expect((await search('?q=jutarnja')).map((h) => h.note)).toEqual(['Druga smena: sve mirno.']);
    expect((await search('?pending=true')).map((h) => h.author.id)).toEqual([morning.id]);
    expect((await search('?q=100%25')).length).toBe(0);

    expect((await t.api('/api/handovers', { cookie: night.cookie })).status).toBe(403);
    const empty = await write('   ');
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toContain('note');
    const badDate = await t.api('/api/handovers?from=juče', { cookie: supervisor.cookie });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(await badDate.json())).toContain('from');
  });
});
