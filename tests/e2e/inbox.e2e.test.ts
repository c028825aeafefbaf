import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { ARTIFACTS, builtInbox, freshProfile, watchProblems } from './e2e-helpers.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';
const DESCRIPTION = `Neko mi preti na Instagramu — Нико ми прети ${HOSTILE}`;
const REPORTED_URL = 'https://bad.example/profile?id=42&x=<b>';

describe('web inbox in Chromium', () => {
  let kontakt: TestKontakt;
  let context: BrowserContext;
  let profile: Awaited<ReturnType<typeof freshProfile>> | undefined;

  beforeAll(async () => {
    const html = fs.readFileSync(path.join(builtInbox(), 'index.html'), 'utf8');
    // The server's CSP forbids inline script and style: the build must not need them.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=/i);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox() });
    profile = await freshProfile();
    context = profile.context;
  });

  afterAll(async () => {
    await profile?.close();
    await kontakt?.cleanup();
  });

  it('signs in, shows a new report live, renders hostile text as text, takes a note, switches language', async () => {
    // CSP violations, recorded from the first byte of the page (init scripts run before the app's).
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const cspViolations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

    // Sign in through the form.
    await page.goto(kontakt.url);
    await page.getByLabel('E-pošta').fill(kontakt.admin.email);
    await page.getByLabel('Lozinka').fill(kontakt.admin.password);
    await page.getByRole('button', { name: 'Prijavi se' }).click();

    // The inbox: list with its views, and pushes flowing.
    await page.getByRole('link', { name: 'Svi otvoreni' }).waitFor();
    await page.locator('#app[data-live="up"]').waitFor();
    await page.getByText('Nema predmeta u ovom prikazu.').waitFor();

    // A report arrives from the public form while the counselor is looking: no reload.
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: { description: DESCRIPTION, kind: 'help', urls: [REPORTED_URL] },
    });
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };
    const row = page.locator(`button.case-row[data-reference="${reference}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('Anonimno');
    expect(await row.textContent()).toContain('Veb formular');
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox-list.png'), fullPage: true });

    // Open it: the reporter's words are text, never markup.
    await row.click();
    const view = page.locator('.case-view');
    await view.getByRole('heading', { name: reference }).waitFor();
    const inbound = view.locator('.message-inbound .message-text');
    await inbound.waitFor();
    expect(await inbound.textContent()).toBe(DESCRIPTION);
    await view.getByText(HOSTILE, { exact: false }).waitFor({ state: 'visible' });
    expect(await view.locator('.thread img').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    // Reported links: listed as text with a copy button, never as a link.
    expect(await view.locator('code.url').textContent()).toBe(REPORTED_URL);
    // The only links in the case are the inbox's own (the side panel's links to the reported-URL items).
    expect(await view.locator('a[href*="bad.example"]').count()).toBe(0);
    const hrefs = await view.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^\/(?!\/)/);
    await view.getByRole('button', { name: 'Kopiraj link 1' }).waitFor();

    // An anonymous reporter cannot be answered: the composer says so before anything is typed.
    await view.getByText('Odgovor nije moguć: podnosilac je anoniman i nije ostavio kontakt.').waitFor();
    expect(await view.getByRole('radio', { name: 'Odgovor podnosiocu' }).isDisabled()).toBe(true);

    // An internal note through the composer shows up in the thread.
    const note = `Razgovarati sa roditeljem ${Date.now()}`;
    await view.getByLabel('Tekst poruke').fill(note);
    await view.getByRole('button', { name: 'Pošalji' }).click();
    await view.locator('.message-note .message-text', { hasText: note }).waitFor();
    expect(await view.locator('.thread > li').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox-case.png'), fullPage: true });

    // A change in the case header is saved and the list row follows.
    await view.getByLabel('Prioritet').selectOption('urgent');
    await row.locator('.badge.priority-urgent', { hasText: 'Hitno' }).waitFor();

    // Language: English labels everywhere, remembered across a reload (which also keeps the session).
    await page.getByLabel('Jezik').selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await view.getByLabel('Status').waitFor();
    expect(await view.locator('.message-note .message-kind').textContent()).toBe('Internal note');
    await page.reload();
    await page.getByRole('link', { name: 'All open' }).waitFor();
    await page.locator('.case-view').getByRole('heading', { name: reference }).waitFor();
    expect(await page.getByLabel('E-mail').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox-case-en.png'), fullPage: true });

    // Sign out: back to the sign-in form, and a reload stays there.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    expect(await cspViolations()).toEqual([]);
    expect(problems.dialogs).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
});
