import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/inbox/contract.ts';
import { auditLog } from '../../src/store/schema/index.ts';
import { addSignedInUser, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

type Presence = { userId: string; name: string; state: string };
type OnDuty = { items: { id: string; name: string; state: string; openCases: number }[] };

/*
 * Availability (available / busy / away, stored per user, told to every case worker) and the
 * notifications the server raises: a new urgent case to every case worker, an assignment and a
 * reply only to the case's assignee, never to anyone else.
 */
describe.each(['pglite', 'postgres'] as const)('availability and notifications (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;
  let ana: { id: string; cookie: string };
  let boris: { id: string; cookie: string };
  let educator: { id: string; cookie: string };
  const sockets: Record<string, Socket> = {};
  const heard: Record<string, Notice[]> = { ana: [], boris: [], educator: [] };

  const report = async (description: string) => {
    const res = await t.api('/api/reports', { method: 'POST', json: { description, language: 'sr-Latn' } });
    expect(res.status).toBe(202);
    return (await res.json()) as { reference: string; receipt: string };
  };
  /**
   * Boris sets a state: every case worker hears it after whatever was emitted before, so what a
   * socket has not heard by then it was never sent (one server, events in order per socket).
   */
  let flip = 0;
  const barrier = async () => {
    const state = flip++ % 2 === 0 ? 'busy' : 'available';
    const seen = ['ana', 'boris'].map((n) =>
      nextEvent<Presence>(sockets[n] as Socket, 'presence:updated', (e) => e.userId === boris.id && e.state === state),
    );
    const res = await t.api('/api/me/availability', { method: 'PUT', cookie: boris.cookie, json: { state } });
    expect(res.status).toBe(200);
    await Promise.all(seen);
  };

  beforeAll(async () => {
    t = await startTestKontakt(engine, { REPORT_RATE_LIMIT: '1000' });
    admin = await t.login();
    ana = await addSignedInUser(t, admin, 'ana@shift.test', 'counselor');
    boris = await addSignedInUser(t, admin, 'boris@shift.test', 'counselor');
    educator = await addSignedInUser(t, admin, 'edukatorka@shift.test', 'educator');
    for (const [name, u] of Object.entries({ ana, boris, educator })) {
      const s = await t.socket(u.cookie);
      s.on('notify', (n: Notice) => heard[name]?.push(n));
      s.on('presence:updated', (p: Presence) => heard[`${name}:presence`]?.push(p as never));
      sockets[name] = s;
    }
    heard['educator:presence'] = [];
  }, 120_000);
  afterAll(async () => {
    for (const s of Object.values(sockets)) s.disconnect();
    await t?.cleanup();
  });

  it('a counselor sets her state: stored, audited once per change, told live, shown on duty', async () => {
    const told = nextEvent<Presence>(sockets.boris as Socket, 'presence:updated', (e) => e.userId === ana.id);
    const res = await t.api('/api/me/availability', { method: 'PUT', cookie: ana.cookie, json: { state: 'away' } });
    expect(res.status).toBe(200);
    expect(await told).toEqual({ userId: ana.id, name: 'ana', state: 'away' });
    const mine = await t.api('/api/me/availability', { cookie: ana.cookie });
    expect(await mine.json()).toEqual({ state: 'away' });
    // The same state again changes nothing and records nothing.
    await t.api('/api/me/availability', { method: 'PUT', cookie: ana.cookie, json: { state: 'away' } });
    const entries = await t.k.store.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.availability'), eq(auditLog.actorId, ana.id)));
    expect(entries).toEqual([{ details: { state: 'away', previous: 'available' } }]);

    const duty = (await (await t.api('/api/on-duty', { cookie: boris.cookie })).json()) as OnDuty;
    expect(duty.items.find((u) => u.id === ana.id)).toMatchObject({ state: 'away', openCases: 0 });
    expect(duty.items.find((u) => u.id === boris.id)).toMatchObject({ state: 'available' });
    // Educators are not on the case line.
    expect(duty.items.some((u) => u.id === educator.id)).toBe(false);
    await t.api('/api/me/availability', { method: 'PUT', cookie: ana.cookie, json: { state: 'available' } });
  });

  it('refuses a state that does not exist (400 naming the field) and anyone who is not a case worker', async () => {
    const bad = await t.api('/api/me/availability', { method: 'PUT', cookie: ana.cookie, json: { state: 'asleep' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('state');
    const edu = await t.api('/api/me/availability', {
      method: 'PUT',
      cookie: educator.cookie,
      json: { state: 'busy' },
    });
    expect(edu.status).toBe(403);
    expect((await t.api('/api/on-duty', { cookie: educator.cookie })).status).toBe(403);
    expect((await t.api('/api/on-duty')).status).toBe(401);
    expect(heard['educator:presence']).toEqual([]);
  });

  it('notification settings: defaults with the words hidden, saved per user, audited, checked', async () => {
    const first = await t.api('/api/me/notification-settings', { cookie: ana.cookie });
    expect(await first.json()).toEqual({
      urgent: true,
      assigned: true,
      reply: true,
      sound: false,
      doNotDisturb: false,
      showContent: false,
    });
    const next = { urgent: true, assigned: true, reply: false, sound: true, doNotDisturb: true, showContent: true };
    const saved = await t.api('/api/me/notification-settings', { method: 'PUT', cookie: ana.cookie, json: next });
    expect(saved.status).toBe(200);
    expect(await (await t.api('/api/me/notification-settings', { cookie: ana.cookie })).json()).toEqual(next);
    // Boris's are still the defaults.
    const his = (await (await t.api('/api/me/notification-settings', { cookie: boris.cookie })).json()) as {
      showContent: boolean;
    };
    expect(his.showContent).toBe(false);
    const entry = await t.k.store.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.notification_settings'), eq(auditLog.actorId, ana.id)));
    expect(entry).toEqual([{ details: next }]);
    const bad = await t.api('/api/me/notification-settings', {
      method: 'PUT',
      cookie: ana.cookie,
      json: { ...next, sound: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('sound');
  });

  it('a new urgent case notifies every case worker, by reference only; an educator hears nothing', async () => {
    const { reference } = await report('Devojčica piše da će sebi nauditi večeras, ne mogu više.');
    const [a, b] = await Promise.all(
      ['ana', 'boris'].map((n) =>
        nextEvent<Notice>(sockets[n] as Socket, 'notify', (e) => e.reference === reference && e.kind === 'urgent'),
      ),
    );
    expect(Object.keys(a as Notice).sort()).toEqual(['caseId', 'kind', 'reference']);
    expect(b).toEqual(a);
    await barrier();
    expect(heard.educator).toEqual([]);
  });

  it('an assignment notifies the assignee only, and nobody when she takes the case herself', async () => {
    const created = nextEvent<{ case: { id: string; reference: string } }>(sockets.ana as Socket, 'case:created');
    const rep = await report('Imam pitanje o pravilima škole za telefone.');
    const c = (await created).case;
    heard.ana = [];
    heard.boris = [];
    // Boris assigns it to Ana: Ana is told.
    const toAna = nextEvent<Notice>(sockets.ana as Socket, 'notify', (e) => e.caseId === c.id);
    const patch = await t.api(`/api/cases/${c.id}`, {
      method: 'PATCH',
      cookie: boris.cookie,
      json: { assigneeId: ana.id },
    });
    expect(patch.status).toBe(200);
    expect(await toAna).toEqual({ kind: 'assigned', caseId: c.id, reference: c.reference });
    await barrier();
    expect(heard.boris).toEqual([]);

    // Boris takes it himself: nobody is told.
    await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: boris.cookie, json: { assigneeId: boris.id } });
    await barrier();
    expect(heard.boris).toEqual([]);
    expect(heard.ana.filter((n) => n.kind === 'assigned')).toHaveLength(1);

    // The reporter writes again: only Boris, the assignee, is told.
    const reply = nextEvent<Notice>(sockets.boris as Socket, 'notify', (e) => e.kind === 'reply');
    const add = await t.api('/api/reports/status/add', {
      method: 'POST',
      json: { reference: rep.reference, receipt: rep.receipt, description: 'Zaboravila sam: to je u srednjoj školi.' },
    });
    expect(add.status).toBe(202);
    expect(await reply).toEqual({ kind: 'reply', caseId: c.id, reference: c.reference });
    await barrier();
    expect(heard.ana.filter((n) => n.kind === 'reply')).toEqual([]);
    expect(heard.educator).toEqual([]);
  });
});
