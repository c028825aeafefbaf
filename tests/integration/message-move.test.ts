import { and, eq, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/domain/views.ts';
import { MERGE_TABLES } from '../../src/store/case-merge.repository.ts';
import {
  attachments,
  auditLog,
  caseAnonymisations,
  caseOutcomes,
  knownHashMatches,
  messages,
} from '../../src/store/schema/index.ts';
import { addSignedInUser, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { seedCase, seedContact } from '../helpers/people-seed.ts';

type Moved = { message: MessageView; from: CaseSummary; to: CaseSummary };

/**
 * Moving a message that landed in the wrong case, live for everyone and audited; and what neither
 * a merge nor a move may do: carry known abuse material for a counselor, touch an anonymised case,
 * take a case's own records (a referral's answer, the outcome) away from it.
 */
describe.each(['pglite', 'postgres'] as const)('moving a message, and the boundaries of merges (%s)', (engine) => {
  let t: TestKontakt;
  let counselor: { id: string; cookie: string };
  let supervisor: { id: string; cookie: string };
  let watcher: Socket;

  const post = (cookie: string, path: string, json: unknown) => t.api(path, { method: 'POST', cookie, json });
  const open = async (id: string) =>
    (await (await t.api(`/api/cases/${id}`, { cookie: counselor.cookie })).json()) as CaseDetail;
  const twoCases = async () => {
    const db = t.k.store.db;
    const contact = await seedContact(db, null, []);
    const from = await seedCase(db, { contactId: contact.id, channel: 'email', texts: ['Prva poruka', 'Tuđa poruka'] });
    const to = await seedCase(db, { contactId: null, channel: 'email', texts: ['Druga tema'] });
    return { from, to };
  };

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    const admin = await t.login();
    counselor = await addSignedInUser(t, admin, `savetnica-mv-${engine}@test.kontakt`);
    supervisor = await addSignedInUser(t, admin, `supervizor-mv-${engine}@test.kontakt`, 'supervisor');
    // Another counselor's inbox, open elsewhere: it hears the move too.
    const other = await addSignedInUser(t, admin, `kolega-mv-${engine}@test.kontakt`);
    watcher = await t.socket(other.cookie);
  }, 120_000);
  afterAll(async () => {
    watcher?.disconnect();
    await t?.cleanup();
  });

  it('moves a message to another case: both cases update, live for everyone, audited on both', async () => {
    const { from, to } = await twoCases();
    const wrong = from.messageIds[1] as string;
    const live = nextEvent<Moved>(watcher, 'message:moved', (e) => e.message.id === wrong);
    const res = await post(counselor.cookie, `/api/messages/${wrong}/move`, { toCaseId: to.id });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Moved;
    expect(body.message).toMatchObject({ id: wrong, caseId: to.id, text: 'Tuđa poruka' });
    expect(body.from).toMatchObject({ id: from.id, messageCount: 1, preview: 'Prva poruka' });
    expect(body.to).toMatchObject({ id: to.id, messageCount: 2, preview: 'Tuđa poruka' });
    const event = await live;
    expect(event.from.id).toBe(from.id);
    expect(event.to.id).toBe(to.id);

    expect((await open(from.id)).messages.map((m) => m.text)).toEqual(['Prva poruka']);
    expect((await open(to.id)).messages.map((m) => m.text)).toEqual(['Druga tema', 'Tuđa poruka']);
    const entries = await t.k.store.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, details: auditLog.details })
      .from(auditLog)
      .where(sql`${auditLog.action} in ('message.move_out', 'message.move_in')`);
    expect(entries).toEqual(
      expect.arrayContaining([
        {
          action: 'message.move_out',
          entityId: from.id,
          details: { messageId: wrong, toCaseId: to.id, toReference: to.reference },
        },
        {
          action: 'message.move_in',
          entityId: to.id,
          details: { messageId: wrong, fromCaseId: from.id, fromReference: from.reference },
        },
      ]),
    );

    const back = await post(counselor.cookie, `/api/messages/${wrong}/move`, { toCaseId: to.id });
    expect(back.status).toBe(400);
    expect(JSON.stringify(await back.json())).toContain('toCaseId');
    const unknown = await post(counselor.cookie, '/api/messages/00000000-0000-4000-8000-000000000000/move', {
      toCaseId: to.id,
    });
    expect(unknown.status).toBe(404);
    const noCase = await post(counselor.cookie, `/api/messages/${wrong}/move`, {
      toCaseId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noCase.status).toBe(400);
    expect(JSON.stringify(await noCase.json())).toContain('toCaseId');
  });

  it('keeps a referral answer and an outcome message with their case', async () => {
    const { from, to } = await twoCases();
    const outcomeMessage = from.messageIds[0] as string;
    await t.k.store.db.insert(caseOutcomes).values({
      caseId: from.id,
      outcome: 'advice_given',
      language: 'sr-Latn',
      text: 'Dali smo savet.',
      messageId: outcomeMessage,
      recordedBy: counselor.id,
      recordedAt: new Date(),
    });
    const res = await post(counselor.cookie, `/api/messages/${outcomeMessage}/move`, { toCaseId: to.id });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'message_bound' });
  });

  it('lets only supervisors and admins merge or move what carries known abuse material (refusal audited)', async () => {
    const db = t.k.store.db;
    const { from, to } = await twoCases();
    const withFile = from.messageIds[1] as string;
    const [file] = await db
      .insert(attachments)
      .values({
        messageId: withFile,
        fileName: 'x.png',
        contentType: 'image/png',
        size: 10,
        sha256: 'b'.repeat(64),
        createdAt: new Date(),
      })
      .returning({ id: attachments.id });
    await db.insert(knownHashMatches).values({
      attachmentId: file?.id ?? '',
      caseId: from.id,
      sha256: 'b'.repeat(64),
      listEntry: 'known.txt:1',
      matchedAt: new Date(),
    });
    const merge = await post(counselor.cookie, `/api/cases/${to.id}/merge`, { intoCaseId: from.id });
    expect(merge.status).toBe(403);
    expect(await merge.json()).toMatchObject({ error: 'restricted_case' });
    const move = await post(counselor.cookie, `/api/messages/${withFile}/move`, { toCaseId: to.id });
    expect(move.status).toBe(403);
    const refusals = await db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(sql`${auditLog.action} in ('case.merge_refused', 'message.move_refused')`);
    expect(refusals.map((r) => r.action).sort()).toEqual(['case.merge_refused', 'message.move_refused']);
    expect(refusals.every((r) => r.actorId === counselor.id)).toBe(true);

    // A supervisor may; the match follows the file to its new case.
    const moved = await post(supervisor.cookie, `/api/messages/${withFile}/move`, { toCaseId: to.id });
    expect(moved.status).toBe(200);
    const [match] = await db
      .select({ caseId: knownHashMatches.caseId })
      .from(knownHashMatches)
      .where(eq(knownHashMatches.attachmentId, file?.id ?? ''));
    expect(match?.caseId).toBe(to.id);
  });

  it('refuses anonymised cases and moves into a merged case', async () => {
    const db = t.k.store.db;
    const { from, to } = await twoCases();
    await db.insert(caseAnonymisations).values({ caseId: to.id, reason: 'erasure', at: new Date() });
    const move = await post(counselor.cookie, `/api/messages/${from.messageIds[0]}/move`, { toCaseId: to.id });
    expect(move.status).toBe(409);
    expect(await move.json()).toMatchObject({ error: 'case_anonymised' });
    const merge = await post(counselor.cookie, `/api/cases/${from.id}/merge`, { intoCaseId: to.id });
    expect(merge.status).toBe(409);

    const pair = await twoCases();
    expect((await post(counselor.cookie, `/api/cases/${pair.to.id}/merge`, { intoCaseId: pair.from.id })).status).toBe(
      200,
    );
    const intoMerged = await post(counselor.cookie, `/api/messages/${pair.from.messageIds[0]}/move`, {
      toCaseId: pair.to.id,
    });
    expect(intoMerged.status).toBe(409);
    expect(await intoMerged.json()).toMatchObject({ error: 'case_merged' });
    const [still] = await db
      .select({ caseId: messages.caseId })
      .from(messages)
      .where(and(eq(messages.id, pair.from.messageIds[0] ?? '')));
    expect(still?.caseId).toBe(pair.from.id);
  });

  it('knows what a merge does with every table that points at a case', async () => {
    const rows = await t.k.store.db.execute(sql`
      select distinct cl.relname as "table"
      from pg_constraint k
      join pg_class cl on cl.oid = k.conrelid
      join pg_class ref on ref.oid = k.confrelid
      where k.contype = 'f' and ref.relname = 'cases'`);
    const tables = (rows as unknown as { rows: { table: string }[] }).rows.map((r) => r.table).sort();
    expect(tables.length).toBeGreaterThan(5);
    expect(tables).toEqual([...MERGE_TABLES.carried, ...Object.keys(MERGE_TABLES.kept)].sort());
  });
});
