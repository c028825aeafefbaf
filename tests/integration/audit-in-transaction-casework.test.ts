import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeadLetterRepository } from '../../src/store/dead-letter.repository.ts';
import {
  cannedResponses,
  caseAnonymisations,
  caseOutcomes,
  cases,
  caseTags,
  categories,
  deadLetters,
  inboundEvents,
  institutions,
  legalHolds,
  outcomeTemplates,
} from '../../src/store/schema/index.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { whileAuditRefuses } from '../helpers/refuse-audit.ts';

/*
 * Casework and administration: each change is written with its audit entry in one transaction.
 * While the audit log refuses the entry the request fails and the change is not there; with the
 * log working again the same request succeeds.
 */
describe.each(['pglite', 'postgres'] as const)('casework changes and their audit entries (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;
  let caseId: string;

  const db = () => t.k.store.db;
  const refusing = <T>(action: string, fn: () => Promise<T>) => whileAuditRefuses(db(), action, fn);
  const call = (method: string, path: string, json?: unknown) =>
    t.api(path, { method, cookie: admin, ...(json !== undefined && { json }) });
  /** A new case from the public form. */
  const newCase = async (description: string) => {
    const res = await t.api('/api/reports', { method: 'POST', json: { description } });
    const { reference } = (await res.json()) as { reference: string };
    return eventually(async () => (await db().select().from(cases).where(eq(cases.reference, reference)))[0]?.id);
  };

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    admin = await t.login();
    caseId = await newCase('Neko mi preti preko poruka.');
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('a legal hold is not placed or lifted without its entry', async () => {
    const holds = () => db().select().from(legalHolds).where(eq(legalHolds.caseId, caseId));
    const place = () => call('POST', `/api/cases/${caseId}/legal-hold`, { reason: 'Policija traži' });
    expect((await refusing('case.legal_hold', place)).status).toBe(500);
    expect(await holds()).toEqual([]);
    expect((await place()).status).toBe(201);

    const lift = () => call('POST', `/api/cases/${caseId}/legal-hold/lift`, { reason: 'Postupak završen' });
    expect((await refusing('case.legal_hold_lifted', lift)).status).toBe(500);
    expect((await holds()).map((h) => h.liftedAt)).toEqual([null]);
    expect((await lift()).status).toBe(200);
    expect((await holds())[0]?.liftedAt).not.toBeNull();
  });

  it('a category is not added or renamed without its entry', async () => {
    const category = async () => (await db().select().from(categories).where(eq(categories.code, 'sextortion')))[0];
    const add = () =>
      call('POST', '/api/categories', { code: 'sextortion', labels: { 'sr-Latn': 'Iznuda', en: 'Sextortion' } });
    expect((await refusing('taxonomy.add', add)).status).toBe(500);
    expect(await category()).toBeUndefined();
    expect((await add()).status).toBe(201);

    const rename = () => call('PATCH', '/api/categories/sextortion', { labels: { en: 'Sexual extortion' } });
    expect((await refusing('taxonomy.rename', rename)).status).toBe(500);
    expect((await category())?.labels.en).toBe('Sextortion');
    expect((await rename()).status).toBe(200);
    expect((await category())?.labels.en).toBe('Sexual extortion');
  });

  it('outcome templates, canned responses and a told outcome are not changed without their entries', async () => {
    const template = async () =>
      (
        await db()
          .select({ body: outcomeTemplates.body })
          .from(outcomeTemplates)
          .where(and(eq(outcomeTemplates.outcome, 'advice_given'), eq(outcomeTemplates.language, 'en')))
      )[0]?.body;
    const before = await template();
    const save = () => call('PUT', '/api/outcome-templates/advice_given/en', { body: 'We advised you ({reference}).' });
    expect((await refusing('outcome_template.update', save)).status).toBe(500);
    expect(await template()).toBe(before);
    expect((await save()).status).toBeLessThan(300);
    expect(await template()).toBe('We advised you ({reference}).');

    const canned = { title: 'Pozdrav', body: 'Hvala što ste nam pisali.', language: 'sr-Latn' };
    const byTitle = (title: string) => db().select().from(cannedResponses).where(eq(cannedResponses.title, title));
    expect((await refusing('canned.create', () => call('POST', '/api/canned-responses', canned))).status).toBe(500);
    expect(await byTitle('Pozdrav')).toEqual([]);
    const { id } = (await (await call('POST', '/api/canned-responses', canned)).json()) as { id: string };
    const edit = () => call('PUT', `/api/canned-responses/${id}`, { ...canned, title: 'Zdravo' });
    expect((await refusing('canned.update', edit)).status).toBe(500);
    expect(await byTitle('Zdravo')).toEqual([]);
    const remove = () => call('DELETE', `/api/canned-responses/${id}`, {});
    expect((await refusing('canned.delete', remove)).status).toBe(500);
    expect(await byTitle('Pozdrav')).toHaveLength(1);
    expect((await remove()).status).toBeLessThan(300);
    expect(await byTitle('Pozdrav')).toEqual([]);

    const tell = () =>
      call('POST', `/api/cases/${caseId}/outcome`, { outcome: 'advice_given', text: 'Savet je dat.', send: false });
    const told = () => db().select().from(caseOutcomes).where(eq(caseOutcomes.caseId, caseId));
    expect((await refusing('case.outcome', tell)).status).toBe(500);
    expect(await told()).toEqual([]);
    expect((await tell()).status).toBe(201);
    expect(await told()).toHaveLength(1);
  });

  it('tags are not set without their entry', async () => {
    const tags = () => db().select().from(caseTags).where(eq(caseTags.caseId, caseId));
    const set = () => call('PUT', `/api/cases/${caseId}/tags`, { tags: ['ucena', 'hitno'] });
    expect((await refusing('case.tags', set)).status).toBe(500);
    expect(await tags()).toEqual([]);
    expect((await set()).status).toBe(200);
    expect(await tags()).toHaveLength(2);
  });

  it('an institution is not added or changed without its entry', async () => {
    const names = { 'sr-Latn': 'Dom zdravlja', 'sr-Cyrl': 'Дом здравља', en: 'Health centre' };
    const row = async () => (await db().select().from(institutions).where(eq(institutions.code, 'dom_zdravlja')))[0];
    const add = () => call('POST', '/api/institutions', { code: 'dom_zdravlja', names, email: 'dz@test.rs' });
    expect((await refusing('institution.create', add)).status).toBe(500);
    expect(await row()).toBeUndefined();
    expect((await add()).status).toBe(201);
    const change = () => call('PATCH', '/api/institutions/dom_zdravlja', { email: 'kontakt@dz.test.rs' });
    expect((await refusing('institution.update', change)).status).toBe(500);
    expect((await row())?.email).toBe('dz@test.rs');
    expect((await change()).status).toBe(200);
    expect((await row())?.email).toBe('kontakt@dz.test.rs');
  });

  it('a dead letter is not replayed without its entry: still unreplayed, its event as it was', async () => {
    const other = await newCase('Poruka čiji je posao pao.');
    const [event] = await db().select().from(inboundEvents).where(eq(inboundEvents.caseId, other));
    if (!event) throw new Error('no inbound event');
    const id = await createDeadLetterRepository(db()).add({
      queue: 'inbound',
      jobName: 'apply',
      jobId: null,
      inboundEventId: event.id,
      payload: event.envelope,
      reason: 'test: failed for good',
      attempts: 3,
      now: new Date(),
    });
    const state = async () => ({
      replayed: (await db().select().from(deadLetters).where(eq(deadLetters.id, id)))[0]?.replayedAt !== null,
      event: (await db().select().from(inboundEvents).where(eq(inboundEvents.id, event.id)))[0]?.status,
    });
    const before = await state();
    expect(before.replayed).toBe(false);
    const replay = () => call('POST', `/api/admin/dead-letters/${id}/replay`, {});
    expect((await refusing('dead_letter.replay', replay)).status).toBe(500);
    expect(await state()).toEqual(before);
    expect((await replay()).status).toBe(202);
    expect((await state()).replayed).toBe(true);
  });

  it('a reporter’s data is not erased without its entry', async () => {
    const other = await newCase('Podaci koje treba obrisati.');
    const erased = () => db().select().from(caseAnonymisations).where(eq(caseAnonymisations.caseId, other));
    const erase = () => call('POST', '/api/admin/erasure', { caseId: other, reason: 'reporter_request' });
    expect((await refusing('erasure', erase)).status).toBe(500);
    expect(await erased()).toEqual([]);
    expect((await erase()).status).toBe(200);
    expect(await erased()).toHaveLength(1);
  });
});
