import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

describe('outcome message and templates in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  const dist = builtInbox();

  beforeAll(async () => {
    kontakt = await startTestKontakt('postgres', { WEB_INBOX_DIR: dist });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  it('closing a case offers the outcome message in the reporter’s language; recording it reaches the status page', async () => {
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: { description: 'Неко шаље претње мом сину.', category: 'integrity', language: 'sr-Cyrl' },
    });
    const { reference, receipt } = (await res.json()) as { reference: string; receipt: string };
    // The case exists (the worker applied the report) before the inbox first loads its list.
    const admin = await kontakt.login();
    await eventually(async () => {
      const list = await kontakt.api(`/api/cases?q=${reference}`, { cookie: admin });
      return ((await list.json()) as { items: unknown[] }).items.length === 1;
    }, 20_000);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await page.locator(`button.case-row[data-reference="${reference}"]`).click();
    await page.locator('select[data-field="status"]').selectOption('closed');

    const dialog = page.locator('dialog.outcome-dialog[open]');
    await dialog.waitFor();
    const text = dialog.locator('textarea[name="text"]');
    // The counselor works in Latin script; the reporter wrote in Cyrillic, so the template is Cyrillic.
    await expect.poll(() => text.inputValue()).toContain('Поштовани');
    expect(await text.inputValue()).toContain(reference);
    await dialog.getByText('ostavio kontakt', { exact: false }).waitFor();
    await dialog.locator('select[name="outcome"]').selectOption('content_reported_to_platform');
    expect(await text.inputValue()).toContain('платформи');
    await dialog.getByRole('button', { name: 'Zabeleži' }).click();
    await dialog.locator('.outcome-history li').first().waitFor();
    expect(await dialog.locator('.outcome-status').textContent()).toContain('zabeležen');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The header keeps the offer while the case is closed.
    await page.locator('.outcome-offer button.tell-reporter').waitFor();

    const status = await kontakt.api('/api/reports/status', { method: 'POST', json: { reference, receipt } });
    const body = (await status.json()) as { status: string; outcome: { text: string } | null };
    expect(body.status).toBe('closed');
    expect(body.outcome?.text).toContain('платформи');
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  });

  it('supervisors edit outcome templates and canned responses per language', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await page.locator('a.templates').click();
    const dialog = page.locator('dialog.template-admin[open]');
    await dialog.waitFor();
    await dialog.locator('select').first().selectOption('en');
    const area = dialog.locator('textarea[data-outcome="advice_given"]');
    await expect.poll(() => area.inputValue()).toContain('advice');
    const edited = 'Thank you (report {reference}). We hope the advice helped.';
    await area.fill(edited);
    const row = dialog.locator('.template-row:has(textarea[data-outcome="advice_given"])');
    await row.locator('button').click();
    await row.locator('.save-status').filter({ hasText: /\S/ }).waitFor();
    const cookie = await kontakt.login();
    const templates = (await (await kontakt.api('/api/outcome-templates', { cookie })).json()) as {
      items: { outcome: string; language: string; body: string }[];
    };
    expect(templates.items.find((t) => t.outcome === 'advice_given' && t.language === 'en')?.body).toBe(edited);
    // The advice for parents is listed among the canned responses of this language.
    await dialog.locator('.canned-admin-list li').first().waitFor();
    expect(await dialog.locator('.canned-admin-list li').count()).toBe(3);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  });
});
