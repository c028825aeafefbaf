import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvelope } from '../../src/domain/ingest.service.ts';
import { isFirstResponseOverdue } from '../../src/domain/service-levels.ts';
import type { CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { auditLog } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

type UrgentEvent = { case: CaseSummary; rules: string[] };
const MINUTE = 60_000;

describe('urgency on arrival and first-response service levels (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let supervisor: Socket;
  const urgentSeen: UrgentEvent[] = [];

  beforeAll(async () => {
    t = await startTestKontakt('postgres', { REPORT_RATE_LIMIT: '1000', SLA_NORMAL_MINUTES: '600' });
    admin = await t.login();
    const sup = await addUser(t, 'supervisor', 'supervizor@test.kontakt');
    supervisor = await t.socket(sup.cookie);
    supervisor.on('case:urgent', (e: UrgentEvent) => urgentSeen.push(e));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const report = async (description: string, category = 'integrity') => {
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description, category, reporterRole: 'child', ageGroup: '13_15', kind: 'report', language: 'sr-Cyrl' },
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reference: string }).reference;
  };

  it('a neutral report stays normal; a Cyrillic invitation to meet in secret arrives urgent and alerts supervisors', async () => {
    const neutralCreated = nextEvent<{ case: CaseSummary }>(supervisor, 'case:created');
    const neutralRef = await report('Како да подесим приватност профила на Инстаграму?', 'advice');
    const neutral = (await neutralCreated).case;
    expect(neutral).toMatchObject({ reference: neutralRef, priority: 'normal' });
    // Its events were published in one batch, all delivered before the next report is even posted.

    const urgent = nextEvent<UrgentEvent>(supervisor, 'case:urgent');
    const message = nextEvent<{ message: MessageView; case: CaseSummary }>(
      supervisor,
      'message:created',
      (e) => e.case.priority === 'urgent',
    );
    const ref = await report('Један човек ми пише, хоће да се нађемо, не говори родитељима.');
    const ev = await urgent;
    expect(ev.case).toMatchObject({ reference: ref, priority: 'urgent' });
    expect(ev.rules).toEqual(['meeting_adult']);
    expect((await message).message.flags).toContain('urgent_rule');
    expect(urgentSeen.map((e) => e.case.reference)).toEqual([ref]);

    const [entry] = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.auto_urgent'), eq(auditLog.entityId, ev.case.id)));
    expect(entry?.details).toMatchObject({ rules: ['meeting_adult'], raised: false });

    const list = (await (await t.api('/api/cases?view=urgent', { cookie: admin })).json()) as { items: CaseSummary[] };
    expect(list.items.map((c) => c.reference)).toEqual([ref]);
  });

  it('a report in the illegal-content category is urgent whatever its words', async () => {
    const urgent = nextEvent<UrgentEvent>(supervisor, 'case:urgent', (e) => e.rules.includes('csam'));
    const ref = await report('Link u prilogu, molim vas proverite.', 'illegal_content');
    expect((await urgent).case.reference).toBe(ref);
  });

  it('a later message with words of danger raises an existing case to urgent', async () => {
    const created = nextEvent<{ case: CaseSummary }>(supervisor, 'case:created');
    const ref = await report('Imam pitanje o vršnjačkom nasilju u školi.');
    const c = (await created).case;
    expect(c.priority).toBe('normal');

    const uow = createIngestUnitOfWork(t.k.store.db);
    const result = await applyEnvelope(uow, randomUUID(), {
      channel: 'email',
      externalId: `<${randomUUID()}@example.test>`,
      receivedAt: new Date().toISOString(),
      sender: { kind: 'email', value: 'dete@example.test' },
      thread: {
        senderAsserted: false,
        newCase: { kind: 'conversation', anonymous: false, consent: true },
        caseReference: ref,
      },
      message: { text: 'Ne mogu više. Ubiću se ako ovo ne prestane.' },
    });
    expect(result.outcome).toBe('applied');
    const raised = result.events.find((e) => e.type === 'case:urgent');
    expect(raised).toMatchObject({ case: { id: c.id, priority: 'urgent' }, rules: ['self_harm'] });
    expect(result.events.find((e) => e.type === 'case:updated')).toMatchObject({
      changed: expect.arrayContaining(['priority']),
    });

    // Once urgent, further alarming messages do not alert again.
    const again = await applyEnvelope(uow, randomUUID(), {
      channel: 'email',
      externalId: `<${randomUUID()}@example.test>`,
      receivedAt: new Date().toISOString(),
      sender: { kind: 'email', value: 'dete@example.test' },
      thread: {
        senderAsserted: false,
        newCase: { kind: 'conversation', anonymous: false, consent: true },
        caseReference: ref,
      },
      message: { text: 'Opet: ubiću se.' },
    });
    expect(again.events.some((e) => e.type === 'case:urgent')).toBe(false);
  });

  it('the first-response due time follows the priority, a reply stops the clock and the time is kept', async () => {
    const created = nextEvent<{ case: CaseSummary }>(supervisor, 'case:created');
    await report('Pitanje o roditeljskoj kontroli.', 'advice');
    const c = (await created).case;
    const createdAt = Date.parse(c.createdAt);
    // SLA_NORMAL_MINUTES=600 in this test's settings.
    expect(Date.parse(c.firstResponseDueAt) - createdAt).toBe(600 * MINUTE);
    expect(c.firstResponseAt).toBeNull();
    expect(isFirstResponseOverdue(c, new Date(createdAt + 601 * MINUTE))).toBe(true);
    expect(isFirstResponseOverdue(c, new Date(createdAt + 599 * MINUTE))).toBe(false);

    const patched = (await (
      await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: admin, json: { priority: 'urgent' } })
    ).json()) as CaseSummary;
    expect(Date.parse(patched.firstResponseDueAt) - createdAt).toBe(15 * MINUTE);

    const reply = await t.api(`/api/cases/${c.id}/messages`, {
      method: 'POST',
      cookie: admin,
      json: { kind: 'reply', text: 'Hvala, javljamo se uskoro.' },
    });
    expect(reply.status).toBe(201);
    const after = (await (await t.api(`/api/cases/${c.id}`, { cookie: admin })).json()) as CaseSummary;
    expect(after.firstResponseAt).not.toBeNull();
    expect(isFirstResponseOverdue(after, new Date(createdAt + 10_000 * MINUTE))).toBe(false);

    const closed = await t.api(`/api/cases/${c.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { status: 'closed', category: 'advice' },
    });
    expect(closed.status).toBe(200);
    const done = (await closed.json()) as CaseSummary;
    expect(done.closedAt).not.toBeNull();
  });

  it('a case cannot be closed without a category', async () => {
    const created = nextEvent<{ case: CaseSummary }>(supervisor, 'case:created');
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Bez kategorije', kind: 'help', language: 'sr-Latn' },
    });
    expect(res.status).toBe(202);
    const c = (await created).case;
    expect(c.category).toBeNull();
    const closed = await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: admin, json: { status: 'closed' } });
    expect(closed.status).toBe(400);
    expect(JSON.stringify(await closed.json())).toContain('category');
    const still = (await (await t.api(`/api/cases/${c.id}`, { cookie: admin })).json()) as CaseSummary;
    expect(still.status).not.toBe('closed');
    expect(still.closedAt).toBeNull();
  });
});
