import { and, eq, inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailToEnvelope } from '../../connectors/email/mail-to-envelope.ts';
import type { Carried } from '../../src/domain/case-merge.service.ts';
import { applyEnvelope, DEFAULT_INGEST_OPTIONS } from '../../src/domain/ingest.service.ts';
import type { CaseDetail, CaseSummary } from '../../src/domain/views.ts';
import { createInboundEventRepository } from '../../src/store/inbound-event.repository.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { attachments, auditLog, cases, messages, referrals } from '../../src/store/schema/index.ts';
import { mail } from '../fixtures/email/mime.ts';
import { addSignedInUser, eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { seedCase, seedContact } from '../helpers/people-seed.ts';

/**
 * Merging two cases that are one matter: everything carried to the surviving case, the absorbed
 * case kept and marked, its reference and its reporter's receipt code still leading to the matter;
 * audited in the merge's transaction and announced live.
 */
describe.each(['pglite', 'postgres'] as const)('merging cases (%s)', (engine) => {
  let t: TestKontakt;
  let counselor: { id: string; cookie: string };
  let admin: string;
  let socket: Socket;
  const reporter = `dete-${engine}@example.rs`;
  // The second report came from a parent: another contact, whose claims on it must reach the survivor.
  const parent = `roditelj-${engine}@example.rs`;
  let report: { reference: string; receipt: string; caseId: string };
  let survivor: { id: string; reference: string };

  const as = (cookie: string) => ({
    post: (path: string, json: unknown) => t.api(path, { method: 'POST', cookie, json }),
    open: async (id: string) => (await (await t.api(`/api/cases/${id}`, { cookie })).json()) as CaseDetail,
  });
  const ingestMail = async (raw: Buffer) => {
    const env = await mailToEnvelope(raw, {
      mailbox: 'INBOX',
      maxAttachmentBytes: 1_000_000,
      maxRawBytes: 1_000_000,
      store: async () => 'x'.repeat(64),
      receivedAt: new Date(),
    });
    const db = t.k.store.db;
    const { id } = await createInboundEventRepository(db).record(env, new Date());
    const result = await applyEnvelope(createIngestUnitOfWork(db), id, env, new Date(), DEFAULT_INGEST_OPTIONS);
    if (result.outcome !== 'applied' || !result.caseId) throw new Error(`not applied: ${result.outcome}`);
    return result.caseId;
  };

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    admin = await t.login();
    counselor = await addSignedInUser(t, admin, `savetnik-${engine}@test.kontakt`);
    socket = await t.socket(counselor.cookie);
    const c = as(counselor.cookie);

    // The surviving case: the child's e-mail, answered, waiting for them.
    const survivorId = await ingestMail(mail({ from: `Marko <${reporter}>`, subject: 'Neko mi preti', body: 'Pomoć' }));
    const [row] = await t.k.store.db.select({ reference: cases.reference }).from(cases).where(eq(cases.id, survivorId));
    survivor = { id: survivorId, reference: row?.reference ?? '' };
    expect(
      (await c.post(`/api/cases/${survivorId}/messages`, { kind: 'reply', text: 'Tu smo, piši nam.' })).status,
    ).toBe(201);
    await t.api(`/api/cases/${survivorId}`, { method: 'PATCH', cookie: counselor.cookie, json: { status: 'waiting' } });
    await t.api(`/api/cases/${survivorId}/tags`, {
      method: 'PUT',
      cookie: counselor.cookie,
      json: { tags: ['škola'] },
    });

    // The same matter again, through the web form (the reporter keeps a receipt code).
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Isti dečak opet preti mom sinu.', email: parent, anonymous: false, consent: true },
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { reference: string; receipt: string };
    const caseId = await eventually(async () => {
      const [r] = await t.k.store.db.select({ id: cases.id }).from(cases).where(eq(cases.reference, body.reference));
      return r?.id;
    });
    report = { ...body, caseId };
    expect((await c.post(`/api/cases/${caseId}/messages`, { kind: 'note', text: 'Zvati školu.' })).status).toBe(201);
    await t.api(`/api/cases/${caseId}/tags`, {
      method: 'PUT',
      cookie: counselor.cookie,
      json: { tags: ['škola', 'pretnje'] },
    });
    // A call logged on it with a file, and a referral to the police.
    const db = t.k.store.db;
    const now = new Date();
    const [call] = await db
      .insert(messages)
      .values({
        caseId,
        direction: 'inbound',
        channel: 'phone',
        externalId: `call-merge-${engine}`,
        text: 'Poziv: dečak je pretio i telefonom.',
        createdAt: now,
        receivedAt: now,
      })
      .returning({ id: messages.id });
    await db.insert(attachments).values({
      messageId: call?.id ?? '',
      fileName: 'snimak.txt',
      contentType: 'text/plain',
      size: 3,
      sha256: 'a'.repeat(64),
      createdAt: now,
    });
    await db.insert(referrals).values({
      caseId,
      institution: 'ministry_interior',
      status: 'sent',
      summary: 'Pretnje detetu.',
      createdBy: counselor.id,
      createdAt: now,
      updatedAt: now,
      sentAt: now,
    });
  }, 180_000);
  afterAll(async () => {
    socket?.disconnect();
    await t?.cleanup();
  });

  it('carries messages, notes, the call and its file, tags and the referral to the surviving case, live', async () => {
    const c = as(counselor.cookie);
    const merged = nextEvent<{ caseId: string; reference: string; into: CaseSummary }>(socket, 'case:merged');
    const updated = nextEvent<{ case: CaseSummary }>(socket, 'case:updated', (e) => e.case.id === survivor.id);
    const res = await c.post(`/api/cases/${report.caseId}/merge`, { intoCaseId: survivor.id });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { merged: CaseSummary; into: CaseSummary; carried: Carried };
    expect(body.carried).toEqual({
      messages: 2,
      notes: 1,
      calls: 1,
      attachments: 1,
      tags: 2,
      referrals: 1,
      outcomes: 0,
    });
    expect(await merged).toEqual({
      caseId: report.caseId,
      reference: report.reference,
      into: expect.objectContaining({ id: survivor.id }),
    });
    expect((await updated).case.messageCount).toBe(5);

    const into = await c.open(survivor.id);
    expect(into.messages.map((m) => m.text)).toEqual(
      expect.arrayContaining(['Pomoć', 'Tu smo, piši nam.', 'Zvati školu.', 'Poziv: dečak je pretio i telefonom.']),
    );
    expect(into.messages).toHaveLength(5);
    expect(into.messages.flatMap((m) => m.attachments.map((a) => a.fileName))).toEqual(['snimak.txt']);
    // An open referral came along: the surviving case is referred now.
    expect(into.status).toBe('referred');
    const extras = (await (await t.api(`/api/cases/${survivor.id}/extras`, { cookie: counselor.cookie })).json()) as {
      tags: string[];
    };
    expect(extras.tags).toEqual(['pretnje', 'škola']);
    const refs = await t.k.store.db.select({ caseId: referrals.caseId }).from(referrals);
    expect(refs).toEqual([{ caseId: survivor.id }]);

    const absorbed = await c.open(report.caseId);
    expect(absorbed.mergedInto).toEqual({ id: survivor.id, reference: survivor.reference });
    expect(absorbed.messages).toEqual([]);
    expect(absorbed.status).toBe('closed');

    const entries = await t.k.store.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, actorId: auditLog.actorId })
      .from(auditLog)
      .where(inArray(auditLog.action, ['case.merge', 'case.absorb']));
    expect(entries.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: 'case.absorb', entityId: survivor.id, actorId: counselor.id },
      { action: 'case.merge', entityId: report.caseId, actorId: counselor.id },
    ]);
  });

  it('leaves the lists; its reference opens the surviving case', async () => {
    const list = (await (await t.api('/api/cases?limit=200', { cookie: counselor.cookie })).json()) as {
      items: CaseSummary[];
    };
    expect(list.items.map((i) => i.id)).not.toContain(report.caseId);
    expect(list.items.map((i) => i.id)).toContain(survivor.id);
    const byRef = await t.api(`/api/cases/by-reference/${report.reference}`, { cookie: counselor.cookie });
    expect(byRef.status).toBe(200);
    expect(await byRef.json()).toMatchObject({ id: survivor.id, reference: survivor.reference });
  });

  it('is counted once in the statistics, as the case it went into', async () => {
    const year = new Date().getUTCFullYear();
    const res = await t.api(`/api/stats?from=${year - 1}-01-01&to=${year + 1}-01-01`, { cookie: admin });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { totalCases: number; byChannel: { key: string; cases: number }[] };
    expect(s.totalCases).toBe(1);
    expect(s.byChannel.filter((c) => c.cases > 0).map((c) => c.key)).toEqual(['email']);
  });

  it("keeps the reporter's receipt code working: the status page shows the surviving case's progress", async () => {
    const res = await t.api('/api/reports/status', {
      method: 'POST',
      json: { reference: report.reference, receipt: report.receipt },
    });
    expect(res.status).toBe(200);
    const status = (await res.json()) as { reference: string; status: string; messages: { text: string }[] };
    expect(status.reference).toBe(report.reference);
    expect(status.status).toBe('referred');
    expect(status.messages.map((m) => m.text)).toEqual(['Tu smo, piši nam.']);
    // What the reporter adds with the code lands in the surviving case.
    const added = await t.api('/api/reports/status/add', {
      method: 'POST',
      headers: { origin: t.url },
      json: { reference: report.reference, receipt: report.receipt, description: 'Sada mi piše i na Instagramu.' },
    });
    expect(added.status).toBe(202);
    await eventually(async () => {
      const [m] = await t.k.store.db
        .select({ caseId: messages.caseId })
        .from(messages)
        .where(eq(messages.text, 'Sada mi piše i na Instagramu.'));
      return m?.caseId === survivor.id;
    });
  });

  it("threads the absorbed case's reporter's e-mail quoting its reference into the surviving case", async () => {
    const caseId = await ingestMail(
      mail({ from: parent, subject: `Re: Vaša prijava [${report.reference}]`, body: 'Još nešto.' }),
    );
    expect(caseId).toBe(survivor.id);
  });

  it('refuses a merge into itself, into or of a merged case, an unknown case, and a bad body', async () => {
    const c = as(counselor.cookie);
    const other = await seedCase(t.k.store.db, { contactId: null, channel: 'web_form', texts: ['x'] });
    const self = await c.post(`/api/cases/${other.id}/merge`, { intoCaseId: other.id });
    expect(self.status).toBe(400);
    expect(JSON.stringify(await self.json())).toContain('intoCaseId');
    const intoMerged = await c.post(`/api/cases/${other.id}/merge`, { intoCaseId: report.caseId });
    expect(intoMerged.status).toBe(409);
    expect(await intoMerged.json()).toMatchObject({ error: 'case_merged' });
    const again = await c.post(`/api/cases/${report.caseId}/merge`, { intoCaseId: other.id });
    expect(again.status).toBe(409);
    // The absorbed case stays as it was: no reopening (new mail would land there), no note, no reply.
    const reopen = await t.api(`/api/cases/${report.caseId}`, {
      method: 'PATCH',
      cookie: counselor.cookie,
      json: { status: 'open' },
    });
    expect(reopen.status).toBe(409);
    expect(await reopen.json()).toMatchObject({ error: 'case_merged' });
    const note = await c.post(`/api/cases/${report.caseId}/messages`, { kind: 'note', text: 'kasno' });
    expect(note.status).toBe(409);
    const unknownInto = await c.post(`/api/cases/${other.id}/merge`, {
      intoCaseId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownInto.status).toBe(400);
    expect(JSON.stringify(await unknownInto.json())).toContain('intoCaseId');
    const unknown = await c.post('/api/cases/00000000-0000-4000-8000-000000000000/merge', { intoCaseId: other.id });
    expect(unknown.status).toBe(404);
    const bad = await c.post(`/api/cases/${other.id}/merge`, { into: other.id });
    expect(bad.status).toBe(400);
    const [still] = await t.k.store.db.select().from(cases).where(eq(cases.id, other.id));
    expect(still?.mergedIntoId).toBeNull();
    expect(
      (await t.api(`/api/cases/${other.id}/merge`, { method: 'POST', json: { intoCaseId: other.id } })).status,
    ).toBe(401);
  });

  it('refuses to take a case out from under a legal hold, but merges another into a held case', async () => {
    const supervisor = await addSignedInUser(t, await t.login(), `supervizor-${engine}@test.kontakt`, 'supervisor');
    const db = t.k.store.db;
    const contact = await seedContact(db, null, []);
    const held = await seedCase(db, { contactId: contact.id, channel: 'email', texts: ['čuva se'] });
    const loose = await seedCase(db, { contactId: contact.id, channel: 'email', texts: ['slobodan'] });
    const hold = await t.api(`/api/cases/${held.id}/legal-hold`, {
      method: 'POST',
      cookie: supervisor.cookie,
      json: { reason: 'Upućeno policiji' },
    });
    expect(hold.status).toBe(201);
    const out = await as(counselor.cookie).post(`/api/cases/${held.id}/merge`, { intoCaseId: loose.id });
    expect(out.status).toBe(409);
    expect(await out.json()).toMatchObject({ error: 'legal_hold' });
    const [m] = await db
      .select({ caseId: messages.caseId })
      .from(messages)
      .where(eq(messages.id, held.messageIds[0] ?? ''));
    expect(m?.caseId).toBe(held.id);
    const into = await as(counselor.cookie).post(`/api/cases/${loose.id}/merge`, { intoCaseId: held.id });
    expect(into.status).toBe(200);
    const count = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.caseId, held.id)));
    expect(count).toHaveLength(2);
  });
  it('erases the merged case with the case it went into: its receipt code then finds nothing', async () => {
    const admin = await t.login();
    const res = await t.api('/api/admin/erasure', {
      method: 'POST',
      cookie: admin,
      json: { caseId: survivor.id, reason: 'reporter_request' },
    });
    expect(res.status).toBe(200);
    const [gone] = await t.k.store.db
      .select({ receiptHash: cases.receiptHash, contactId: cases.contactId })
      .from(cases)
      .where(eq(cases.id, report.caseId));
    expect(gone).toEqual({ receiptHash: null, contactId: null });
    const status = await t.api('/api/reports/status', {
      method: 'POST',
      json: { reference: report.reference, receipt: report.receipt },
    });
    expect(status.status).toBe(404);
  });
});
