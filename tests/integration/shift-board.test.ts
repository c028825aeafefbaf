import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/shift/shift.ts';
import { cases, phoneCallbacks } from '../../src/store/schema/index.ts';
import { addSignedInUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { seedCase } from '../helpers/people-seed.ts';

const MIN = 60_000;

/*
 * The supervisor board's figures against cases and callbacks written straight into a fresh store:
 * every panel counts exactly what was inserted, by reference, without words or numbers.
 */
describe.each(['pglite', 'postgres'] as const)('supervisor board (%s)', (engine) => {
  let t: TestKontakt;
  let supervisor: { id: string; cookie: string };
  let counselor: { id: string; cookie: string };
  let refs: Record<string, string>;
  const now = Date.now();

  /** A case `minutesAgo` old, first answer due `dueIn` minutes from now (negative: overdue). */
  const put = async (
    name: string,
    o: { channel: string; minutesAgo: number; dueIn: number; priority?: 'urgent' | 'normal'; answered?: boolean },
    extra: { assigneeId?: string; status?: 'closed' } = {},
  ) => {
    const c = await seedCase(t.k.store.db, {
      contactId: null,
      channel: o.channel,
      texts: ['Tajna poruka koju tabla ne sme da pokaže'],
      priority: o.priority ?? 'normal',
      at: new Date(now - o.minutesAgo * MIN),
      ...(extra.status && { status: extra.status }),
    });
    await t.k.store.db
      .update(cases)
      .set({
        firstResponseDueAt: new Date(now + o.dueIn * MIN),
        firstResponseAt: o.answered ? new Date(now - MIN) : null,
        assigneeId: extra.assigneeId ?? null,
      })
      .where(eq(cases.id, c.id));
    refs[name] = c.reference;
  };
  const board = async (cookie = supervisor.cookie) => {
    const res = await t.api('/api/board', { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as Board;
  };

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    const admin = await t.login();
    supervisor = await addSignedInUser(t, admin, 'supervizorka@board.test', 'supervisor');
    counselor = await addSignedInUser(t, admin, 'savetnica@board.test', 'counselor');
    refs = {};
    await put('mailOld', { channel: 'email', minutesAgo: 300, dueIn: -30 });
    await put('mailNew', { channel: 'email', minutesAgo: 10, dueIn: 40 }, { assigneeId: counselor.id });
    await put('formUrgent', { channel: 'web_form', minutesAgo: 20, dueIn: -5, priority: 'urgent' });
    await put('formAnswered', { channel: 'web_form', minutesAgo: 600, dueIn: -500, answered: true });
    await put('phoneLater', { channel: 'phone', minutesAgo: 5, dueIn: 200 }, { assigneeId: counselor.id });
    await put('closed', { channel: 'email', minutesAgo: 900, dueIn: -800 }, { status: 'closed' });
    const cb = (number: string, dueIn: number, status: 'open' | 'attempted' | 'done') => ({
      number,
      status,
      reason: 'missed' as const,
      firstCallId: `c-${number}`,
      lastCallId: `c-${number}`,
      dueAt: new Date(now + dueIn * MIN),
      createdAt: new Date(now - 60 * MIN),
      updatedAt: new Date(now - 60 * MIN),
    });
    await t.k.store.db
      .insert(phoneCallbacks)
      .values([
        cb('+381601111111', -15, 'open'),
        cb('+381602222222', 30, 'attempted'),
        cb('+381603333333', 180, 'open'),
        cb('+381604444444', -60, 'done'),
      ]);
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('counts what waits, what is urgent, unassigned or late, and the callbacks due, exactly', async () => {
    const b = await board();
    expect(b.waiting).toEqual([
      { channel: 'email', count: 2, oldestSince: new Date(now - 300 * MIN).toISOString() },
      { channel: 'phone', count: 1, oldestSince: new Date(now - 5 * MIN).toISOString() },
      { channel: 'web_form', count: 1, oldestSince: new Date(now - 20 * MIN).toISOString() },
    ]);
    expect(b.urgent.map((c) => c.reference)).toEqual([refs.formUrgent]);
    expect(b.urgent[0]).toMatchObject({ channel: 'web_form', priority: 'urgent', assigneeName: null });
    expect(b.unassigned.count).toBe(3);
    expect(b.unassigned.oldest.map((c) => c.reference)).toEqual([refs.formAnswered, refs.mailOld, refs.formUrgent]);
    expect(b.breaches.now.map((c) => c.reference)).toEqual([refs.mailOld, refs.formUrgent]);
    expect(b.breaches.nextHour.map((c) => c.reference)).toEqual([refs.mailNew]);
    expect(b.breaches.nextHour[0]?.assigneeName).toBe('savetnica');
    expect(b.callbacks.map((c) => [c.dueAt, c.overdue])).toEqual([
      [new Date(now - 15 * MIN).toISOString(), true],
      [new Date(now + 30 * MIN).toISOString(), false],
    ]);
    expect(b.onDuty.find((u) => u.id === counselor.id)).toMatchObject({ state: 'available', openCases: 2 });
    // Nothing of the words or the callers' numbers.
    const raw = JSON.stringify(b);
    expect(raw).not.toContain('Tajna');
    expect(raw).not.toContain('+38160');
  });

  it('moves when a counselor takes the urgent case', async () => {
    const [urgent] = await t.k.store.db
      .select()
      .from(cases)
      .where(eq(cases.reference, refs.formUrgent as string));
    const res = await t.api(`/api/cases/${urgent?.id}`, {
      method: 'PATCH',
      cookie: counselor.cookie,
      json: { assigneeId: counselor.id },
    });
    expect(res.status).toBe(200);
    const b = await board();
    expect(b.urgent[0]?.assigneeName).toBe('savetnica');
    expect(b.unassigned.count).toBe(2);
    expect(b.onDuty.find((u) => u.id === counselor.id)?.openCases).toBe(3);
  });

  it('is for supervisors and admins only', async () => {
    expect((await t.api('/api/board', { cookie: counselor.cookie })).status).toBe(403);
    expect((await t.api('/api/board')).status).toBe(401);
  });
});
