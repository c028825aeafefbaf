import fs from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutreachActivity } from '../../src/outreach/outreach.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { CHROMIUM, CHROMIUM_ARGS, watchProblems } from './e2e-helpers.ts';
import { buildScreenPage, withSession } from './screen-harness.ts';

/**
 * The outreach screen on its own page: the inbox's router gets its link separately, so the test
 * opens it as the router would (openOutreachScreen), served from Kontakt like the inbox.
 */
describe('the outreach register screen (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let dist: string;
  let educator: { id: string; cookie: string };

  beforeAll(async () => {
    dist = await buildScreenPage({
      module: 'outreach/outreach-screen.tsx',
      name: 'openOutreachScreen',
      call: 'openOutreachScreen()',
    });
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: dist });
    educator = await addUser(kontakt, 'educator', 'edukatorka@test.kontakt');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  /** The educator's session in a fresh browser, the screen in the given language. */
  async function open(lang: 'sr-Latn' | 'sr-Cyrl' | 'en'): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await withSession(ctx, kontakt.url, educator.cookie, lang);
    const page = await ctx.newPage();
    await page.goto(kontakt.url);
    await page.locator('dialog.outreach-dialog').waitFor();
    return { ctx, page };
  }
  const stored = async () => {
    const res = await kontakt.api('/api/outreach?limit=200', { cookie: educator.cookie });
    return ((await res.json()) as { items: OutreachActivity[] }).items;
  };

  it('an educator records a school presentation, corrects it and finds it by municipality', async () => {
    const { ctx, page } = await open('sr-Latn');
    const problems = watchProblems(page);
    const dialog = page.locator('dialog.outreach-dialog');
    await dialog.getByRole('heading', { name: 'Registar edukacija' }).waitFor();
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
    const dialog = page.locator('dialog.outreach-dialog');
    await dialog.getByRole('heading', { name: 'Outreach register' }).waitFor();
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
    const dialog = page.locator('dialog.outreach-dialog');
    await dialog.getByRole('heading', { name: 'Регистар едукација' }).waitFor();
    await dialog.getByRole('button', { name: 'Унеси активност' }).waitFor();
    await ctx.close();
  });
});
