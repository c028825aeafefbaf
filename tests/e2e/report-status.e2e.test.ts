/**
 * The reporter's status page in Chromium: the page sends no referrer, under which a browser posts
 * its own forms with `Origin: null`; checking a report and adding to it must still work, and the
 * addition reach the case.
 */
import { type Browser, chromium, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/inbox/contract.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { CHROMIUM, CHROMIUM_ARGS, watchProblems } from './e2e-helpers.ts';

describe("the reporter's status page (Chromium)", () => {
  let t: TestKontakt;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestKontakt('pglite', { REPORT_RATE_LIMIT: '1000' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('checks a report by its code and adds information to it through the page', async () => {
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Neko šalje mom detetu pretnje.', email: 'roditelj@example.rs', consent: true },
    });
    expect(res.status).toBe(202);
    const { reference, receipt } = (await res.json()) as { reference: string; receipt: string };

    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const posts: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r);
    });

    await page.goto(`${t.url}/report/status?lang=en`);
    await page.locator('#reference').fill(reference);
    await page.locator('#receipt').fill(receipt);
    await page.locator('form.status-form button[type="submit"]').click();
    await page.waitForSelector('form.status-add', { timeout: 20_000 });
    const add = page.locator('form.status-add');

    await add.locator('textarea[name="description"]').fill('Dodajem: pretnje stižu i na Instagram.');
    const answer = page.waitForResponse((r) => r.url().endsWith('/report/status/add'));
    await add.locator('button[type="submit"]').click();
    expect((await answer).status()).toBe(200);
    await page.waitForSelector('.notice[role="status"]', { timeout: 20_000 });
    expect(await page.locator('.notice[role="status"]').textContent()).toContain('added this to your report');

    // The browser did post with Origin: null (the page's no-referrer policy), from our own origin.
    const sent = await posts.find((p) => p.url().endsWith('/report/status/add'))?.allHeaders();
    expect(sent).toMatchObject({ origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(problems.pageErrors).toEqual([]);

    const admin = await t.login();
    const { items } = (await (await t.api(`/api/cases?q=${reference}`, { cookie: admin })).json()) as {
      items: { id: string }[];
    };
    const id = items[0]?.id ?? '';
    await eventually(async () => {
      const detail = (await (await t.api(`/api/cases/${id}`, { cookie: admin })).json()) as CaseDetail;
      return detail.messages.some((m) => m.text.includes('pretnje stižu i na Instagram')) || undefined;
    });
    await context.close();
  });
});
