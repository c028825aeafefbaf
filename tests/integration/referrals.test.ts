import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/domain/password.ts';
import type { InstitutionView, ReferralView } from '../../src/domain/referrals.ts';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { createDeadLetterRepository } from '../../src/store/dead-letter.repository.ts';
import { auditLog, deadLetters, referrals } from '../../src/store/schema/index.ts';
import { createUserRepository } from '../../src/store/user.repository.ts';
import { mail } from '../fixtures/email/mime.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { eventually, nextEvent, type StoreKind, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { mailboxEnv } from '../helpers/mail-env.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const BOX = 'centar@test.rs';
const POLICE = 'vtk@policija.test';
const COUNSELOR = { email: 'mila@test.kontakt', password: 'lozinka savetnice 2026', name: 'Mila' };
const SUPERVISOR = { email: 'zoran@test.kontakt', password: 'lozinka supervizora 2026', name: 'Zoran' };

async function addUsers(t: TestKontakt) {
  const repo = createUserRepository(t.k.store.db);
  for (const [u, role] of [
    [COUNSELOR, 'counselor'],
    [SUPERVISOR, 'supervisor'],
  ] as const) {
    await repo.create({
      email: u.email,
      name: u.name,
      role,
      passwordHash: await hashPassword(u.password),
      now: new Date(),
    });
  }
  return {
    admin: await t.login(),
    counselor: await t.login(COUNSELOR.email, COUNSELOR.password),
    supervisor: await t.login(SUPERVISOR.email, SUPERVISOR.password),
  };
}

const json = async <T>(res: Response, status = 200): Promise<T> => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
};
const fieldsOf = async (res: Response) => {
  expect(res.status).toBe(400);
  return ((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
};

/** A web-form report with contact details; resolves with the case once the worker stored it. */
async function report(t: TestKontakt, cookie: string, body: Record<string, unknown>): Promise<CaseSummary> {
  const s = await t.socket(cookie);
  const marker = String(body.description).slice(0, 30);
  const created = nextEvent<{ case: CaseSummary }>(s, 'case:created', (e) => e.case.preview.startsWith(marker));
  await json(await t.api('/api/reports', { method: 'POST', json: body }), 202);
  const c = (await created).case;
  s.disconnect();
  return c;
}

describe('referrals to institutions (postgres, real SMTP and Dovecot)', () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let t: TestKontakt;
  let admin: string;
  let counselor: string;
  let supervisor: string;
  let reported: CaseSummary;
  let byEmail: ReferralView;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    smtp = await startSmtpSink();
    t = await startTestKontakt('postgres', {
      ...mailboxEnv(dovecot, BOX, smtp),
      REPORT_RATE_LIMIT: '1000',
      REFERRAL_INSTITUTION_EMAILS: `ministry_interior=${POLICE}`,
      REFERRAL_EMAIL_BACKOFF_MS: '50',
      REFERRAL_EMAIL_ATTEMPTS: '2',
    });
    ({ admin, counselor, supervisor } = await addUsers(t));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.cleanup();
    await smtp?.close();
    await dovecot?.stop();
  });
  const socket = async (cookie: string) => {
    const s = await t.socket(cookie);
    sockets.push(s);
    return s;
  };
  const caseOf = async (id: string) => json<CaseDetail>(await t.api(`/api/cases/${id}`, { cookie: counselor }));
  const referralsOf = async (id: string) =>
    (await json<{ items: ReferralView[] }>(await t.api(`/api/cases/${id}/referrals`, { cookie: counselor }))).items;

  it('seeds the default institutions in three languages, with configurable e-mail addresses', async () => {
    const { items } = await json<{ items: InstitutionView[] }>(await t.api('/api/institutions', { cookie: counselor }));
    expect(items.map((i) => i.code)).toEqual([
      'ministry_education',
      'ministry_social_work',
      'ministry_health',
      'ministry_interior',
      'prosecutor_high_tech_crime',
    ]);
    const police = items.find((i) => i.code === 'ministry_interior');
    expect(police?.email).toBe(POLICE);
    expect(police?.names).toEqual({
      'sr-Latn': 'Ministarstvo unutrašnjih poslova — policija',
      'sr-Cyrl': 'Министарство унутрашњих послова — полиција',
      en: 'Ministry of Interior — police',
    });
    expect(items.find((i) => i.code === 'ministry_health')?.email).toMatch(/\.invalid$/);
    expect((await t.api('/api/institutions')).status).toBe(401);
  });

  it('only an admin adds, renames, re-addresses and retires institutions; every change is audited', async () => {
    const body = {
      code: 'ombudsman',
      names: { 'sr-Latn': 'Zaštitnik građana', 'sr-Cyrl': 'Заштитник грађана', en: 'Ombudsman' },
      email: 'office@ombudsman.test',
    };
    expect((await t.api('/api/institutions', { method: 'POST', cookie: counselor, json: body })).status).toBe(403);
    expect((await t.api('/api/institutions', { method: 'POST', cookie: supervisor, json: body })).status).toBe(403);
    expect(
      await fieldsOf(
        await t.api('/api/institutions', { method: 'POST', cookie: admin, json: { ...body, email: 'not-an-address' } }),
      ),
    ).toContain('email');
    expect(
      await fieldsOf(
        await t.api('/api/institutions', { method: 'POST', cookie: admin, json: { ...body, code: 'Bad Code' } }),
      ),
    ).toContain('code');
    const created = await json<InstitutionView>(
      await t.api('/api/institutions', { method: 'POST', cookie: admin, json: body }),
      201,
    );
    expect(created.retiredAt).toBeNull();
    expect(await fieldsOf(await t.api('/api/institutions', { method: 'POST', cookie: admin, json: body }))).toContain(
      'code',
    );
    const patch = (json: unknown, cookie = admin) =>
      t.api('/api/institutions/ombudsman', { method: 'PATCH', cookie, json });
    expect((await patch({ email: 'x@y.test' }, counselor)).status).toBe(403);
    expect(await fieldsOf(await patch({}))).toContain('body');
    const renamed = await json<InstitutionView>(await patch({ names: { en: 'Protector of Citizens' } }));
    expect(renamed.names).toEqual({ ...body.names, en: 'Protector of Citizens' });
    expect((await json<InstitutionView>(await patch({ email: 'pisarnica@ombudsman.test' }))).email).toBe(
      'pisarnica@ombudsman.test',
    );
    const retired = await json<InstitutionView>(await patch({ retired: true }));
    expect(retired.retiredAt).not.toBeNull();
    const active = await json<{ items: InstitutionView[] }>(await t.api('/api/institutions', { cookie: admin }));
    expect(active.items.some((i) => i.code === 'ombudsman')).toBe(false);
    const all = await json<{ items: InstitutionView[] }>(await t.api('/api/institutions?all=true', { cookie: admin }));
    expect(all.items.find((i) => i.code === 'ombudsman')?.retiredAt).toBe(retired.retiredAt);
    expect(
      (await t.api('/api/institutions/nobody_here', { method: 'PATCH', cookie: admin, json: { retired: true } }))
        .status,
    ).toBe(404);

    const audit = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'institution'), eq(auditLog.entityId, 'ombudsman')));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'institution.create',
      'institution.update',
      'institution.update',
      'institution.update',
    ]);
  });

  it('proposes a summary with the reporter’s contact details removed unless asked to include them', async () => {
    reported = await report(t, counselor, {
      kind: 'report',
      description:
        'Referral test: moju ćerku uznemirava nepoznata osoba. Ja sam Jelena Marković, zovite me na 064 123 4567 ili pišite na jelena.m@example.rs. Počelo je 2026-11-20.',
      category: 'integrity',
      email: 'jelena.m@example.rs',
      phone: '+381641234567',
      anonymous: false,
      consent: true,
    });
    const draft = await json<{ summary: string; caseReference: string }>(
      await t.api(`/api/cases/${reported.id}/referral-draft`, { cookie: counselor }),
    );
    expect(draft.caseReference).toBe(reported.reference);
    expect(draft.summary).toContain(reported.reference);
    expect(draft.summary).toContain('Ugrožavanje fizičkog ili psihičkog integriteta');
    expect(draft.summary).toContain('Prioritet / Priority: normal');
    expect(draft.summary).toContain('moju ćerku uznemirava nepoznata osoba');
    expect(draft.summary).toContain('2026-11-20');
    for (const secret of ['jelena.m@example.rs', '064 123 4567', '+381641234567'])
      expect(draft.summary).not.toContain(secret);
    expect(draft.summary).toContain('[uklonjeno / redacted]');

    const full = await json<{ summary: string }>(
      await t.api(`/api/cases/${reported.id}/referral-draft?includeContact=true`, { cookie: counselor }),
    );
    expect(full.summary).toContain('jelena.m@example.rs');
    expect(full.summary).toContain('064 123 4567');
    expect(full.summary).toContain('+381641234567');
    expect((await t.api(`/api/cases/${reported.id}/referral-draft`)).status).toBe(401);
    const audited = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'referral.draft'), eq(auditLog.entityId, reported.id)));
    expect(audited.map((a) => a.details)).toEqual([{ includeContact: false }, { includeContact: true }]);
  });

  it('answers bad input with 400 naming the field', async () => {
    const post = (body: unknown) =>
      t.api(`/api/cases/${reported.id}/referrals`, { method: 'POST', cookie: counselor, json: body });
    const ok = { institution: 'ministry_interior', summary: 'Sažetak', delivery: 'other', otherMeans: 'phone' };
    expect(await fieldsOf(await post({ ...ok, delivery: undefined }))).toContain('delivery');
    expect(await fieldsOf(await post({ ...ok, otherMeans: undefined }))).toContain('otherMeans');
    expect(await fieldsOf(await post({ ...ok, otherMeans: 'pigeon' }))).toContain('otherMeans');
    expect(await fieldsOf(await post({ ...ok, summary: '   ' }))).toContain('summary');
    expect(await fieldsOf(await post({ ...ok, institution: 'no_such_place' }))).toContain('institution');
    expect(await fieldsOf(await post({ ...ok, institution: 'ombudsman' }))).toContain('institution');
    // A placeholder address is never mailed.
    expect(
      await fieldsOf(await post({ ...ok, institution: 'ministry_health', delivery: 'email', otherMeans: undefined })),
    ).toContain('institution');
    expect((await t.api('/api/cases/not-a-uuid/referrals', { cookie: counselor })).status).toBe(400);
    expect(
      (
        await t.api('/api/cases/00000000-0000-4000-8000-000000000000/referrals', {
          method: 'POST',
          cookie: counselor,
          json: ok,
        })
      ).status,
    ).toBe(404);
    expect(await referralsOf(reported.id)).toEqual([]);
  });

  it('a counselor refers by e-mail: the case becomes "referred" and the mail reaches SMTP with our Message-ID', async () => {
    const s = await socket(admin);
    const caseUpdated = nextEvent<{ case: CaseSummary; changed: string[] }>(
      s,
      'case:updated',
      (e) => e.case.id === reported.id && e.case.status === 'referred',
    );
    const delivered = nextEvent<{ referral: ReferralView }>(
      s,
      'referral:updated',
      (e) => e.referral.caseId === reported.id && e.referral.email?.status === 'sent',
    );
    const draft = await json<{ summary: string }>(
      await t.api(`/api/cases/${reported.id}/referral-draft`, { cookie: counselor }),
    );
    const summary = `${draft.summary}\n\nMolimo vas da preduzmete mere iz svoje nadležnosti.`;
    byEmail = await json<ReferralView>(
      await t.api(`/api/cases/${reported.id}/referrals`, {
        method: 'POST',
        cookie: counselor,
        json: { institution: 'ministry_interior', summary, delivery: 'email' },
      }),
      201,
    );
    expect(byEmail.status).toBe('sent');
    expect(byEmail.createdBy?.name).toBe(COUNSELOR.name);
    expect(byEmail.email?.to).toBe(POLICE);
    expect(byEmail.email?.messageId).toMatch(/^<kontakt\.referral\.[0-9a-f-]{36}@test\.rs>$/);
    expect(byEmail.overdue).toBe(false);
    expect((await caseUpdated).case.status).toBe('referred');

    const m = await smtp.next((x) => x.envelope.to.includes(POLICE));
    expect(m.parsed.messageId).toBe(byEmail.email?.messageId);
    expect(m.parsed.subject).toContain(`[${reported.reference}]`);
    expect(m.parsed.headers.get('x-kontakt-case')).toBe(reported.reference);
    expect(m.parsed.from?.text).toContain('centar@test.rs');
    expect(m.parsed.text?.trim()).toBe(summary.trim());
    expect(m.parsed.text).not.toContain('jelena.m@example.rs');
    const sent = (await delivered).referral;
    expect(sent.email?.sentAt).not.toBeNull();
    expect((await caseOf(reported.id)).status).toBe('referred');
  });

  it('the institution’s e-mail answer threads back into the case and marks the referral answered', async () => {
    const s = await socket(counselor);
    const arrived = nextEvent<{ caseId: string; message: MessageView }>(
      s,
      'message:created',
      (e) => e.message.text.includes('Predmet je zaveden kod nas'),
      20_000,
    );
    const answered = nextEvent<{ referral: ReferralView }>(
      s,
      'referral:updated',
      (e) => e.referral.id === byEmail.id && e.referral.status === 'answered',
      20_000,
    );
    // No case reference in the subject: only the In-Reply-To header ties it to the referral.
    await dovecot.append(
      BOX,
      mail({
        from: `Odeljenje VTK <${POLICE}>`,
        to: BOX,
        subject: 'Odgovor na vaš dopis',
        messageId: '<answer-1@policija.test>',
        inReplyTo: byEmail.email?.messageId as string,
        references: byEmail.email?.messageId as string,
        body: 'Predmet je zaveden kod nas i prosleđen nadležnom tužilaštvu.',
      }),
    );
    const msg = await arrived;
    expect(msg.caseId).toBe(reported.id);
    const r = (await answered).referral;
    expect(r.answerMessageId).toBe(msg.message.id);
    expect(r.answeredBy).toBeNull();
    expect(r.acknowledgedAt).not.toBeNull();
    expect(r.answeredAt).not.toBeNull();
    const list = await referralsOf(reported.id);
    expect(list.find((x) => x.id === byEmail.id)?.status).toBe('answered');
    expect((await caseOf(reported.id)).status).toBe('referred');
  });

  it('a referral sent by other means follows the life cycle forward only; the case reopens when all are closed', async () => {
    const other = await json<ReferralView>(
      await t.api(`/api/cases/${reported.id}/referrals`, {
        method: 'POST',
        cookie: counselor,
        json: {
          institution: 'ministry_social_work',
          summary: 'Predato telefonom centru za socijalni rad.',
          delivery: 'other',
          otherMeans: 'phone',
          note: 'Razgovarano sa dežurnim radnikom.',
        },
      }),
      201,
    );
    expect(other).toMatchObject({ status: 'sent', delivery: 'other', otherMeans: 'phone', email: null });
    const move = (id: string, body: unknown, cookie = counselor) =>
      t.api(`/api/referrals/${id}`, { method: 'PATCH', cookie, json: body });
    const ack = await json<ReferralView>(await move(other.id, { status: 'acknowledged' }));
    expect(ack.acknowledgedBy?.name).toBe(COUNSELOR.name);
    expect(await fieldsOf(await move(other.id, { status: 'sent' }))).toContain('status');
    expect(await fieldsOf(await move(other.id, { status: 'opened' }))).toContain('status');
    const ans = await json<ReferralView>(
      await move(other.id, { status: 'answered', outcome: 'Centar je preuzeo slučaj.' }, supervisor),
    );
    expect(ans).toMatchObject({ status: 'answered', outcome: 'Centar je preuzeo slučaj.' });
    expect(ans.answeredBy?.name).toBe(SUPERVISOR.name);
    await json(await move(other.id, { status: 'closed' }));
    // One referral still open: the case stays referred.
    expect((await caseOf(reported.id)).status).toBe('referred');
    const s = await socket(admin);
    const reopened = nextEvent<{ case: CaseSummary }>(
      s,
      'case:updated',
      (e) => e.case.id === reported.id && e.case.status === 'open',
    );
    const closed = await json<ReferralView>(await move(byEmail.id, { status: 'closed', outcome: 'Završeno.' }));
    expect(closed.closedBy?.name).toBe(COUNSELOR.name);
    expect((await reopened).case.status).toBe('open');
    expect(await fieldsOf(await move(byEmail.id, { status: 'closed' }))).toContain('status');

    const actions = await t.k.store.db.select().from(auditLog).where(eq(auditLog.entityId, other.id));
    expect(actions.map((a) => a.action)).toEqual([
      'referral.create',
      'referral.update',
      'referral.update',
      'referral.update',
    ]);
  });

  it('flags referrals not acknowledged in time, for the case and in the supervisors’ list', async () => {
    const c = await report(t, counselor, { kind: 'help', description: 'Overdue test: treba nam pomoć škole.' });
    const r = await json<ReferralView>(
      await t.api(`/api/cases/${c.id}/referrals`, {
        method: 'POST',
        cookie: counselor,
        json: { institution: 'ministry_education', summary: 'Poslato poštom.', delivery: 'other', otherMeans: 'post' },
      }),
      201,
    );
    expect(r.overdue).toBe(false);
    const due = new Date(r.ackDueAt as string).getTime() - new Date(r.sentAt as string).getTime();
    expect(due).toBe(5 * 86_400_000);
    // Sent six days ago (REFERRAL_ACK_DAYS defaults to 5).
    await t.k.store.db
      .update(referrals)
      .set({ sentAt: new Date(Date.now() - 6 * 86_400_000) })
      .where(eq(referrals.id, r.id));
    const [mine] = await referralsOf(c.id);
    expect(mine?.overdue).toBe(true);
    expect((await t.api('/api/referrals?overdue=true', { cookie: counselor })).status).toBe(403);
    const overdue = await json<{ items: ReferralView[] }>(
      await t.api('/api/referrals?overdue=true', { cookie: supervisor }),
    );
    expect(overdue.items.map((x) => x.id)).toEqual([r.id]);
    expect((await fieldsOf(await t.api('/api/referrals?status=lost', { cookie: supervisor })))[0]).toMatch(/^status/);
    // Acknowledged: no longer overdue.
    const ack = await json<ReferralView>(
      await t.api(`/api/referrals/${r.id}`, { method: 'PATCH', cookie: counselor, json: { status: 'acknowledged' } }),
    );
    expect(ack.overdue).toBe(false);
    const after = await json<{ items: ReferralView[] }>(
      await t.api('/api/referrals?overdue=true', { cookie: supervisor }),
    );
    expect(after.items).toEqual([]);
  });

  it('a refused e-mail shows as failed on the referral, is dead-lettered, and can be sent again', async () => {
    const c = await report(t, counselor, {
      kind: 'report',
      description: 'Failure test: lažni profil deteta.',
      category: 'illegal_content',
    });
    smtp.refuseNext(1);
    const s = await socket(counselor);
    const failed = nextEvent<{ referral: ReferralView }>(
      s,
      'referral:updated',
      (e) => e.referral.caseId === c.id && e.referral.email?.status === 'failed',
    );
    const r = await json<ReferralView>(
      await t.api(`/api/cases/${c.id}/referrals`, {
        method: 'POST',
        cookie: counselor,
        json: { institution: 'ministry_interior', summary: 'Lažni profil.', delivery: 'email' },
      }),
      201,
    );
    const f = (await failed).referral;
    expect(f.email?.error).toMatch(/550/);
    expect(f.status).toBe('sent');
    const dead = await t.k.store.db.select().from(deadLetters).where(eq(deadLetters.queue, 'referrals'));
    // The job's payload is quarantined, not in the row; the row knows the referral's case.
    const letter = dead.find((d) => d.caseId === c.id);
    expect(letter?.blobKey).toMatch(/^[0-9a-f]{64}$/);
    const kept = await createDeadLetterRepository(t.k.store.db).payload(letter?.id ?? '');
    expect(JSON.parse(kept?.bytes.toString('utf8') ?? '{}')).toMatchObject({ referralId: r.id });

    const sentAgain = nextEvent<{ referral: ReferralView }>(
      s,
      'referral:updated',
      (e) => e.referral.id === r.id && e.referral.email?.status === 'sent',
    );
    const retried = await json<ReferralView>(
      await t.api(`/api/referrals/${r.id}/retry`, { method: 'POST', cookie: counselor, json: {} }),
    );
    expect(retried.email?.status).toBe('pending');
    await sentAgain;
    const m = await smtp.next((x) => x.parsed.messageId === r.email?.messageId);
    expect(m.envelope.to).toEqual([POLICE]);
    expect(
      await fieldsOf(await t.api(`/api/referrals/${r.id}/retry`, { method: 'POST', cookie: counselor, json: {} })),
    ).toContain('id');
  });

  it('a closed case stays closed when its referrals close', async () => {
    const c = await report(t, counselor, {
      kind: 'report',
      description: 'Closed test: pretnje u igrici.',
      category: 'integrity',
    });
    const r = await json<ReferralView>(
      await t.api(`/api/cases/${c.id}/referrals`, {
        method: 'POST',
        cookie: counselor,
        json: {
          institution: 'ministry_interior',
          summary: 'Lično predato.',
          delivery: 'other',
          otherMeans: 'in_person',
        },
      }),
      201,
    );
    expect((await caseOf(c.id)).status).toBe('referred');
    await json(await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: counselor, json: { status: 'closed' } }));
    await json(
      await t.api(`/api/referrals/${r.id}`, { method: 'PATCH', cookie: counselor, json: { status: 'closed' } }),
    );
    expect((await caseOf(c.id)).status).toBe('closed');
  });
});

describe.each<StoreKind>(['pglite'])('referral life cycle (%s)', (kind) => {
  let t: TestKontakt;
  let counselor: string;
  beforeAll(async () => {
    t = await startTestKontakt(kind, { REPORT_RATE_LIMIT: '1000', REFERRAL_ACK_DAYS: '2' });
    ({ counselor } = await addUsers(t));
    // PGlite applies every migration in-process: slow on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('refers, moves on and closes; no SMTP configured means e-mail delivery is refused with the field', async () => {
    const c = await report(t, counselor, { kind: 'help', description: 'PGlite referral: savet za roditelje.' });
    const base = { institution: 'ministry_health', summary: 'Sažetak za ministarstvo.' };
    const noMail = await t.api(`/api/cases/${c.id}/referrals`, {
      method: 'POST',
      cookie: counselor,
      json: { ...base, delivery: 'email' },
    });
    expect(await fieldsOf(noMail)).toContain('delivery');
    const draft = await json<{ emailAvailable: boolean }>(
      await t.api(`/api/cases/${c.id}/referral-draft`, { cookie: counselor }),
    );
    expect(draft.emailAvailable).toBe(false);
    const r = await json<ReferralView>(
      await t.api(`/api/cases/${c.id}/referrals`, {
        method: 'POST',
        cookie: counselor,
        json: { ...base, delivery: 'other', otherMeans: 'post' },
      }),
      201,
    );
    expect(new Date(r.ackDueAt as string).getTime() - new Date(r.sentAt as string).getTime()).toBe(2 * 86_400_000);
    const status = async () =>
      (await json<CaseDetail>(await t.api(`/api/cases/${c.id}`, { cookie: counselor }))).status;
    expect(await status()).toBe('referred');
    const closed = await json<ReferralView>(
      await t.api(`/api/referrals/${r.id}`, {
        method: 'PATCH',
        cookie: counselor,
        json: { status: 'closed', outcome: 'Ministarstvo je odgovorilo pismom.' },
      }),
    );
    // Closing straight away stamps the skipped steps too.
    expect(closed.acknowledgedAt).not.toBeNull();
    expect(closed.answeredAt).not.toBeNull();
    await eventually(async () => (await status()) === 'open');
  });
});
