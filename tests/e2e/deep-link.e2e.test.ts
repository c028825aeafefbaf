import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, freshProfile, signIn, watchProblems } from './e2e-helpers.ts';

/** A counselor shares a link to a case, reloads it, goes Back: the URL is the screen. */
describe('inbox URLs in Chromium', () => {
  let kontakt: TestKontakt;
  let context: BrowserContext;
  let profile: Awaited<ReturnType<typeof freshProfile>> | undefined;
  const refs: string[] = [];
  let caseId = '';

  beforeAll(async () => {
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox(), REPORT_RATE_LIMIT: '100' });
    const cookie = await kontakt.login();
    for (const description of ['Prvi predmet za link', 'Drugi predmet za link']) {
      const res = await kontakt.api('/api/reports', { method: 'POST', json: { description, kind: 'help' } });
      refs.push(((await res.json()) as { reference: string }).reference);
    }
    // The reports become cases in the worker: wait for the first one's id (for the old link form).
    caseId = await eventually(async () => {
      const list = (await (await kontakt.api(`/api/cases?q=${refs[0]}`, { cookie })).json()) as {
        items: { id: string }[];
      };
      return list.items[0]?.id;
    });
    profile = await freshProfile();
    context = profile.context;
  });

  afterAll(async () => {
    await profile?.close();
    await kontakt?.cleanup();
  });

  it('opens a case from /cases/<reference>, keeps it on reload, and Back returns to the list', async () => {
    const [first, second] = refs as [string, string];
    const page = await context.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await page.locator(`button.case-row[data-reference="${second}"]`).waitFor();

    // A shared link, typed into the address bar of a signed-in browser.
    await page.goto(`${kontakt.url}/cases/${first}`);
    await page.locator('.case-view h2', { hasText: first }).waitFor();
    await page.locator('.case-view .message-text', { hasText: 'Prvi predmet za link' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${first}`);

    // A reload keeps the case open.
    await page.reload();
    await page.locator('#app[data-live="up"]').waitFor();
    await page.locator('.case-view h2', { hasText: first }).waitFor();
    await expect
      .poll(() => page.locator(`button.case-row[data-reference="${first}"]`).getAttribute('aria-current'))
      .toBe('true');

    // From the list to another case and Back: the first case again, then the list.
    await page.locator('.tab[data-view="open"]').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/views/open');
    await page.locator('.case-view .placeholder').waitFor();
    await page.locator(`button.case-row[data-reference="${second}"]`).click();
    await page.locator('.case-view h2', { hasText: second }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${second}`);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/views/open');
    await page.locator('.case-view .placeholder').waitFor();
    expect(await page.locator('button.case-row[aria-current="true"]').count()).toBe(0);
    await page.goForward();
    await page.locator('.case-view h2', { hasText: second }).waitFor();

    // A link from before the router (#case=<id>) still opens its case, and shows the reference.
    await page.goto(`${kontakt.url}/#case=${caseId}`);
    await page.locator('.case-view h2', { hasText: first }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/cases/${first}`);

    // An unknown case: said so, and the list shows.
    await page.goto(`${kontakt.url}/cases/KC-1999-000001`);
    await page.getByRole('alert').filter({ hasText: 'KC-1999-000001' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((e) => !e.includes('/api/cases/by-reference/KC-1999'))).toEqual([]);
    await page.close();
  });

  it('gives each screen a URL: the rail opens it, Back closes it, a reload opens it again', async () => {
    // Still signed in from the first test (one browser profile).
    const page = await context.newPage();
    await page.goto(kontakt.url);
    await page.locator('#app[data-live="up"]').waitFor();
    await page.getByRole('link', { name: 'Statistika' }).click();
    await page.locator('dialog.stats-view[open]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/stats');
    await page.reload();
    await page.locator('dialog.stats-view[open]').waitFor();
    await page.goBack();
    await expect.poll(() => page.locator('dialog.stats-view').count()).toBe(0);

    await page.goto(`${kontakt.url}/admin/users`);
    await page.locator('dialog.users-admin[open]').waitFor();
    await page.locator('dialog.users-admin').getByRole('button', { name: 'Zatvori' }).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');

    // A search is a URL too: the search screen opens with it and runs it.
    await page.goto(`${kontakt.url}/search?q=${encodeURIComponent(refs[1] ?? '')}`);
    await page.locator(`a.search-result[data-reference="${refs[1]}"]`).waitFor();
    expect(await page.locator('a.search-result').count()).toBe(1);
    expect(await page.getByRole('searchbox', { name: 'Pretraži sve predmete' }).inputValue()).toBe(refs[1]);
    await page.close();
  });

  it('shows a message that arrives while a linked case is still being fetched', async () => {
    // Still signed in from the first test (one browser profile).
    const cookie = await kontakt.login();
    const watcher = await kontakt.socket(cookie);
    const text = 'usred učitavanja';
    const page = await context.newPage();
    const problems = watchProblems(page);
    let held = false;
    // The first fetch by reference answers with what the server held before the note was written.
    await page.route('**/api/cases/by-reference/*', async (r) => {
      if (held) return r.continue();
      held = true;
      const resp = await r.fetch();
      await page.locator('#app[data-live="up"]').waitFor();
      const published = nextEvent<{ message: { text: string } }>(
        watcher,
        'message:created',
        (e) => e.message.text === text,
      );
      const res = await kontakt.api(`/api/cases/${caseId}/messages`, {
        method: 'POST',
        cookie,
        json: { kind: 'note', text },
      });
      expect(res.status).toBe(201);
      await published;
      await r.fulfill({ response: resp });
    });
    await page.goto(`${kontakt.url}/cases/${refs[0]}`);
    await page.locator('.case-view h2', { hasText: refs[0] }).waitFor();
    expect(held).toBe(true);
    await page.locator('.case-view .message-text', { hasText: text }).waitFor({ timeout: 5_000 });
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });
});
