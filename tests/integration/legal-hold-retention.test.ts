import { Queue } from 'bullmq';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/domain/views.ts';
import {
  auditLog,
  blobs,
  caseAnonymisations,
  cases,
  contactIdentities,
  inboundEvents,
  referrals,
} from '../../src/store/schema/index.ts';
import { deliverMail, mimeWithFiles, sha256 } from '../fixtures/email/mail-with-files.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { TEST_REDIS_URL } from '../helpers/services.ts';

const DAY = 86_400_000;
const PDF = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\ntrailer << >>\n%%EOF\n`);

describe.each(['postgres', 'pglite'] as const)('legal hold, retention and erasure (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;
  let supervisor: string;
  let counselor: string;
  const ids: Record<'old' | 'held' | 'recent' | 'open' | 'eva1' | 'eva2', string> = {
    old: '',
    held: '',
    recent: '',
    open: '',
    eva1: '',
    eva2: '',
  };
  const oldFile = PDF('star predmet');
  /** Sent in the old case and in a recent one: its blob must outlive the old case. */
  const sharedFile = PDF('isti fajl');
  const blobCount = async (key: string) => (await db().select().from(blobs).where(eq(blobs.sha256, key))).length;

  const db = () => t.k.store.db;
  const caseId = (subject: string) =>
    eventually(async () => {
      const [row] = await db().select({ id: cases.id }).from(cases).where(eq(cases.subject, subject));
      return row?.id;
    }, 60_000);
  const detail = async (id: string) =>
    (await (await t.api(`/api/cases/${id}`, { cookie: supervisor })).json()) as CaseDetail;
  const close = (id: string, daysAgo: number) =>
    db()
      .update(cases)
      .set({
        status: 'closed',
        closedAt: new Date(Date.now() - daysAgo * DAY),
        category: 'integrity',
        reporterRole: 'parent',
      })
      .where(eq(cases.id, id));
  const holdOn = (id: string, cookie: string, reason = 'Prijavljeno policiji, upisnik 42/2026') =>
    t.api(`/api/cases/${id}/legal-hold`, { method: 'POST', cookie, json: { reason } });

  beforeAll(async () => {
    t = await startTestKontakt(engine, { RETENTION_CLOSED_CASE_DAYS: '30' });
    admin = await t.login();
    supervisor = (await addUser(t, 'supervisor', 'supervizor@test.kontakt')).cookie;
    counselor = (await addUser(t, 'counselor', 'savetnik@test.kontakt')).cookie;
    const mails: [keyof typeof ids, string, string][] = [
      ['old', 'Ana Anić <ana@example.rs>', 'Stari predmet Ane'],
      ['held', 'Bojan <bojan@example.rs>', 'Predmet kod policije'],
      ['recent', 'Ceca <ceca@example.rs>', 'Skoro zatvoren'],
      ['open', 'Dule <dule@example.rs>', 'Još otvoren'],
      ['eva1', 'Eva <eva@example.rs>', 'Eva prvi put'],
      ['eva2', 'Eva <eva@example.rs>', 'Eva drugi put'],
    ];
    for (const [key, from, subject] of mails) {
      const shared = { name: 'isti.pdf', type: 'application/pdf', bytes: sharedFile };
      const files =
        key === 'old'
          ? [{ name: 'dopis.pdf', type: 'application/pdf', bytes: oldFile }, shared]
          : key === 'recent'
            ? [shared]
            : [];
      await deliverMail(t, mimeWithFiles({ subject, from, text: `Poruka: ${subject}`, files }));
      ids[key] = await caseId(subject);
    }
    await close(ids.old, 100);
    await close(ids.held, 100);
    await close(ids.recent, 5);
    await close(ids.eva2, 3);
    // ministry_interior is one of the default institutions the server seeds at start.
    for (const id of [ids.old, ids.held])
      await db().insert(referrals).values({
        caseId: id,
        institution: 'ministry_interior',
        status: 'answered',
        summary: 'Ana Anić, učenica, prijavila pretnje',
        outcome: 'criminal_complaint',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
  }, 240_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('legal hold: supervisors place and lift it with a reason, counselors only see it; audited', async () => {
    expect((await holdOn(ids.held, counselor)).status).toBe(403);
    const bad = await holdOn(ids.held, supervisor, '');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('reason');
    const placed = await holdOn(ids.held, supervisor);
    expect(placed.status).toBe(201);
    expect((await holdOn(ids.held, admin)).status).toBe(409);
    const seen = (await (await t.api(`/api/cases/${ids.held}/legal-hold`, { cookie: counselor })).json()) as {
      active: { reason: string } | null;
      policeReferral: boolean;
      canManage: boolean;
    };
    expect(seen).toMatchObject({ policeReferral: true, canManage: false });
    expect(seen.active?.reason).toBe('Prijavljeno policiji, upisnik 42/2026');
    const notFound = await t.api('/api/cases/00000000-0000-4000-8000-000000000000/legal-hold', { cookie: supervisor });
    expect(notFound.status).toBe(404);

    // A hold placed and lifted on the old case leaves free text in the audit log (redacted later).
    expect((await holdOn(ids.old, supervisor, 'Ana Anić traži kopiju')).status).toBe(201);
    const lift = (cookie: string) =>
      t.api(`/api/cases/${ids.old}/legal-hold/lift`, { method: 'POST', cookie, json: { reason: 'Greška pri unosu' } });
    expect((await lift(counselor)).status).toBe(403);
    expect((await lift(supervisor)).status).toBe(200);
    expect((await lift(supervisor)).status).toBe(409);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['case.legal_hold', 'case.legal_hold_lifted']));
    expect(
      audit
        .filter((a) => a.entityId === ids.old)
        .map((a) => a.action)
        .sort(),
    ).toEqual(['case.legal_hold', 'case.legal_hold_lifted']);
  });

  it('dry run: admins see exactly what a run would anonymise, and nothing changes', async () => {
    expect((await t.api('/api/admin/retention/preview', { cookie: supervisor })).status).toBe(403);
    expect((await t.api('/api/admin/retention/preview', { cookie: counselor })).status).toBe(403);
    const r = await t.api('/api/admin/retention/preview', { cookie: admin });
    expect(r.status).toBe(200);
    const p = (await r.json()) as {
      retentionDays: number;
      eligible: number;
      held: number;
      messages: number;
      attachments: number;
      cases: { id: string; held: boolean }[];
    };
    expect(p).toMatchObject({ retentionDays: 30, eligible: 1, held: 1, messages: 1, attachments: 2 });
    expect(p.cases.map((c) => [c.id, c.held]).sort()).toEqual(
      [
        [ids.old, false],
        [ids.held, true],
      ].sort(),
    );
    expect((await detail(ids.old)).messages[0]?.text).toBe('Poruka: Stari predmet Ane');
    expect(await db().select().from(caseAnonymisations)).toHaveLength(0);
  });

  it('a run anonymises exactly the eligible cases, skips holds and keeps the statistics', async () => {
    const before = await detail(ids.old);
    const rawKey = String(before.messages[0]?.fields?.rawSha256);
    expect(await blobCount(rawKey)).toBe(1);
    expect((await t.api('/api/admin/retention/run', { method: 'POST', cookie: supervisor, json: {} })).status).toBe(
      403,
    );
    const started = await t.api('/api/admin/retention/run', { method: 'POST', cookie: admin, json: {} });
    expect(started.status).toBe(202);
    const run = await eventually(async () => {
      const { runs } = (await (await t.api('/api/admin/retention/runs', { cookie: admin })).json()) as {
        runs: { trigger: string; status: string; anonymised: number; skippedHeld: number }[];
      };
      return runs.find((x) => x.status !== 'running');
    }, 60_000);
    expect(run).toMatchObject({ trigger: 'manual', status: 'done', anonymised: 1, skippedHeld: 1 });

    const after = await detail(ids.old);
    // Personal data gone …
    expect(after.subject).toBeNull();
    expect(after.preview).toBe('');
    expect(after.contact).toBeNull();
    expect(after.messages[0]).toMatchObject({ text: '', html: null, subject: null, fields: null });
    expect(after.messages[0]?.flags).toContain('anonymised');
    expect(await blobCount(rawKey)).toBe(0);
    expect(await blobCount(sha256(sharedFile))).toBe(1);
    expect(after.messages[0]?.attachments[0]).toMatchObject({ fileName: '[erased]', withheldReason: 'anonymised' });
    expect(
      await db()
        .select()
        .from(blobs)
        .where(eq(blobs.sha256, sha256(oldFile))),
    ).toHaveLength(0);
    expect(
      await db().select().from(contactIdentities).where(eq(contactIdentities.value, 'ana@example.rs')),
    ).toHaveLength(0);
    const events = await db().select().from(inboundEvents).where(eq(inboundEvents.caseId, ids.old));
    expect(events.map((e) => e.envelope)).toEqual([{ anonymised: true }]);
    // … statistics kept.
    expect(after).toMatchObject({
      reference: before.reference,
      channel: 'email',
      category: 'integrity',
      priority: before.priority,
      status: 'closed',
      reporterRole: 'parent',
      createdAt: before.createdAt,
      closedAt: before.closedAt,
    });
    expect(after.messages[0]?.attachments[0]?.contentType).toBe('application/pdf');
    const [ref] = await db().select().from(referrals).where(eq(referrals.caseId, ids.old));
    expect(ref).toMatchObject({
      institution: 'ministry_interior',
      status: 'answered',
      outcome: 'criminal_complaint',
      summary: '',
    });
    // The audit log keeps the entries, not the words.
    const entries = await db().select().from(auditLog).where(eq(auditLog.entityId, ids.old));
    expect(entries.some((e) => e.action === 'case.legal_hold')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('Ana');

    // Untouched: the held case, the recently closed one and the open one.
    for (const id of [ids.held, ids.recent, ids.open])
      expect((await detail(id)).messages[0]?.text).toMatch(/^Poruka: /);
    const [heldRef] = await db().select().from(referrals).where(eq(referrals.caseId, ids.held));
    expect(heldRef?.summary).toContain('Ana');

    // The daily schedule is registered once, for the whole cluster.
    const q = new Queue('retention', { connection: { url: TEST_REDIS_URL }, prefix: t.env.REDIS_PREFIX });
    try {
      const scheduler = await eventually(() => q.getJobScheduler('retention-daily'));
      expect(scheduler?.pattern).toBe('30 2 * * *');
    } finally {
      await q.close();
    }
  }, 120_000);

  it('erasure on request: admins only, refused under legal hold, removes one reporter everywhere', async () => {
    const erase = (cookie: string, json: unknown) => t.api('/api/admin/erasure', { method: 'POST', cookie, json });
    expect((await erase(supervisor, { caseId: ids.eva1, reason: 'reporter_request' })).status).toBe(403);
    const noReason = await erase(admin, { caseId: ids.eva1 });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('reason');
    expect((await erase(admin, { caseId: ids.eva1, contactId: ids.eva1, reason: 'reporter_request' })).status).toBe(
      400,
    );

    const refused = await erase(admin, { caseId: ids.held, reason: 'reporter_request' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toBe('legal_hold');
    expect((await detail(ids.held)).messages[0]?.text).toMatch(/^Poruka: /);

    const ok = await erase(admin, { caseId: ids.eva1, reason: 'reporter_request' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { erased: { id: string }[] };
    expect(body.erased.map((c) => c.id).sort()).toEqual([ids.eva1, ids.eva2].sort());
    for (const id of [ids.eva1, ids.eva2]) {
      const d = await detail(id);
      expect(d.messages[0]?.text).toBe('');
      expect(d.status).toBe('closed');
      expect(d.contact).toBeNull();
    }
    expect(
      await db().select().from(contactIdentities).where(eq(contactIdentities.value, 'eva@example.rs')),
    ).toHaveLength(0);
    const audit = await db().select().from(auditLog);
    expect(audit.some((a) => a.action === 'erasure')).toBe(true);
    expect(audit.some((a) => a.action === 'erasure.refused')).toBe(true);
    const text = JSON.stringify(audit);
    expect(text).not.toContain('eva@example.rs');
    expect(text).not.toContain('Eva prvi put');

    // Lifted, the hold no longer protects the case.
    const lifted = await t.api(`/api/cases/${ids.held}/legal-hold/lift`, {
      method: 'POST',
      cookie: admin,
      json: { reason: 'Postupak završen' },
    });
    expect(lifted.status).toBe(200);
    expect((await erase(admin, { caseId: ids.held, reason: 'legal_obligation' })).status).toBe(200);
    expect((await detail(ids.held)).messages[0]?.text).toBe('');
  }, 120_000);
});
