import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { freePort } from '../helpers/free-port.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const POLICE = 'vtk@policija.test';

describe('an institution answers a referral through its link, and the open case shows it (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let smtp: SmtpSink;
  const counselor = { email: 'savetnica@test.kontakt', password: 'a long enough password' };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // The link in the e-mail points at PUBLIC_URL: here the server itself.
    const port = await freePort();
    kontakt = await startTestKontakt('pglite', {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WEB_INBOX_DIR: builtInbox(),
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

  it('receipt and answer given on the institution’s page appear live on the counselor’s open case', async () => {
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: { kind: 'report', description: 'Nepoznata osoba traži slike od moje ćerke.', category: 'integrity' },
    });
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };

    const staff = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'sr-Latn-RS' });
    const page = await staff.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, counselor.email, counselor.password);
    const row = page.locator(`button.case-row[data-reference="${reference}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const panel = page.locator('.referral-panel');
    await panel.getByRole('button', { name: 'Uputi ustanovi' }).click();
    const dialog = page.locator('dialog.referral-dialog');
    await expect.poll(() => dialog.locator('textarea[data-field="summary"]').inputValue()).toContain(reference);
    await dialog.getByLabel('Ustanova').selectOption('ministry_interior');
    await dialog.getByLabel(`E-poštom (${POLICE})`).check();
    await dialog.getByRole('button', { name: 'Pošalji' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = panel.locator('li.referral');
    await item.locator('.referral-email', { hasText: 'e-pošta poslata' }).waitFor({ timeout: 20_000 });
    const offer = page.locator('dialog.outcome-dialog');
    if (await offer.count()) {
      await page.keyboard.press('Escape');
      await offer.waitFor({ state: 'detached' });
    }

    // The police follow the link in their e-mail: no account, a page of its own.
    const mail = await smtp.next((m) => m.envelope.to.includes(POLICE));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/institution\/reply\?t=[A-Za-z0-9_-]{43})/.exec(
      mail.parsed.text ?? '',
    )?.[1];
    expect(link).toBeDefined();
    const institution = await browser.newContext({ locale: 'sr-Latn-RS' });
    const their = await institution.newPage();
    const theirProblems = watchProblems(their);
    await their.goto(link as string);
    await their.getByRole('heading', { name: 'Odgovor na upućivanje' }).waitFor();
    expect(await their.textContent('main')).toContain(reference);
    await their.getByRole('button', { name: 'Potvrđujem prijem' }).click();
    await their.getByText('Prijem je potvrđen').waitFor();
    await item.locator('.referral-status.status-acknowledged').waitFor();
    await item.locator('.referral-link-reply', { hasText: 'Preko linka ustanove: prijem potvrđen' }).waitFor();

    const answer = 'Podneta je krivična prijava; osumnjičeni je identifikovan.';
    await their.getByLabel('Opis preduzetih mera').fill(answer);
    await their.getByLabel('Ishod (nije obavezno)').selectOption('procedure_opened');
    await their.getByRole('button', { name: 'Pošalji odgovor' }).click();
    await their.getByText('Vaš odgovor je zabeležen').waitFor();
    // Once: the form is gone, the answer stays readable.
    expect(await their.getByLabel('Opis preduzetih mera').count()).toBe(0);

    await item.locator('.referral-status.status-answered').waitFor();
    await item.locator('.referral-outcome', { hasText: answer }).waitFor();
    // The institution's outcome is named; its words, already the referral's outcome, are not said twice.
    await item.locator('.referral-link-outcome', { hasText: 'Ishod: pokrenut je postupak' }).waitFor();
    expect(await item.locator('.referral-outcome').count()).toBe(1);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    expect(theirProblems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await institution.close();
    await staff.close();
  });

  it('an answer through the link after a counselor marked the referral answered still shows, live', async () => {
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: { kind: 'report', description: 'Neko preti mom sinu preko igrice.', category: 'integrity' },
    });
    const { reference } = (await res.json()) as { reference: string };
    const cookie = await kontakt.login(counselor.email, counselor.password);
    const found = await kontakt.api(`/api/cases/by-reference/${reference}`, { cookie });
    const { id } = (await found.json()) as { id: string };
    const made = await kontakt.api(`/api/cases/${id}/referrals`, {
      method: 'POST',
      cookie,
      json: { institution: 'ministry_interior', summary: `${reference}: pretnje preko igrice.`, delivery: 'email' },
    });
    expect(made.status).toBe(201);
    const referral = (await made.json()) as { id: string };
    const mail = await smtp.next((m) => m.envelope.to.includes(POLICE) && (m.parsed.text ?? '').includes(reference));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/institution\/reply\?t=[A-Za-z0-9_-]{43})/.exec(
      mail.parsed.text ?? '',
    )?.[1];
    expect(link).toBeDefined();
    // The police answered by phone first; the counselor wrote it down.
    const byPhone = 'Policija telefonom: slučaj je primljen u rad.';
    const moved = await kontakt.api(`/api/referrals/${referral.id}`, {
      method: 'PATCH',
      cookie,
      json: { status: 'answered', outcome: byPhone },
    });
    expect(moved.status).toBe(200);

    const staff = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'sr-Latn-RS' });
    const page = await staff.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, counselor.email, counselor.password);
    await page.goto(`${kontakt.url}/cases/${reference}`);
    const item = page.locator(`li.referral[data-referral-id="${referral.id}"]`);
    await item.locator('.referral-outcome', { hasText: byPhone }).waitFor();
    expect(await item.locator('.referral-link-reply').count()).toBe(0);

    const institution = await browser.newContext({ locale: 'sr-Latn-RS' });
    const their = await institution.newPage();
    await their.goto(link as string);
    const written = 'Osumnjičeni je pozvan na informativni razgovor.';
    await their.getByLabel('Opis preduzetih mera').fill(written);
    await their.getByLabel('Ishod (nije obavezno)').selectOption('measures_taken');
    await their.getByRole('button', { name: 'Pošalji odgovor' }).click();
    await their.getByText('Vaš odgovor je zabeležen').waitFor();

    // The referral keeps the counselor's outcome; the institution's own words arrive beside it.
    const reply = item.locator('.referral-link-reply[data-link-reply="answered"]');
    await reply.locator('.referral-outcome', { hasText: written }).waitFor();
    expect(await reply.textContent()).toContain('Ishod: preduzete su mere');
    expect(await item.locator('.referral-outcome', { hasText: byPhone }).count()).toBe(1);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await institution.close();
    await staff.close();
  });
});
