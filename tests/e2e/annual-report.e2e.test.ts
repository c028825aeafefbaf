import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { CHROMIUM, CHROMIUM_ARGS, watchProblems } from './e2e-helpers.ts';

/** The yearly report in Chromium: what an educator records is counted on the printable page. */
describe('the yearly report (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let supervisor: string;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    kontakt = await startTestKontakt('pglite');
    supervisor = (await addUser(kontakt, 'supervisor', 'nadzor@test.kontakt')).cookie;
    const educator = (await addUser(kontakt, 'educator', 'edukator@test.kontakt')).cookie;
    // The educator records a school presentation this year (the register's own screen is tested apart).
    const res = await kontakt.api('/api/outreach', {
      method: 'POST',
      cookie: educator,
      json: {
        kind: 'school_presentation',
        date: `${year}-01-02`,
        institution: { name: 'OŠ Vuk Karadžić', kind: 'primary_school', municipality: 'Niš' },
        audience: { students: 31, parents: 12 },
      },
    });
    expect(res.status).toBe(201);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  /** A browser signed in with the supervisor's session; CSP violations are collected. */
  const open = async (path: string): Promise<{ page: Page; violations: () => Promise<string[]> }> => {
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const [name, value] = supervisor.split('=') as [string, string];
    expect(name).toBe(SESSION_COOKIE);
    await ctx.addCookies([{ name, value, url: kontakt.url }]);
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(e.violatedDirective));
    });
    const problems = watchProblems(page);
    await page.goto(`${kontakt.url}${path}`);
    return {
      page,
      violations: async () => [
        ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
        ...problems.consoleErrors,
        ...problems.pageErrors,
      ],
    };
  };

  it('a supervisor opens the yearly report and sees the presentation counted, styled, charted and printable', async () => {
    const { page, violations } = await open(`/reports/annual/${year}?lang=en`);
    await expect.poll(() => page.title()).toBe(`Annual report ${year}`);
    const sentences = page.locator('ul.sentences li');
    await expect
      .poll(() => page.locator('li[data-key="presentations"]').textContent())
      .toBe('So far, 1 presentation has been held in 1 primary school for 31 students and 12 parents.');
    expect(await sentences.count()).toBeGreaterThan(3);
    const outreach = page.locator('section#outreach tbody tr').first();
    expect(await outreach.locator('td').allTextContents()).toEqual(['presentations', 'Presentations', '1', '1']);
    // The inline style applied (allowed by its hash): the heading takes the report's colour.
    expect(
      await page
        .locator('h2')
        .first()
        .evaluate((el) => getComputedStyle(el).color),
    ).toBe('rgb(31, 58, 95)');
    const charts = page.locator('.chart svg');
    expect(await charts.count()).toBe(4);
    expect((await charts.first().boundingBox())?.width).toBeGreaterThan(100);
    // Printing hides the language switch and the CSV links.
    expect(await page.locator('nav.langs').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.langs').isVisible()).toBe(false);
    expect(await page.locator('p.csv').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await violations()).toEqual([]);

    // The language switch: the same report in Cyrillic.
    await page.getByRole('link', { name: 'Ћирилица' }).click();
    await expect.poll(() => page.title()).toBe(`Годишњи извештај ${year}`);
    expect(await page.locator('li[data-key="presentations"]').textContent()).toBe(
      'До сада је одржана 1 презентација у 1 основној школи за 31 ученика и 12 родитеља.',
    );
    // The table's CSV in the page's language, downloaded from its link (the page itself may fetch nothing).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('section#outreach p.csv a').click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[1]).toBe('presentations,Презентације,1,1');
    expect(await violations()).toEqual([]);
  });
});
