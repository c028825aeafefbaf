import { eq } from 'drizzle-orm';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UrlItemView } from '../../src/domain/url-items.ts';
import { urlItems, urlReports } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

/** UTC: no daylight-saving hour can make a typed local time mean two moments. */
const ZONE = 'UTC';
/** What a datetime-local input holds for a moment, in the browser's zone. */
const localInput = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .replace(' ', 'T');

/**
 * The hotline's links in Chromium: a report with two links is two items; a supervisor assesses
 * one, records "reported to the platform" and "takedown confirmed", and the time to takedown is in
 * the figures. A counselor's open list loses the item the moment it becomes abuse material. The
 * browser never asks the reported hosts for anything.
 */
describe('reported links in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  const dist = builtInbox();
  const password = 'a long enough password';
  const lead = { email: 'analiticarka@test.kontakt', cookie: '' };
  const counselor = { email: 'savetnik@test.kontakt', cookie: '' };
  /** Every request the pages made to anywhere but Kontakt (refused). */
  const outside: string[] = [];

  beforeAll(async () => {
    kontakt = await startTestKontakt('postgres', { WEB_INBOX_DIR: dist, REPORT_RATE_LIMIT: '100' });
    lead.cookie = (await addUser(kontakt, 'supervisor', lead.email)).cookie;
    counselor.cookie = (await addUser(kontakt, 'counselor', counselor.email)).cookie;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  /** A desktop browser that may only talk to Kontakt, with CSP reports collected. */
  const openContext = async (): Promise<{ ctx: BrowserContext; page: Page }> => {
    const ctx = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      locale: 'sr-Latn-RS',
      timezoneId: ZONE,
    });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: kontakt.url });
    const own = new URL(kontakt.url).host;
    await ctx.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.host === own) return route.continue();
      outside.push(u.href);
      return route.abort();
    });
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}`));
    });
    return { ctx, page };
  };
  const cspViolations = (page: Page) =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  /** No element of the page points at a reported host (no link, image, frame, preview). */
  const pointersTo = (page: Page, host: string) =>
    page.locator(`[href*="${host}"], [src*="${host}"], [srcset*="${host}"], [action*="${host}"]`).count();

  it('two links of one report are two items; assessed, reported and taken down, the time shows in the figures', async () => {
    const { ctx, page } = await openContext();
    const problems = watchProblems(page);
    const { ctx: cctx, page: cpage } = await openContext();
    const cproblems = watchProblems(cpage);

    await signIn(page, kontakt.url, lead.email, password);
    await page.getByRole('link', { name: 'Prijavljeni linkovi' }).click();
    expect(new URL(page.url()).pathname).toBe('/urls');
    await page.getByText('Nijedan link ne odgovara.').waitFor();
    await signIn(cpage, `${kontakt.url}/urls`, counselor.email, password);
    await cpage.getByText('Nijedan link ne odgovara.').waitFor();

    // One report, two links: one in a link field, one written so that it is not clickable.
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: {
        kind: 'report',
        language: 'sr-Latn',
        description: 'Moju drugaricu ucenjuju, slike su na hxxps://slike-e2e[.]example/galerija/7 — pomozite.',
        urls: ['https://www.TikTok.com/@e2e_ucenjivac?utm_source=ig&lang=sr'],
      },
    });
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };

    // Both arrive live, on the supervisor's and the counselor's open lists.
    const rows = page.locator('.url-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => cpage.locator('.url-table tbody tr').count(), { timeout: 20_000 }).toBe(2);
    const texts = await page.locator('.url-table .url-text').allTextContents();
    expect(texts.sort()).toEqual([
      'https://slike-e2e.example/galerija/7',
      'https://www.tiktok.com/@e2e_ucenjivac?lang=sr',
    ]);
    // The counselor may not export nor read the figures; the supervisor may.
    expect(await cpage.getByRole('link', { name: 'Izvoz CSV' }).count()).toBe(0);
    expect(await cpage.getByRole('link', { name: 'Brojke' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Izvoz CSV' }).getAttribute('href')).toBe(
      '/api/urls/export?format=csv',
    );

    // The TikTok link was first reported 3 hours ago (to have a time to takedown to read).
    const items = (await (await kontakt.api('/api/urls?q=e2e_ucenjivac', { cookie: lead.cookie })).json()) as {
      items: UrlItemView[];
    };
    const tiktok = items.items[0];
    if (!tiktok) throw new Error('no TikTok item');
    const first = new Date(Math.floor((Date.now() - 3 * 3_600_000) / 60_000) * 60_000);
    await kontakt.k.store.db
      .update(urlItems)
      .set({ firstReportedAt: first, lastReportedAt: first })
      .where(eq(urlItems.id, tiktok.id));
    await kontakt.k.store.db.update(urlReports).set({ reportedAt: first }).where(eq(urlReports.urlId, tiktok.id));

    // Filters are in the address: platform TikTok leaves one row.
    await page.getByLabel('Platforma').selectOption('tiktok');
    await page.getByRole('button', { name: 'Prikaži' }).click();
    await page.waitForURL(/\/urls\?platform=tiktok$/);
    await expect.poll(() => rows.count()).toBe(1);
    await page.reload();
    await page.locator('#app[data-live="up"]').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByLabel('Platforma').inputValue()).toBe('tiktok');

    // The item: the link as text with a copy button, never a link.
    await page.getByRole('link', { name: 'Otvori: www.tiktok.com' }).click();
    await page.waitForURL(`**/urls/${tiktok.id}`);
    const item = page.locator('.url-detail');
    await item.waitFor();
    expect(await item.locator('code.url-text').first().textContent()).toBe(tiktok.url);
    await item.getByRole('button', { name: 'Kopiraj' }).first().click();
    await item.getByText('Kopirano.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tiktok.url);
    expect(await item.locator('[data-figure="reports"]').textContent()).toBe('1');
    expect(await item.getByRole('link', { name: reference }).getAttribute('href')).toBe(`/cases/${reference}`);

    // Assessed as abuse material: it leaves the counselor's list at once.
    await item.getByLabel('Procena').selectOption('csam');
    await item.getByText('Sačuvano.').waitFor();
    await expect.poll(() => cpage.locator('.url-table tbody tr').count()).toBe(1);
    expect(await cpage.locator('.url-table .url-text').textContent()).toBe('https://slike-e2e.example/galerija/7');
    await item.getByLabel('Zemlja hostinga').fill('nl');
    await item.getByRole('button', { name: 'Sačuvaj' }).click();
    await expect.poll(() => item.locator('.url-country').textContent()).toContain('NL · Holandija');

    // Reported to the platform half an hour after the first report; the takedown confirmed 2 h 30 min after it.
    const record = async (kind: string, minutes: number, note: string) => {
      const form = item.locator('form.url-record-action');
      await form.getByLabel('Šta je urađeno').selectOption(kind);
      await form.getByLabel('Kada').fill(localInput(new Date(first.getTime() + minutes * 60_000)));
      await form.getByLabel('Beleška').fill(note);
      await form.getByRole('button', { name: 'Zabeleži' }).click();
      await item.locator(`.url-actions li[data-action="${kind}"]`).waitFor();
    };
    await record('reported_to_platform', 30, 'Prijavljeno preko TikTok obrasca.');
    await record('takedown_confirmed', 150, 'Profil više ne postoji.');
    expect(await item.locator('.url-actions li').allTextContents()).toEqual([
      expect.stringMatching(/^Prijavljeno platformi .*Prijavljeno preko TikTok obrasca\.$/),
      expect.stringMatching(/^Uklanjanje potvrđeno .*Profil više ne postoji\.$/),
    ]);
    expect(await item.locator('.url-badges [data-status]').first().textContent()).toBe('Uklonjeno');
    expect(await item.locator('[data-removed-after]').textContent()).toBe('Uklonjeno 2 h 30 min posle prve prijave');

    // The figures: one removed, 2 h 30 min from the first report to the takedown, on TikTok too.
    await page.getByRole('link', { name: 'Brojke' }).click();
    await page.waitForURL('**/urls/figures');
    const figures = page.locator('.url-figures');
    await figures.getByLabel('Od').fill(first.toISOString().slice(0, 10));
    await figures.getByRole('button', { name: 'Prikaži' }).click();
    await expect.poll(() => figures.locator('[data-figure="median"] .value').textContent()).toBe('2 h 30 min');
    expect(await figures.locator('[data-figure="items"] .value').textContent()).toBe('2');
    expect(await figures.locator('[data-figure="removed"] .value').textContent()).toBe('1');
    const tiktokRow = figures.locator('[data-figure-table="platform"] tr[data-key="tiktok"]');
    expect(await tiktokRow.locator('td').allTextContents()).toEqual(['1', '1', '2 h 30 min', '2 h 30 min']);
    expect(await figures.locator('[data-figure-table="assessment"] tr[data-key="csam"] td.num').textContent()).toBe(
      '1',
    );
    expect(await figures.locator('[data-figure-table="country"] tr[data-key="NL"] th').textContent()).toBe(
      'NL · Holandija',
    );
    // The CSV link is the server's CSV of the same figures.
    const csvHref = await figures.getByRole('link', { name: 'Preuzmi CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (href) => (await fetch(href ?? '')).text(), csvHref);
    expect(csv).toContain('platform,tiktok,1,1,150,150');
    // In the other two languages.
    const medianLabel = figures.locator('[data-figure="median"] span').last();
    await page.locator('.lang-select').selectOption('sr-Cyrl');
    await expect.poll(() => medianLabel.textContent()).toBe('Медијана времена до уклањања');
    await page.locator('.lang-select').selectOption('en');
    await expect.poll(() => medianLabel.textContent()).toBe('Median time to takedown');
    expect(await figures.locator('[data-figure-table="country"] tr[data-key="NL"] th').textContent()).toBe(
      'NL · Netherlands',
    );
    await page.locator('.lang-select').selectOption('sr-Latn');
    await expect.poll(() => medianLabel.textContent()).toBe('Medijana vremena do uklanjanja');

    // The case lists its two links, each leading to its item.
    await page.goto(`${kontakt.url}/cases/${reference}`);
    const panel = page.locator('.case-urls');
    await expect.poll(() => panel.locator('li').count(), { timeout: 15_000 }).toBe(2);
    await panel.getByRole('link', { name: 'Otvori: slike-e2e.example' }).click();
    await page.waitForURL(/\/urls\/[0-9a-f-]{36}$/);
    await page.locator('.url-detail').waitFor();

    // Nothing pointed at, nor fetched from, the reported hosts; no CSP violation, no error.
    for (const p of [page, cpage]) {
      expect(await pointersTo(p, 'tiktok')).toBe(0);
      expect(await pointersTo(p, 'slike-e2e')).toBe(0);
      expect(await cspViolations(p)).toEqual([]);
    }
    expect(outside).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    expect(cproblems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
    await cctx.close();
  });
});
