import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases, triageFeedback } from '../../src/store/schema/index.ts';
import { addSignedInUser, eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { whileAuditRefuses } from '../helpers/refuse-audit.ts';

type Marks = { mine: string | null; marks: { mark: string; by: { id: string; name: string | null }; at: string }[] };
type Item = Record<string, unknown> & { reference: string; mark: string; by: { id: string; name: string | null } };
type List = { items: Item[]; counts: Record<string, number>; next: string | null };

/*
 * Counselors mark how a case was triaged on arrival; supervisors list the marks (the case by its
 * reference, never its words). Each mark and each withdrawal is audited in its own transaction.
 */
describe.each(['pglite', 'postgres'] as const)('triage feedback (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;
  let counselor: { id: string; cookie: string };
  let other: { id: string; cookie: string };
  let supervisor: { id: string; cookie: string };
  let urgentCase: { id: string; reference: string; priority: string };
  let quietCase: { id: string; reference: string; priority: string };

  const db = () => t.k.store.db;
  // Writes send JSON (the CSRF guard), a DELETE too.
  const feedbackOf = (
    caseId: string,
    cookie: string,
    method = 'GET',
    json: unknown = method === 'GET' ? undefined : {},
  ) => t.api(`/api/cases/${caseId}/triage-feedback`, { method, cookie, ...(json !== undefined && { json }) });
  const mark = (caseId: string, value: string, cookie = counselor.cookie) =>
    feedbackOf(caseId, cookie, 'PUT', { mark: value });
  const list = async (query = '', cookie = supervisor.cookie) => {
    const res = await t.api(`/api/triage/feedback${query}`, { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as List;
  };
  const entries = (caseId: string) =>
    db()
      .select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, caseId), like(auditLog.action, 'case.triage_feedback%')))
      .orderBy(auditLog.id);
  /** A report from the public form, once the worker has opened its case. */
  const report = async (description: string) => {
    const res = await t.api('/api/reports', { method: 'POST', json: { description } });
    const { reference } = (await res.json()) as { reference: string };
    return eventually(
      async () =>
        (
          await db()
            .select({ id: cases.id, reference: cases.reference, priority: cases.priority })
            .from(cases)
            .where(eq(cases.reference, reference))
        )[0],
    );
  };

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    admin = await t.login();
    counselor = await addSignedInUser(t, admin, 'savetnica@triage.test', 'counselor');
    other = await addSignedInUser(t, admin, 'savetnik@triage.test', 'counselor');
    supervisor = await addSignedInUser(t, admin, 'supervizorka@triage.test', 'supervisor');
    urgentCase = await report('Ubiću te od smeha kad vidiš ovaj snimak, sebi ću nauditi od smeha');
    quietCase = await report('Neki lik od 30 godina mi šalje poruke i pita kada su mi roditelji van kuće');
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('a counselor marks a case, changes her mind and takes the mark back, each audited once', async () => {
    const res = await mark(quietCase.id, 'should_have_been_urgent');
    expect(res.status).toBe(200);
    expect((await res.json()) as Marks).toMatchObject({
      mine: 'should_have_been_urgent',
      marks: [{ mark: 'should_have_been_urgent', by: { id: counselor.id } }],
    });
    const [row] = await db().select().from(triageFeedback).where(eq(triageFeedback.caseId, quietCase.id));
    expect(row).toMatchObject({ markedBy: counselor.id, priorityAtMark: quietCase.priority });

    // The same mark again changes nothing; another one replaces hers.
    expect((await mark(quietCase.id, 'should_have_been_urgent')).status).toBe(200);
    expect((await mark(quietCase.id, 'should_not_have_been_urgent')).status).toBe(200);
    expect(await entries(quietCase.id)).toEqual([
      {
        action: 'case.triage_feedback',
        actorId: counselor.id,
        details: { mark: 'should_have_been_urgent', previous: null },
      },
      {
        action: 'case.triage_feedback',
        actorId: counselor.id,
        details: { mark: 'should_not_have_been_urgent', previous: 'should_have_been_urgent' },
      },
    ]);

    expect((await feedbackOf(quietCase.id, counselor.cookie, 'DELETE')).status).toBe(204);
    expect((await feedbackOf(quietCase.id, counselor.cookie, 'DELETE')).status).toBe(404);
    expect((await entries(quietCase.id)).at(-1)).toMatchObject({
      action: 'case.triage_feedback_withdrawn',
      details: { mark: 'should_not_have_been_urgent' },
    });
    const after = (await (await feedbackOf(quietCase.id, other.cookie)).json()) as Marks;
    expect(after).toEqual({ mine: null, marks: [] });
  });

  it('supervisors list the marks by case reference, with who and when, the totals, filters and pages', async () => {
    expect((await mark(urgentCase.id, 'should_not_have_been_urgent')).status).toBe(200);
    expect((await mark(quietCase.id, 'should_have_been_urgent', other.cookie)).status).toBe(200);
    const all = await list();
    expect(all.counts).toEqual({ should_have_been_urgent: 1, should_not_have_been_urgent: 1 });

    expect(all.items.map((i) => [i.reference, i.mark, i.by.name])).toEqual([
      [quietCase.reference, 'should_have_been_urgent', expect.any(String)],
      [urgentCase.reference, 'should_not_have_been_urgent', expect.any(String)],
    ]);
    // The case by reference only: nothing of its words is in the list.
    expect(Object.keys(all.items[0] ?? {}).sort()).toEqual(
      ['at', 'by', 'caseId', 'id', 'mark', 'priority', 'priorityAtMark', 'reference'].sort(),
    );
    expect(JSON.stringify(all)).not.toContain('roditelji');

    expect((await list('?mark=should_not_have_been_urgent')).items.map((i) => i.reference)).toEqual([
      urgentCase.reference,
    ]);
    const first = await list('?limit=1');
    expect(first.items).toHaveLength(1);
    const second = await list(`?limit=1&cursor=${first.next}`);
    expect(second.items.map((i) => i.reference)).toEqual([urgentCase.reference]);
    expect(second.next).toBeNull();
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await list(`?from=${future}`)).items).toEqual([]);
  });

  it('the list is the supervisors’ and admins’: a counselor is refused', async () => {
    expect((await t.api('/api/triage/feedback', { cookie: counselor.cookie })).status).toBe(403);
    expect((await t.api('/api/triage/feedback', { cookie: admin })).status).toBe(200);
    expect((await t.api('/api/triage/feedback')).status).toBe(401);
  });

  it('bad input is a 400 naming the field; an unknown case a 404', async () => {
    const fieldOf = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await fieldOf(await mark(quietCase.id, 'maybe'))).toEqual(['mark']);
    expect(await fieldOf(await feedbackOf(quietCase.id, counselor.cookie, 'PUT', {}))).toEqual(['mark']);
    expect(await fieldOf(await mark('not-a-uuid', 'should_have_been_urgent'))).toEqual(['id']);
    expect(await fieldOf(await t.api('/api/triage/feedback?limit=0', { cookie: supervisor.cookie }))).toEqual([
      'limit',
    ]);
    expect(await fieldOf(await t.api('/api/triage/feedback?cursor=xyz', { cookie: supervisor.cookie }))).toEqual([
      'cursor',
    ]);
    expect((await mark(randomUUID(), 'should_have_been_urgent')).status).toBe(404);
  });

  it('a mark is not stored, changed or taken back without its audit entry', async () => {
    const mine = async () =>
      (
        await db()
          .select({ mark: triageFeedback.mark })
          .from(triageFeedback)
          .where(and(eq(triageFeedback.caseId, urgentCase.id), eq(triageFeedback.markedBy, other.id)))
      ).map((r) => r.mark);
    const set = (value: string) => () => mark(urgentCase.id, value, other.cookie);
    expect((await whileAuditRefuses(db(), 'case.triage_feedback', set('should_have_been_urgent'))).status).toBe(500);
    expect(await mine()).toEqual([]);
    expect((await set('should_have_been_urgent')()).status).toBe(200);
    expect((await whileAuditRefuses(db(), 'case.triage_feedback', set('should_not_have_been_urgent'))).status).toBe(
      500,
    );
    expect(await mine()).toEqual(['should_have_been_urgent']);
    const withdraw = () => feedbackOf(urgentCase.id, other.cookie, 'DELETE');
    expect((await whileAuditRefuses(db(), 'case.triage_feedback_withdrawn', withdraw)).status).toBe(500);
    expect(await mine()).toEqual(['should_have_been_urgent']);
    expect((await withdraw()).status).toBe(204);
    expect(await mine()).toEqual([]);
  });
});
