import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, watchProblems } from './e2e-helpers.ts';

const EMAIL = 'dz-nis@test.kontakt';

/** A partner signs in to the real inbox and lands on their screen (/partner): no case inbox, only their reports. */
describe('a health centre’s contact person reports for someone and follows it (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let partner: string;
  let admin: string;

  beforeAll(async () => {
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox() });
    admin = await kontakt.login();
    const res = await kontakt.api('/api/users', {
      method: 'POST',
      cookie: admin,
      json: {
        email: EMAIL,
        name: 'DZ Niš',
        role: 'partner',
        institution: 'Dom zdravlja Niš',
        password: testPassword(EMAIL),
      },
    });
    expect(res.status).toBe(201);
    partner = await kontakt.login(EMAIL, testPassword(EMAIL));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  it('sends a report, is told its number and receipt, and sees its status change', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await page.goto(`${kontakt.url}/views/open`);
    await page.getByLabel('E-pošta').fill(EMAIL);
    await page.getByLabel('Lozinka').fill(testPassword(EMAIL));
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    const dialog = page.locator('main.home[data-home="partner"]');
    await dialog.getByRole('heading', { name: 'Prijave centru', level: 1 }).waitFor();
    // A case address leads to their own screen; the rail has it, the account, the language, signing out.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/partner');
    const rail = page.locator('nav.rail');
    expect(await rail.locator('a').allTextContents()).toEqual(['Prijave centru', 'Moj nalog']);
    expect(await rail.locator('.rail-views, .availability-box').count()).toBe(0);
    await rail.getByRole('button', { name: 'Odjava' }).waitFor();
    await dialog.getByText('Vaša ustanova: Dom zdravlja Niš').waitFor();
    await dialog.getByText('Još niste poslali nijednu prijavu.').waitFor();

    // Nothing to report yet: the field says so.
    await dialog.getByRole('button', { name: 'Pošalji prijavu' }).click();
    await dialog.locator(`#${await dialog.getByLabel('Šta se desilo').getAttribute('id')}-error`).waitFor();

    await dialog.getByLabel('Šta se desilo').fill('Devojčica (13) dobija uznemirujuće poruke od nepoznate osobe.');
    await dialog.getByLabel('Uzrast deteta').selectOption('13_15');
    await dialog.getByLabel('Bez kontakta (centar im ne može odgovoriti)').uncheck();
    await dialog.getByLabel('Adresa e-pošte').fill('majka@example.rs');
    await dialog.getByLabel('Osoba pristaje da je centar kontaktira').check();
    await dialog.getByRole('button', { name: 'Pošalji prijavu' }).click();
    const sent = dialog.locator('p.notice', { hasText: 'Poslato. Broj' });
    await sent.waitFor();
    const reference = /KC-\d{4}-\d{6}/.exec((await sent.textContent()) ?? '')?.[0] as string;
    expect(reference).toBeDefined();
    const row = dialog.locator(`tr[data-reference="${reference}"]`);
    await row.waitFor();

    // The centre works the case; the partner sees where it stands (on the next look).
    const counselorCase = await eventually(async () => {
      const r = await kontakt.api(`/api/cases/by-reference/${reference}`, { cookie: admin });
      return r.status === 200 ? ((await r.json()) as { id: string }) : null;
    });
    const closed = await kontakt.api(`/api/cases/${counselorCase.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { status: 'closed', category: 'integrity' },
    });
    expect(closed.status).toBe(200);
    await page.reload();
    await dialog
      .locator(`tr[data-reference="${reference}"] td[data-status="closed"]`, { hasText: 'zatvoreno' })
      .waitFor();
    // Their own reports' standing, never the case itself.
    expect((await kontakt.api(`/api/cases/by-reference/${reference}`, { cookie: partner })).status).toBe(403);
    // The one refusal asked for above is all the browser logged.
    expect(problems.consoleErrors).toEqual([expect.stringMatching(/status of 400 .*\/api\/partner\/reports$/)]);
    expect(problems.pageErrors).toEqual([]);
    await ctx.close();
  });
});
