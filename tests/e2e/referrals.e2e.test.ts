import { eq } from 'drizzle-orm';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referrals } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const POLICE = 'vtk@policija.test';

describe('referring a case in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let smtp: SmtpSink;
  const dist = builtInbox();
  const counselor = { email: 'savetnica@test.kontakt', password: 'a long enough password' };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    kontakt = await startTestKontakt('postgres', {
      WEB_INBOX_DIR: dist,
      REPORT_RATE_LIMIT: '100',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Kontakt centar <centar@test.rs>',
      REFERRAL_INSTITUTION_EMAILS: `ministry_interior=${POLICE}`,
    });
    await addUser(kontakt, 'counselor', counselor.email);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
    await smtp?.close();
  });

  it('a counselor refers a case by e-mail with the contact details left out, and follows it up', async () => {
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: {
        kind: 'report',
        description: 'Neko preti mom sinu. Moj broj je 064 555 1234, mejl roditelj@example.rs.',
        category: 'integrity',
        email: 'roditelj@example.rs',
        anonymous: false,
        consent: true,
      },
    });
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, counselor.email, counselor.password);
    const row = page.locator(`button.case-row[data-reference="${reference}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const panel = page.locator('.referral-panel');
    await panel.getByText('Predmet nije upućen nijednoj ustanovi.').waitFor();
    await panel.getByRole('button', { name: 'Uputi ustanovi' }).click();

    const dialog = page.locator('dialog.referral-dialog');
    const summary = dialog.locator('textarea[data-field="summary"]');
    await expect.poll(() => summary.inputValue()).toContain(reference);
    const proposed = await summary.inputValue();
    expect(proposed).toContain('Neko preti mom sinu.');
    expect(proposed).not.toContain('roditelj@example.rs');
    expect(proposed).not.toContain('064 555 1234');
    await dialog.getByLabel('Ustanova').selectOption('ministry_interior');
    await summary.fill(`${proposed}\n\nMolimo hitnu proveru.`);
    await dialog.getByLabel(`E-poštom (${POLICE})`).check();
    await dialog.getByRole('button', { name: 'Pošalji' }).click();
    await dialog.waitFor({ state: 'detached' });

    const item = panel.locator('li.referral');
    await item.getByText('Ministarstvo unutrašnjih poslova — policija').waitFor();
    await item.locator('.referral-email', { hasText: 'e-pošta poslata' }).waitFor({ timeout: 20_000 });
    const mail = await smtp.next((m) => m.envelope.to.includes(POLICE));
    expect(mail.parsed.subject).toContain(`[${reference}]`);
    expect(mail.parsed.text).toContain('Molimo hitnu proveru.');
    expect(mail.parsed.text).not.toContain('roditelj@example.rs');
    // The case follows its referral.
    await page.locator('.case-header .badge.status-referred').waitFor();
    // The inbox offers the outcome message to the reporter when a case becomes referred (another
    // feature); it is opened with the same event that changes the badge. Not sent here.
    const offer = page.locator('dialog.outcome-dialog');
    if (await offer.count()) {
      await page.keyboard.press('Escape');
      await offer.waitFor({ state: 'detached' });
    }

    await item.getByRole('button', { name: 'Prijem potvrđen' }).click();
    await item.locator('.referral-status.status-acknowledged').waitFor();
    await item.locator('textarea[data-field="outcome"]').fill('Policija je preuzela slučaj.');
    await item.getByRole('button', { name: 'Zatvori upućivanje' }).click();
    await item.locator('.referral-status.status-closed').waitFor();
    await item.locator('.referral-outcome', { hasText: 'Policija je preuzela slučaj.' }).waitFor();
    await page.locator('.case-header .badge.status-open').waitFor();
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  });

  it('supervisors see overdue referrals flagged and listed', async () => {
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: { kind: 'help', description: 'Treba nam savet škole o vršnjačkom nasilju.' },
    });
    const { reference } = (await res.json()) as { reference: string };
    const admin = await kontakt.login();
    const list = (await (await kontakt.api(`/api/cases?q=${reference}`, { cookie: admin })).json()) as {
      items: { id: string }[];
    };
    const caseId = list.items[0]?.id as string;
    const created = await kontakt.api(`/api/cases/${caseId}/referrals`, {
      method: 'POST',
      cookie: admin,
      json: { institution: 'ministry_education', summary: 'Poslato poštom.', delivery: 'other', otherMeans: 'post' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await kontakt.k.store.db
      .update(referrals)
      .set({ sentAt: new Date(Date.now() - 7 * 86_400_000) })
      .where(eq(referrals.id, id));

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    const row = page.locator(`button.case-row[data-reference="${reference}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.locator('li.referral.overdue .badge.overdue', { hasText: 'Kasni potvrda prijema' }).waitFor();
    await page.locator('.referral-panel').getByRole('button', { name: 'Upućivanja koja kasne' }).click();
    const dialog = page.locator('dialog.referral-overdue-dialog');
    await dialog.getByRole('button', { name: reference }).waitFor();
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  });
});
