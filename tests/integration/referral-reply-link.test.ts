import { eq, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferralView } from '../../src/domain/referrals.ts';
import { sha256Hex } from '../../src/domain/tokens.ts';
import type { CaseSummary } from '../../src/inbox/contract.ts';
import { auditLog, referralLinks, referrals } from '../../src/store/schema/index.ts';
import { addSignedInUser, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const POLICE = 'vtk@policija.test';
const PUBLIC_URL = 'http://kontakt.test';
const SUMMARY = 'Dečak (12) prima preteće poruke; tajni detalj 7731.';

describe('the institution answers a referral through its e-mail’s one-time link', () => {
  let smtp: SmtpSink;
  let t: TestKontakt;
  let counselor: string;
  let supervisor: string;
  let inbox: Socket;

  /** A reported case referred to the police by e-mail; the link's token from the e-mail the police got. */
  async function referByEmail(description: string): Promise<{ caseId: string; referral: ReferralView; token: string }> {
    const created = nextEvent<{ case: CaseSummary }>(inbox, 'case:created', (e) =>
      e.case.preview.startsWith(description.slice(0, 20)),
    );
    expect((await t.api('/api/reports', { method: 'POST', json: { description } })).status).toBe(202);
    const caseId = (await created).case.id;
    const res = await t.api(`/api/cases/${caseId}/referrals`, {
      method: 'POST',
      cookie: counselor,
      json: { institution: 'ministry_interior', summary: `${SUMMARY} ${description}`, delivery: 'email' },
    });
    expect(res.status).toBe(201);
    const referral = (await res.json()) as ReferralView;
    const mail = await smtp.next((m) => m.parsed.text?.includes(description) === true);
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Potvrdite prijem i javite šta je preduzeto');
    expect(text).toContain('Confirm receipt and tell us what was done');
    const link = /http:\/\/kontakt\.test\/institution\/reply\?t=([A-Za-z0-9_-]{43})/.exec(text);
    expect(link).not.toBeNull();
    return { caseId, referral, token: link?.[1] as string };
  }

  const page = (token: string, lang = 'sr-Latn') =>
    t.api(`/institution/reply?t=${encodeURIComponent(token)}&lang=${lang}`);
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.api('/institution/reply', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const referralOf = async (caseId: string) => {
    const res = await t.api(`/api/cases/${caseId}/referrals`, { cookie: counselor });
    return ((await res.json()) as { items: ReferralView[] }).items[0] as ReferralView;
  };
  const overdueIds = async () => {
    const res = await t.api('/api/referrals?overdue=true', { cookie: supervisor });
    return ((await res.json()) as { items: ReferralView[] }).items.map((r) => r.id);
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestKontakt('pglite', {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Kontakt centar <centar@test.rs>',
      PUBLIC_URL,
      REFERRAL_INSTITUTION_EMAILS: `ministry_interior=${POLICE}`,
      REFERRAL_LINK_DAYS: '2',
      REFERRAL_LINK_RATE_LIMIT: '60',
      REPORT_RATE_LIMIT: '1000',
    });
    const admin = await t.login();
    counselor = (await addSignedInUser(t, admin, 'savetnica@link.test', 'counselor')).cookie;
    supervisor = (await addSignedInUser(t, admin, 'supervizor@link.test', 'supervisor')).cookie;
    inbox = await t.socket(counselor);
  }, 120_000);
  afterAll(async () => {
    inbox?.disconnect();
    await t?.cleanup();
    await smtp?.close();
  });

  it('carries a long random token stored only as its hash, expiring after the configured days', async () => {
    const { referral, token } = await referByEmail('Prva prijava za link.');
    const [row] = await t.k.store.db.select().from(referralLinks).where(eq(referralLinks.referralId, referral.id));
    expect(row?.tokenHash).toBe(sha256Hex(token));
    const stored = JSON.stringify(
      await t.k.store.db.execute(sql`select * from referral_links, referrals where referrals.id = ${referral.id}`),
    );
    expect(stored).not.toContain(token);
    const days = ((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)) / 86_400_000;
    expect(days).toBe(2);
  });

  it('shows the reference and institution only, in three languages, with the report page’s CSP', async () => {
    const { token } = await referByEmail('Druga prijava, jezici.');
    const res = await page(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await res.text();
    expect(html).toContain('Odgovor na upućivanje');
    expect(html).toContain('Ministarstvo unutrašnjih poslova — policija');
    expect(html).not.toContain('tajni detalj');
    expect(html).not.toContain('<script');
    expect(await (await page(token, 'sr-Cyrl')).text()).toContain('Одговор на упућивање');
    expect(await (await page(token, 'en')).text()).toContain('Reply to a referral');
  });

  it('refuses a wrong, malformed or expired link with one neutral page', async () => {
    const { referral, token } = await referByEmail('Treća prijava, istek.');
    const wrong = await page('A'.repeat(43));
    expect(wrong.status).toBe(404);
    const neutral = await wrong.text();
    expect(neutral).toContain('Link ne radi');
    const malformed = await page('kratko');
    expect(malformed.status).toBe(404);
    expect(await malformed.text()).toBe(neutral);
    expect((await page(token)).status).toBe(200);

    await t.k.store.db
      .update(referralLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(referralLinks.referralId, referral.id));
    const expired = await page(token);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(neutral);
    const late = await post({ t: token, action: 'confirm' });
    expect(late.status).toBe(404);
    expect((await post({ t: token, action: 'answer', text: 'Kasno.' })).status).toBe(404);
    const after = await t.k.store.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(after[0]?.status).toBe('sent');
  });

  it('confirms receipt and answers once: the case shows it live, and the follow-up reminder stops', async () => {
    const { caseId, referral, token } = await referByEmail('Četvrta prijava, odgovor.');
    // Long unacknowledged: on the supervisors' follow-up list.
    await t.k.store.db
      .update(referrals)
      .set({ sentAt: new Date(Date.now() - 10 * 86_400_000) })
      .where(eq(referrals.id, referral.id));
    expect(await overdueIds()).toContain(referral.id);

    const acknowledged = nextEvent<{ referral: ReferralView }>(
      inbox,
      'referral:updated',
      (e) => e.referral.id === referral.id && e.referral.status === 'acknowledged',
    );
    const confirm = await post({ t: token, action: 'confirm', language: 'en' });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`/institution/reply?t=${token}&lang=en`);
    const live = (await acknowledged).referral;
    expect(live.institutionReply?.confirmedAt).not.toBeNull();
    expect(live.overdue).toBe(false);
    expect(await overdueIds()).not.toContain(referral.id);
    // Confirming again changes nothing.
    expect((await post({ t: token, action: 'confirm' })).status).toBe(303);
    expect((await referralOf(caseId)).status).toBe('acknowledged');

    const missing = await post({ t: token, action: 'answer', text: '   ' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Opišite šta je preduzeto.');
    expect((await post({ t: token, action: 'answer', text: 'x', outcome: 'bribe' })).status).toBe(400);

    const answered = nextEvent<{ referral: ReferralView }>(
      inbox,
      'referral:updated',
      (e) => e.referral.id === referral.id && e.referral.status === 'answered',
    );
    const text = 'Podneta je krivična prijava; predmet je kod VTK odeljenja.';
    expect((await post({ t: token, action: 'answer', text, outcome: 'procedure_opened' })).status).toBe(303);
    const shown = (await answered).referral;
    expect(shown.outcome).toBe(text);
    expect(shown.institutionReply).toMatchObject({ text, outcomeCode: 'procedure_opened' });
    expect((await referralOf(caseId)).institutionReply?.answeredAt).not.toBeNull();

    // Once: a second answer is refused and changes nothing.
    const again = await post({ t: token, action: 'answer', text: 'Ipak nešto drugo.' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Odgovor je već poslat ovim linkom');
    expect((await referralOf(caseId)).outcome).toBe(text);
    const reload = await (await page(token)).text();
    expect(reload).toContain('Podneta je krivična prijava');
    expect(reload).not.toContain('name="text"');

    const entries = await t.k.store.db.select().from(auditLog).where(eq(auditLog.entityId, referral.id));
    const byLink = entries.filter((e) => (e.details as { via?: string } | null)?.via === 'link');
    expect(byLink.map((e) => [e.action, e.actorId])).toEqual([
      ['referral.receipt_confirmed', null],
      ['referral.answered_by_link', null],
    ]);
  });

  it('refuses a post from another site, and limits requests per address', async () => {
    const { token } = await referByEmail('Peta prijava, zaštite.');
    const forged = await post({ t: token, action: 'confirm' }, { origin: 'http://evil.test' });
    expect(forged.status).toBe(403);
    for (const site of ['cross-site', 'same-site'])
      expect((await post({ t: token, action: 'confirm' }, { 'sec-fetch-site': site })).status).toBe(403);
    // The page's own form: no-referrer makes the browser send Origin: null, Sec-Fetch-Site says same-origin.
    const own = await post({ t: token, action: 'confirm' }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(303);
    let limited = false;
    for (let i = 0; i < 70 && !limited; i++) limited = (await page('B'.repeat(43))).status === 429;
    expect(limited).toBe(true);
  });
});
