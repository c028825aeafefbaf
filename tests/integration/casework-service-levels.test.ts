import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvelope } from '../../src/domain/ingest.service.ts';
import type { CaseStats } from '../../src/domain/stats.ts';
import type { CaseSummary } from '../../src/inbox/contract.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { auditLog, cases, institutions, phoneCallbacks, referrals } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const MINUTE = 60_000;

/**
 * A seeded year (2025) whose figures are known by hand: times stored on each case (due, first
 * response, closing), phone callbacks and referrals. Nothing else the server does falls in 2025.
 */
const SEED = [
  // Answered in 10 min of a 24 h target.
  { at: '2025-01-10T10:00:00Z', channel: 'web_form', priority: 'normal', dueMin: 1440, firstMin: 10 },
  // Urgent, answered after 30 min of a 15 min target, closed after 600 min.
  { at: '2025-01-20T10:00:00Z', channel: 'web_form', priority: 'urgent', dueMin: 15, firstMin: 30, closeMin: 600 },
  { at: '2025-02-03T10:00:00Z', channel: 'email', priority: 'normal', dueMin: 1440, firstMin: 50 },
  // Never answered, still open: overdue. March in Belgrade.
  { at: '2025-02-28T23:30:00Z', channel: 'phone', priority: 'normal', dueMin: 1440 },
  // Never answered but closed: not counted as overdue.
  { at: '2025-03-15T10:00:00Z', channel: 'facebook', priority: 'low', dueMin: 4320, closeMin: 200 },
  // Outside the period.
  { at: '2024-12-31T10:00:00Z', channel: 'email', priority: 'normal', dueMin: 1440, firstMin: 5 },
] as const satisfies readonly {
  at: string;
  channel: string;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  dueMin: number;
  firstMin?: number;
  closeMin?: number;
}[];

describe('stored service-level times and the statistics built on them (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let supervisor: { id: string; cookie: string };
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestKontakt('postgres', { SLA_NORMAL_MINUTES: '600', REPORT_RATE_LIMIT: '100' });
    admin = await t.login();
    supervisor = await addUser(t, 'supervisor', 'supervizor@test.kontakt');
    const db = t.k.store.db;
    let n = 0;
    for (const s of SEED) {
      const at = new Date(s.at);
      const plus = (min?: number) => (min === undefined ? null : new Date(at.getTime() + min * MINUTE));
      const [c] = await db
        .insert(cases)
        .values({
          reference: `KC-2025-${String(++n).padStart(6, '0')}`,
          kind: 'report',
          status: 'closeMin' in s ? 'closed' : 'open',
          priority: s.priority,
          category: 'other',
          channel: s.channel,
          anonymous: true,
          consent: false,
          createdAt: at,
          updatedAt: at,
          lastActivityAt: at,
          firstResponseDueAt: plus(s.dueMin),
          firstResponseAt: plus('firstMin' in s ? s.firstMin : undefined),
          closedAt: plus('closeMin' in s ? s.closeMin : undefined),
        })
        .returning({ id: cases.id });
      if (!c) throw new Error('seed failed');
      ids.push(c.id);
    }
    const d = (iso: string) => new Date(iso);
    const cb = (id: number, status: 'open' | 'done' | 'cancelled', created: string, completed: string | null) => ({
      number: `+38160000000${id}`,
      status,
      reason: 'missed' as const,
      firstCallId: `cb-${id}`,
      lastCallId: `cb-${id}`,
      dueAt: d(created),
      createdAt: d(created),
      updatedAt: d(created),
      completedAt: completed ? d(completed) : null,
    });
    await db.insert(phoneCallbacks).values([
      cb(1, 'done', '2025-01-05T09:00:00Z', '2025-01-05T11:00:00Z'),
      cb(2, 'open', '2025-02-01T09:00:00Z', null),
      // Opened in 2024, done in 2025: a callback done in the period.
      cb(3, 'done', '2024-12-30T09:00:00Z', '2025-01-02T09:00:00Z'),
      cb(4, 'cancelled', '2025-03-01T09:00:00Z', '2025-03-02T09:00:00Z'),
    ]);
    const now = new Date();
    await db
      .insert(institutions)
      .values(
        ['ministry_interior', 'ministry_education', 'ministry_health'].map((code, i) => ({
          code,
          nameSrLatn: code,
          nameSrCyrl: code,
          nameEn: code,
          email: `${code}@example.test`,
          position: i,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing();
    const ref = (
      institution: string,
      status: 'draft' | 'sent' | 'acknowledged' | 'answered' | 'closed',
      created: string,
    ) => ({
      caseId: ids[0] as string,
      institution,
      status,
      summary: 'seeded',
      createdAt: d(created),
      updatedAt: d(created),
    });
    await db
      .insert(referrals)
      .values([
        ref('ministry_interior', 'sent', '2025-01-11T10:00:00Z'),
        ref('ministry_interior', 'answered', '2025-02-11T10:00:00Z'),
        ref('ministry_interior', 'closed', '2025-03-11T10:00:00Z'),
        ref('ministry_education', 'acknowledged', '2025-02-12T10:00:00Z'),
        ref('ministry_interior', 'draft', '2025-02-13T10:00:00Z'),
        ref('ministry_health', 'sent', '2024-12-12T10:00:00Z'),
      ]);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const stats = async (q: string, cookie = supervisor.cookie) => {
    const res = await t.api(`/api/stats?${q}`, { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as CaseStats;
  };

  it('figures from the stored times: within target, overdue, medians per month; callbacks done; referrals by institution', async () => {
    const s = await stats('from=2025-01-01&to=2026-01-01');
    expect(s.totalCases).toBe(5);
    expect(s.serviceLevel).toEqual({ responded: 3, respondedWithinTarget: 2, unansweredOverdue: 1, closed: 2 });
    expect(s.medianMinutesToFirstResponse).toBe(30);
    expect(s.medianMinutesToClose).toBe(400);
    expect(s.timesByMonth).toEqual([
      { key: '2025-01', medianMinutesToFirstResponse: 20, medianMinutesToClose: 600 },
      { key: '2025-02', medianMinutesToFirstResponse: 50, medianMinutesToClose: null },
      { key: '2025-03', medianMinutesToFirstResponse: null, medianMinutesToClose: 200 },
    ]);
    expect(s.byPriority).toEqual([
      { key: 'normal', cases: 3 },
      { key: 'low', cases: 1 },
      { key: 'urgent', cases: 1 },
    ]);
    expect(s.callbacks).toEqual({ opened: 3, done: 2 });
    expect(s.referralsByInstitution).toEqual([
      { key: 'ministry_interior', referrals: 3, sent: 1, acknowledged: 0, answered: 1, closed: 1 },
      { key: 'ministry_education', referrals: 1, sent: 0, acknowledged: 1, answered: 0, closed: 0 },
    ]);

    // A shorter period: only January.
    const jan = await stats('from=2025-01-01&to=2025-02-01');
    expect(jan.serviceLevel).toEqual({ responded: 2, respondedWithinTarget: 1, unansweredOverdue: 0, closed: 1 });
    expect(jan.callbacks).toEqual({ opened: 1, done: 2 });
    expect(jan.referralsByInstitution).toEqual([
      { key: 'ministry_interior', referrals: 1, sent: 1, acknowledged: 0, answered: 0, closed: 0 },
    ]);
  });

  it('the stored due time decides, not today’s targets', async () => {
    // Case 1 was due 1440 min after arrival; today's normal target is 600 min (this server's setting).
    const c = (await (await t.api(`/api/cases/${ids[0]}`, { cookie: admin })).json()) as CaseSummary;
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.createdAt)).toBe(1440 * MINUTE);
  });

  it('exports the new figures in the CSV, and audits every view and export', async () => {
    const res = await t.api('/api/stats?from=2025-01-01&to=2026-01-01&format=csv', { cookie: supervisor.cookie });
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'service_level,responded,3,',
        'service_level,responded_within_target,2,',
        'service_level,unanswered_overdue,1,',
        'median_minutes_first_response,2025-01,20,',
        'median_minutes_close,2025-02,,',
        'callbacks,done,2,',
        'referrals,ministry_interior,3,',
        'referrals_answered,ministry_interior,1,',
      ]),
    );
    const entries = await t.k.store.db.select().from(auditLog).where(eq(auditLog.actorId, supervisor.id));
    const actions = entries.map((e) => e.action);
    expect(actions).toContain('stats.view');
    expect(actions).toContain('stats.export');
    expect(entries.find((e) => e.action === 'stats.export')?.details).toMatchObject({
      from: '2025-01-01T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
    });
  });

  it('stores the due time when a case is created and when its priority changes', async () => {
    const socket = await t.socket(admin);
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created');
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Pitanje o bezbednosti na internetu.', kind: 'help', language: 'sr-Latn' },
    });
    expect(res.status).toBe(202);
    const c = (await created).case;
    const storedDue = async () => {
      const [row] = await t.k.store.db
        .select({ due: cases.firstResponseDueAt, createdAt: cases.createdAt })
        .from(cases)
        .where(eq(cases.id, c.id));
      return row ? (row.due?.getTime() ?? 0) - row.createdAt.getTime() : null;
    };
    expect(await storedDue()).toBe(600 * MINUTE);
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.createdAt)).toBe(600 * MINUTE);

    const raise = await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: admin, json: { priority: 'high' } });
    expect(Date.parse(((await raise.json()) as CaseSummary).firstResponseDueAt) - Date.parse(c.createdAt)).toBe(
      240 * MINUTE,
    );
    expect(await storedDue()).toBe(240 * MINUTE);

    // Danger words on arrival: created urgent, due in 15 minutes.
    const urgent = nextEvent<{ case: CaseSummary }>(socket, 'case:created');
    await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Ubiću se ako ovo ne prestane.', kind: 'help', language: 'sr-Latn' },
    });
    const u = (await urgent).case;
    expect(u.priority).toBe('urgent');
    expect(Date.parse(u.firstResponseDueAt) - Date.parse(u.createdAt)).toBe(15 * MINUTE);

    // A later message with danger words raises the first case: its stored due time follows.
    const raised = await applyEnvelope(createIngestUnitOfWork(t.k.store.db), randomUUID(), {
      channel: 'email',
      externalId: `<${randomUUID()}@example.test>`,
      receivedAt: new Date().toISOString(),
      sender: { kind: 'email', value: 'dete@example.test' },
      thread: {
        senderAsserted: false,
        newCase: { kind: 'conversation', anonymous: false, consent: true },
        caseReference: c.reference,
      },
      message: { text: 'Ne mogu više. Ubiću se.' },
    });
    expect(raised).toMatchObject({ outcome: 'applied', caseId: c.id });
    expect(await storedDue()).toBe(15 * MINUTE);
  });
});
