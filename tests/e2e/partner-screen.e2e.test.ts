import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';
import { CHROMIUM, CHROMIUM_ARGS, watchProblems } from './e2e-helpers.ts';
import { buildScreenPage, withSession } from './screen-harness.ts';

/** The partner screen on its own page (the router links it separately), served from Kontakt. */
describe('a health centre’s contact person reports for someone and follows it (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let dist: string;
  let partner: string;
  let admin: string;

  beforeAll(async () => {
    dist = await buildScreenPage({
      module: 'partners/partner-screen.tsx',
      name: 'openPartnerScreen',
      call: "openPartnerScreen('Dom zdravlja Niš')",
    });
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: dist });
    admin = await kontakt.login();
    const email = 'dz-nis@test.kontakt';
    const res = await kontakt.api('/api/users', {
      method: 'POST',
      cookie: admin,
      json: { email, name: 'DZ Niš', role: 'partner', institution: 'Dom zdravlja Niš', password: testPassword(email) },
    });
    expect(res.status).toBe(201);
    partner = await kontakt.login(email, testPassword(email));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends a report, is told its number and receipt, and sees its status change', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await withSession(ctx, kontakt.url, partner, 'sr-Latn');
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await page.goto(kontakt.url);
    const dialog = page.locator('dialog.partner-dialog');
    await dialog.getByRole('heading', { name: 'Prijave centru' }).waitFor();
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
    // The one refusal asked for above is all the browser logged.
    expect(problems.consoleErrors).toEqual([expect.stringMatching(/status of 400 .*\/api\/partner\/reports$/)]);
    expect(problems.pageErrors).toEqual([]);
    await ctx.close();
  });
});
