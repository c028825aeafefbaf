import { randomUUID } from 'node:crypto';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvelope } from '../../src/domain/ingest.service.ts';
import type { CaseDetail } from '../../src/inbox/contract.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, type Problems, signIn, watchProblems } from './e2e-helpers.ts';

/**
 * The case record in the inbox (issue 22) and the counselors' triage marks (issue 25): an admin
 * requires fields before closing, a counselor describes an e-mail case and closes it, a supervisor
 * watching the case sees it live; a mark made on a case shows in the supervisors' list.
 */
describe('the case record and triage marks in the inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let counselorCookie: string;
  const password = 'a long enough password';
  const counselor = { email: 'savetnica@test.kontakt', name: 'counselor savetnica@test.kontakt' };
  const supervisor = { email: 'nadzornica@test.kontakt' };

  beforeAll(async () => {
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox() });
    counselorCookie = (await addUser(kontakt, 'counselor', counselor.email)).cookie;
    await addUser(kontakt, 'supervisor', supervisor.email);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  /** A case that came by e-mail (through the same ingest as the IMAP watcher's); its reference. */
  const emailCase = async (text: string): Promise<{ id: string; reference: string }> => {
    const result = await applyEnvelope(createIngestUnitOfWork(kontakt.k.store.db), randomUUID(), {
      channel: 'email',
      externalId: `<${randomUUID()}@example.test>`,
      receivedAt: new Date().toISOString(),
      sender: { kind: 'email', value: 'roditelj@example.test' },
      thread: { senderAsserted: false, newCase: { kind: 'conversation', anonymous: false, consent: true } },
      message: { text },
    });
    if (result.outcome !== 'applied') throw new Error(result.outcome);
    return { id: result.caseId, reference: (await detailOf(result.caseId)).reference };
  };
  const detailOf = async (id: string) =>
    (await (await kontakt.api(`/api/cases/${id}`, { cookie: counselorCookie })).json()) as CaseDetail;

  const page = async (email: string, pw = password): Promise<{ page: Page; problems: Problems }> => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'sr-Latn-RS' });
    const p = await ctx.newPage();
    const problems = watchProblems(p);
    await signIn(p, kontakt.url, email, pw);
    return { page: p, problems };
  };
  const openCase = async (p: Page, reference: string) => {
    const row = p.locator(`button.case-row[data-reference="${reference}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await p.locator('.record-panel').waitFor();
  };

  it('a counselor describes an e-mail case and closes it, refused first with what is missing', async () => {
    const { id, reference } = await emailCase('Mog sina neko uznemirava porukama na mreži. Šta da radimo?');

    // The admin chooses the fields required before closing on /admin/record.
    const admin = await page(kontakt.admin.email, kontakt.admin.password);
    await admin.page.locator('a.open-record-settings').click();
    const settings = admin.page.locator('dialog.record-admin-dialog');
    for (const name of ['Ko prijavljuje', 'Pol', 'Mesto', 'Intervencije']) await settings.getByLabel(name).check();
    await settings.getByRole('button', { name: 'Sačuvaj' }).click();
    await settings.getByRole('status').filter({ hasText: 'Sačuvano.' }).waitFor();
    expect(new URL(admin.page.url()).pathname).toBe('/admin/record');
    const saved = await kontakt.api('/api/record/settings', { cookie: counselorCookie });
    expect(await saved.json()).toEqual({ requiredForClose: ['reporterRole', 'gender', 'place', 'interventions'] });

    // A supervisor keeps the case open: what the counselor records arrives there live.
    const sup = await page(supervisor.email);
    await openCase(sup.page, reference);
    const { page: c, problems } = await page(counselor.email);
    await openCase(c, reference);
    const panel = c.locator('.record-panel');
    await panel
      .locator('.record-missing-list', {
        hasText: 'Pre zatvaranja još nedostaje: Ko prijavljuje, Pol, Mesto, Intervencije',
      })
      .waitFor();

    // Closing now is refused, and the case says what it still needs.
    await c.locator('select[data-field="category"]').selectOption('integrity');
    await c.locator('select[data-field="category"]:not([disabled])').waitFor();
    await c.locator('select[data-field="status"]').selectOption('closed');
    await c
      .locator('.case-facts-block .error', {
        hasText: 'Predmet još ne može da se zatvori. Nedostaje: Ko prijavljuje, Pol, Mesto, Intervencije',
      })
      .waitFor();
    expect(await c.locator('select[data-field="status"]').inputValue()).not.toBe('closed');

    // Each choice is saved at once; the selects wait (disabled) while it is, and selectOption waits for them.
    const pick = async (label: string, value: string) => {
      await panel.getByRole('combobox', { name: label }).selectOption(value);
    };
    await pick('Ko prijavljuje', 'parent_guardian');
    await pick('Uzrast', '13_15');
    await pick('Pol', 'boy');
    await pick('Okrug', 'nisavski');
    await pick('Opština ili grad', 'nis');
    // Only the sub-categories of the case's category are offered.
    const offered = await panel.getByRole('combobox', { name: 'Potkategorija' }).locator('option').allTextContents();
    expect(offered).toContain('Digitalno nasilje');
    expect(offered).not.toContain('Video-igre');
    await pick('Potkategorija', 'cyberbullying');
    await panel.getByLabel('Savet').check();
    await panel.locator('input[data-field="record-intervention-advice"]:checked:not([disabled])').waitFor();
    await panel.getByLabel('Upućivanje ustanovi').check();
    await panel.locator('.record-complete', { hasText: 'Upisano je sve što je potrebno za zatvaranje.' }).waitFor();

    // The supervisor's open case followed every change without a reload.
    const supPanel = sup.page.locator('.record-panel');
    await supPanel.locator('.record-complete').waitFor();
    expect(await supPanel.getByRole('combobox', { name: 'Ko prijavljuje' }).inputValue()).toBe('parent_guardian');
    expect(await supPanel.getByRole('combobox', { name: 'Opština ili grad' }).inputValue()).toBe('nis');
    expect(await supPanel.getByLabel('Upućivanje ustanovi').isChecked()).toBe(true);

    await c.locator('select[data-field="status"]').selectOption('closed');
    await expect.poll(async () => (await detailOf(id)).status).toBe('closed');
    await c.locator('.case-facts-block .error').waitFor({ state: 'detached' });
    const d = await detailOf(id);
    expect(d.description).toEqual({
      reporterRole: 'parent_guardian',
      ageGroup: '13_15',
      gender: 'boy',
      place: { district: 'nisavski', municipality: 'nis' },
      subcategory: 'cyberbullying',
      interventions: ['advice', 'referral_institution'],
    });
    expect(d.missingForClose).toEqual([]);
    // The one refused close is the browser's only complaint (it logs every 4xx answer).
    expect(problems.consoleErrors).toEqual([expect.stringMatching(new RegExp(`status of 400 .*/api/cases/${id}$`))]);
    expect(problems).toMatchObject({ pageErrors: [], dialogs: [] });
    expect(sup.problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await Promise.all([admin.page.context().close(), sup.page.context().close(), c.context().close()]);
  });

  it('a counselor marks a case "should have been urgent" and a supervisor sees it in the list', async () => {
    const { reference } = await emailCase('Pitanje o podešavanjima privatnosti na mreži.');
    const { page: c, problems } = await page(counselor.email);
    await openCase(c, reference);
    const mark = c.locator('.triage-mark');
    // A normal case can only have been missed: the other mark is not offered.
    expect(await mark.getByRole('button', { name: 'Nije trebalo da bude hitno' }).count()).toBe(0);
    await mark.getByRole('button', { name: 'Trebalo je da bude hitno' }).click();
    await mark.getByRole('status').filter({ hasText: 'Vaša oznaka: Trebalo je da bude hitno' }).waitFor();
    expect(await mark.getByRole('button', { name: 'Trebalo je da bude hitno' }).count()).toBe(0);

    const sup = await page(supervisor.email);
    await sup.page.locator('a.open-triage-feedback').click();
    expect(new URL(sup.page.url()).pathname).toBe('/triage/feedback');
    const row = sup.page.locator(`dialog.triage-feedback-dialog tr[data-reference="${reference}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-mark]').textContent()).toBe('Trebalo je da bude hitno');
    expect(await row.textContent()).toContain(counselor.name);
    expect(await sup.page.locator('.triage-counts').textContent()).toContain('Trebalo je da bude hitno: 1');
    // The reference opens the case (the list itself holds none of its words).
    await row.getByRole('link', { name: reference }).click();
    await sup.page.locator('dialog.triage-feedback-dialog').waitFor({ state: 'detached' });
    await sup.page.locator('.record-panel').waitFor();
    expect(new URL(sup.page.url()).pathname).toBe(`/cases/${reference}`);
    // The supervisor sees the counselor's mark on the case too.
    await sup.page.locator('.triage-marks li', { hasText: counselor.name }).waitFor();

    // Taken back, it leaves the list.
    await mark.getByRole('button', { name: 'Povuci' }).click();
    await mark.getByRole('button', { name: 'Trebalo je da bude hitno' }).waitFor();
    const list = await kontakt.api('/api/triage/feedback', { cookie: await kontakt.login(supervisor.email, password) });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    expect(sup.problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
  });

  it('a supervisor reads the summary on /reports, in Cyrillic, with the way to the printable yearly report', async () => {
    const year = new Date().getFullYear();
    const { id } = await emailCase('Kako da zaštitim dete na društvenim mrežama?');
    const described = await kontakt.api(`/api/cases/${id}`, {
      method: 'PATCH',
      cookie: counselorCookie,
      json: { place: { district: 'nisavski', municipality: 'aleksinac' } },
    });
    expect(described.status).toBe(200);
    const supCookie = await kontakt.login(supervisor.email, password);
    const figures = (await (
      await kontakt.api(`/api/reports/summary?from=${year}-01-01&lang=sr-Cyrl`, { cookie: supCookie })
    ).json()) as {
      communications: { period: { channel: string; cases: number }[] };
      cases: { byDistrict: { key: string; cases: number }[] };
      sentences: { text: string }[];
    };
    const emailCases = figures.communications.period.find((r) => r.channel === 'email')?.cases ?? 0;
    const nisava = figures.cases.byDistrict.find((r) => r.key === 'nisavski')?.cases ?? 0;
    expect(emailCases).toBeGreaterThan(0);
    expect(nisava).toBeGreaterThan(0);

    const sup = await page(supervisor.email);
    await sup.page.locator('.lang-select').selectOption('sr-Cyrl');
    const annual = sup.page.locator('a.open-annual-report');
    expect(await annual.getAttribute('href')).toBe(`/reports/annual/${year}?lang=sr-Cyrl`);
    expect(await annual.textContent()).toBe(`Годишњи извештај ${year}`);
    await sup.page.locator('a.open-reports').click();
    expect(new URL(sup.page.url()).pathname).toBe('/reports');
    const screen = sup.page.locator('dialog.reports-dialog');
    // The server's sentences and figures, asked in the counselor's language.
    await screen.locator('.reports-sentences li').first().waitFor();
    expect(await screen.locator('.reports-sentences li').allTextContents()).toEqual(
      figures.sentences.map((x) => x.text),
    );
    const table = (caption: string) =>
      screen.locator('table', { has: sup.page.locator('caption', { hasText: caption }) });
    const comms = table('Комуникације у периоду');
    expect(await comms.locator('tr', { hasText: 'Електронска пошта' }).locator('td').first().textContent()).toBe(
      String(emailCases),
    );
    expect(await table('Округ').locator('tr', { hasText: 'Нишавски округ' }).locator('td').textContent()).toBe(
      String(nisava),
    );
    expect(await screen.getByRole('link', { name: `Годишњи извештај за штампу ${year}` }).getAttribute('href')).toBe(
      `/reports/annual/${year}?lang=sr-Cyrl`,
    );
    // Last year: none of these cases.
    await screen.getByRole('button', { name: 'Прошла година' }).click();
    await expect.poll(() => comms.locator('tr', { hasText: 'Укупно' }).locator('td').first().textContent()).toBe('0');
    expect(sup.problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
  });
});
