import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutreachActivity } from '../../src/outreach/outreach.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

type Me = { user: { language: string } };
const EDUCATOR = { email: 'edukatorka@test.kontakt', password: 'a long enough password' };

/**
 * The outreach register in the real inbox: an educator signs in and lands on it (no case inbox, the
 * server answers their case calls 403); a supervisor opens it from the rail.
 */
describe('the outreach register screen (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let educator: { id: string; cookie: string };

  beforeAll(async () => {
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox() });
    educator = await addUser(kontakt, 'educator', EDUCATOR.email);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  /** The educator's saved language (the inbox takes it from /api/me), signed in on a fresh browser. */
  async function open(language: 'sr-Latn' | 'sr-Cyrl' | 'en'): Promise<{ ctx: BrowserContext; page: Page }> {
    const res = await kontakt.api('/api/me/language', { method: 'PUT', cookie: educator.cookie, json: { language } });
    expect(res.status).toBe(204);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const [name, value] = educator.cookie.split('=') as [string, string];
    await ctx.addCookies([{ name, value, url: kontakt.url }]);
    const page = await ctx.newPage();
    await page.goto(kontakt.url);
    await page.locator('main.home[data-home="outreach"] .outreach-screen').waitFor();
    return { ctx, page };
  }
  const stored = async () => {
    const res = await kontakt.api('/api/outreach?limit=200', { cookie: educator.cookie });
    return ((await res.json()) as { items: OutreachActivity[] }).items;
  };

  it('an educator signs in to the register, records a school presentation, corrects it and finds it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await page.goto(kontakt.url);
    await page.getByLabel('E-pošta').fill(EDUCATOR.email);
    await page.getByLabel('Lozinka').fill(EDUCATOR.password);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    const dialog = page.locator('main.home');
    await dialog.getByRole('heading', { name: 'Registar edukacija', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/outreach');
    // No case inbox: the rail holds the register, the account, the language and signing out.
    const rail = page.locator('nav.rail');
    expect(await rail.locator('a').allTextContents()).toEqual(['Registar edukacija', 'Moj nalog']);
    expect(await rail.locator('.rail-views, .availability-box').count()).toBe(0);
    await rail.locator('.lang-select').waitFor();
    await rail.getByRole('button', { name: 'Odjava' }).waitFor();
    // A case address leads back to the register, in place.
    await page.goto(`${kontakt.url}/views/mine`);
    await dialog.getByRole('heading', { name: 'Registar edukacija', level: 1 }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/outreach');

    await dialog.getByRole('button', { name: 'Unesi aktivnost' }).click();
    const form = dialog.locator('form.activity-form');
    await form.getByLabel('Vrsta', { exact: true }).selectOption('school_presentation');
    await form.getByLabel('Datum').fill('2026-03-10');
    await form.getByLabel('Ustanova', { exact: true }).fill('OŠ Vuk Karadžić');
    await form.getByLabel('Vrsta ustanove').selectOption('primary_school');
    await form.getByLabel('Opština').fill('Čačak');
    await form.getByLabel('Edukatori').fill('Ana Petrović, Marko Ilić');
    await form.getByLabel('Učenici').fill('60');
    await form.getByLabel('Roditelji').fill('12');
    await form.getByLabel('Teme').fill('grooming, privatnost');
    await form.getByRole('button', { name: 'Sačuvaj' }).click();
    const row = dialog.locator('table.outreach-table tbody tr', { hasText: 'OŠ Vuk Karadžić' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Učenici 60');
    const [made] = await stored();
    expect(made).toMatchObject({
      kind: 'school_presentation',
      date: '2026-03-10',
      institution: { name: 'OŠ Vuk Karadžić', kind: 'primary_school', municipality: 'Čačak' },
      educators: ['Ana Petrović', 'Marko Ilić'],
      audience: { students: 60, parents: 12 },
      topics: ['grooming', 'privatnost'],
    });

    // A refused field is named next to it; nothing changes.
    await row.getByRole('button', { name: 'Ispravi' }).click();
    await form.getByLabel('Učenici').fill('-5');
    await form.getByRole('button', { name: 'Sačuvaj' }).click();
    await form.locator('.error[role="alert"]').first().waitFor();
    expect(await form.getByLabel('Učenici').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Učenici').fill('65');
    await form.getByRole('button', { name: 'Sačuvaj' }).click();
    await dialog.locator('table.outreach-table tbody tr', { hasText: 'Učenici 65' }).waitFor();
    expect((await stored())[0]?.audience.students).toBe(65);

    const filters = dialog.locator('form.outreach-filters');
    await filters.getByLabel('Opština').fill('cacak');
    await filters.getByRole('button', { name: 'Prikaži' }).click();
    await expect.poll(() => dialog.locator('table.outreach-table tbody tr').count()).toBe(1);
    await filters.getByLabel('Vrsta').selectOption('webinar');
    await filters.getByRole('button', { name: 'Prikaži' }).click();
    await dialog.getByText('Nema aktivnosti za ove uslove.').waitFor();
    // The browser logs the one refusal asked for above; nothing else went wrong.
    expect(problems.consoleErrors).toEqual([expect.stringMatching(/status of 400 .*\/api\/outreach\/[0-9a-f-]{36}$/)]);
    expect(problems.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('imports a spreadsheet: a file with a bad row is refused row by row, a good one is listed', async () => {
    const { ctx, page } = await open('en');
    const problems = watchProblems(page);
    const dialog = page.locator('main.home');
    await dialog.getByRole('heading', { name: 'Outreach register', level: 1 }).waitFor();
    await dialog.getByRole('button', { name: 'Import CSV' }).click();
    const before = (await stored()).length;
    const upload = (name: string, text: string) =>
      dialog.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

    await upload(
      'bad.csv',
      'Vrsta;Datum;Ustanova;Učenici\nwebinar;2026-01-20;;0\nprezentacija;31.02.2026;OŠ Loš Datum;20\n',
    );
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const errors = dialog.locator('table.import-errors tbody tr');
    await errors.first().waitFor();
    expect(await errors.allTextContents()).toEqual([expect.stringMatching(/^3date/)]);
    expect((await stored()).length).toBe(before);

    await upload(
      'good.csv',
      'Vrsta;Datum;Ustanova;Učenici\nwebinar;2026-01-20;;0\nprezentacija;21.02.2026;OŠ Dobra;20\n',
    );
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('2 activities imported.').first().waitFor();
    await dialog.locator('table.outreach-table tbody tr', { hasText: 'OŠ Dobra' }).waitFor();
    expect((await stored()).length).toBe(before + 2);
    expect(problems.consoleErrors).toEqual([expect.stringMatching(/status of 400 .*\/api\/outreach\/import$/)]);
    expect(problems.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('speaks Serbian Cyrillic too', async () => {
    const { ctx, page } = await open('sr-Cyrl');
    const dialog = page.locator('main.home');
    await dialog.getByRole('heading', { name: 'Регистар едукација', level: 1 }).waitFor();
    await dialog.getByRole('button', { name: 'Унеси активност' }).waitFor();
    await dialog.getByRole('button', { name: 'Увези CSV' }).waitFor();
    // The rail's picker switches the page and is remembered for the account.
    const problems = watchProblems(page);
    await page.locator('nav.rail .lang-select').selectOption('en');
    await dialog.getByRole('heading', { name: 'Outreach register', level: 1 }).waitFor();
    await page.locator('nav.rail').getByRole('link', { name: 'My account' }).waitFor();
    await expect
      .poll(
        async () => ((await (await kontakt.api('/api/me', { cookie: educator.cookie })).json()) as Me).user.language,
      )
      .toBe('en');
    expect(problems.consoleErrors).toEqual([]);
    await ctx.close();
  });

  it('a supervisor opens the register from the rail and sees what the educators recorded', async () => {
    const email = 'supervizorka@test.kontakt';
    await addUser(kontakt, 'supervisor', email);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await ctx.newPage();
    await signIn(page, kontakt.url, email, EDUCATOR.password);
    await page.locator('nav.rail').getByRole('link', { name: 'Registar edukacija' }).click();
    const dialog = page.locator('dialog.outreach-dialog');
    await dialog.locator('table.outreach-table tbody tr', { hasText: 'OŠ Vuk Karadžić' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/outreach');
    await ctx.close();
  });
});
