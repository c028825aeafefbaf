import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, messages } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

/** A seeded data set whose totals are known; all in 2025 so nothing else the server does interferes. */
const SEED: {
  channel: string;
  category: string | null;
  role: string | null;
  at: string;
  firstMin?: number;
  closeMin?: number;
}[] = [
  { channel: 'web_form', category: 'illegal_content', role: 'child', at: '2025-01-10T10:00:00Z', firstMin: 10 },
  {
    channel: 'web_form',
    category: 'integrity',
    role: 'parent',
    at: '2025-01-20T10:00:00Z',
    firstMin: 30,
    closeMin: 600,
  },
  { channel: 'email', category: 'integrity', role: 'parent', at: '2025-02-03T10:00:00Z', firstMin: 50 },
  { channel: 'phone', category: null, role: null, at: '2025-02-28T23:30:00Z' }, // March in Belgrade
  { channel: 'facebook', category: 'advice', role: 'teacher', at: '2025-03-15T10:00:00Z', closeMin: 200 },
  // Outside the asked period:
  { channel: 'email', category: 'health', role: 'child', at: '2024-12-31T10:00:00Z' },
];

describe.each(['postgres', 'pglite'] as const)('statistics for supervisors (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;
  let counselor: string;

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    admin = await t.login();
    counselor = (await addUser(t, 'counselor', 'savetnik@test.kontakt')).cookie;
    let n = 0;
    for (const s of SEED) {
      const at = new Date(s.at);
      const plus = (min?: number) => (min === undefined ? null : new Date(at.getTime() + min * 60_000));
      const [c] = await t.k.store.db
        .insert(cases)
        .values({
          reference: `KC-2025-${String(++n).padStart(6, '0')}`,
          kind: 'report',
          status: s.closeMin ? 'closed' : 'open',
          priority: 'normal',
          category: s.category,
          channel: s.channel,
          anonymous: true,
          consent: false,
          reporterRole: s.role,
          createdAt: at,
          updatedAt: at,
          lastActivityAt: at,
          firstResponseAt: plus(s.firstMin),
          closedAt: plus(s.closeMin),
        })
        .returning({ id: cases.id });
      if (!c) throw new Error('seed failed');
      // Two messages from the reporter per case.
      for (const i of [1, 2])
        await t.k.store.db.insert(messages).values({
          caseId: c.id,
          channel: s.channel,
          externalId: `seed-${n}-${i}`,
          text: 'seed',
          direction: 'inbound',
          createdAt: at,
          receivedAt: at,
        });
    }
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('counts by channel, category, reporter role and month over the period, with median times', async () => {
    const res = await t.api('/api/stats?from=2025-01-01&to=2026-01-01', { cookie: admin });
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.totalCases).toBe(5);
    expect(s.byChannel).toEqual([
      { key: 'web_form', cases: 2, inboundMessages: 4 },
      { key: 'email', cases: 1, inboundMessages: 2 },
      { key: 'facebook', cases: 1, inboundMessages: 2 },
      { key: 'phone', cases: 1, inboundMessages: 2 },
    ]);
    expect(s.byCategory).toEqual([
      { key: 'integrity', cases: 2 },
      { key: 'advice', cases: 1 },
      { key: 'illegal_content', cases: 1 },
      { key: 'none', cases: 1 },
    ]);
    expect(s.byReporterRole).toEqual([
      { key: 'parent', cases: 2 },
      { key: 'child', cases: 1 },
      { key: 'none', cases: 1 },
      { key: 'teacher', cases: 1 },
    ]);
    expect(s.byMonth).toEqual([
      { key: '2025-01', cases: 2 },
      { key: '2025-02', cases: 1 },
      { key: '2025-03', cases: 2 },
    ]);
    expect(s.medianMinutesToFirstResponse).toBe(30);
    expect(s.medianMinutesToClose).toBe(400);
  });

  it('exports the same figures as CSV', async () => {
    const res = await t.api('/api/stats?from=2025-01-01&to=2025-02-01&format=csv', { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('dimension,key,cases,inbound_messages');
    expect(lines).toContain('total,all,2,');
    expect(lines).toContain('channel,web_form,2,4');
    expect(lines).toContain('month,2025-01,2,');
    expect(lines).toContain('median_minutes,first_response,20,');
  });

  it('is for supervisors and admins only, and refuses a reversed period', async () => {
    expect((await t.api('/api/stats', { cookie: counselor })).status).toBe(403);
    expect((await t.api('/api/stats?from=2025-02-01&to=2025-01-01', { cookie: admin })).status).toBe(400);
  });
});
