import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';
import { seedCase, seedContact } from '../helpers/people-seed.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

/**
 * Issue 21 in the inbox: one search over everything in both scripts, one person across channels,
 * merging cases and moving a message, each as a counselor does it in Chromium.
 */
describe('search, people, merge and move in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  const counselor = { email: 'savetnica21@test.kontakt', password: testPassword('savetnica21@test.kontakt') };
  const colleague = { email: 'kolega21@test.kontakt', password: testPassword('kolega21@test.kontakt') };

  beforeAll(async () => {
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox() });
    await seedUser(kontakt, counselor.email, 'counselor', counselor.password, 'Savetnica');
    await seedUser(kontakt, colleague.email, 'counselor', colleague.password, 'Kolega');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  const open = async (who: { email: string; password: string }) => {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, who.email, who.password);
    return { page, problems, close: () => ctx.close() };
  };
  const path = (page: Page) => new URL(page.url()).pathname;
  const caseTitle = (page: Page, reference: string) => page.locator('.case-view h2', { hasText: reference });

  it('finds a Cyrillic case from a Latin query typed after "/", and opens it from the results', async () => {
    const db = kontakt.k.store.db;
    const child = await seedContact(db, 'Јелена', [{ kind: 'email', value: 'jelena.s@example.rs' }]);
    const cyrillic = await seedCase(db, {
      contactId: child.id,
      channel: 'email',
      texts: ['Трпим насиље у школи. Рекао је: „убићу те ако кажеш“.'],
    });
    const latin = await seedCase(db, { contactId: null, channel: 'web_form', texts: ['Pitanje o igricama.'] });
    const { page, problems, close } = await open(counselor);
    await page.locator(`button.case-row[data-reference="${latin.reference}"]`).waitFor();

    // "/" from the list takes the cursor to the search box; Enter opens the search screen.
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-search-box'))).toBe(true);
    await page.keyboard.type('nasilje');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(`${kontakt.url}/search?q=nasilje`);
    const hit = page.locator(`a.search-result[data-reference="${cyrillic.reference}"]`);
    await hit.waitFor();
    // The matched word is marked in the snippet, as text (the snippet is never HTML).
    expect(await hit.locator('mark').allTextContents()).toEqual(['насиље']);
    expect(await page.locator('a.search-result').count()).toBe(1);

    // Without diacritics, in the other script: "ubicu" finds "убићу"; the URL is the search.
    await page.keyboard.press('/');
    await page.keyboard.type('ubicu');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('ubicu');
    await expect.poll(() => hit.locator('mark').allTextContents()).toEqual(['убићу']);

    // A filter narrows it and is in the URL too; Back returns to the search before it.
    await page.locator('.search-filters > summary').click();
    await page.locator('fieldset[data-filter="channel"]').getByLabel('Facebook').check();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('channel')).toEqual(['facebook']);
    await page.getByRole('status').filter({ hasText: 'Ništa nije pronađeno.' }).waitFor();
    await page.goBack();
    await hit.waitFor();

    // Opening a result shows the case beside the results; closing it returns to them.
    await hit.click();
    await caseTitle(page, cyrillic.reference).waitFor();
    expect(path(page)).toBe(`/cases/${cyrillic.reference}`);
    expect(await hit.getAttribute('aria-current')).toBe('true');
    await page.locator('.case-view .close').click();
    await expect.poll(() => page.url()).toBe(`${kontakt.url}/search?q=ubicu`);

    // A reload runs the same search again.
    await page.reload();
    await hit.waitFor();
    expect(await page.getByRole('searchbox', { name: 'Pretraži sve predmete' }).inputValue()).toBe('ubicu');

    // Saved as the counselor's own view, it opens again from the list of saved searches.
    await page.getByRole('button', { name: 'Sačuvaj kao pregled' }).click();
    await page.getByLabel('Naziv pregleda').fill('Pretnje u školi');
    await page.getByRole('button', { name: 'Sačuvaj', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Sačuvano kao „Pretnje u školi“.' }).waitFor();
    await page.goto(`${kontakt.url}/search`);
    await page.getByRole('status').filter({ hasText: 'Upišite šta tražite ili izaberite filtere.' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Moje sačuvane pretrage' })
      .getByRole('button', { name: 'Pretnje u školi', exact: true })
      .click();
    await expect.poll(() => page.url()).toBe(`${kontakt.url}/search?q=ubicu`);
    await hit.waitFor();
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await close();
  });

  it('links two contacts as one person with a reason, shows the other channel’s case, and splits them again', async () => {
    const db = kontakt.k.store.db;
    const marko = await seedContact(db, 'Marko', [
      { kind: 'email', value: 'marko.p@example.rs' },
      { kind: 'phone', value: '+381641234567' },
    ]);
    const caller = await seedContact(db, null, [{ kind: 'phone', value: '064 123 4567' }]);
    const formCase = await seedCase(db, {
      contactId: marko.id,
      channel: 'web_form',
      texts: ['Neko mi preti porukama.'],
    });
    const callCase = await seedCase(db, { contactId: caller.id, channel: 'phone', texts: ['Poziv: dečak se plaši.'] });

    // A colleague has the web-form case open: its person panel follows the link live.
    const other = await open(colleague);
    await other.page.goto(`${kontakt.url}/cases/${formCase.reference}`);
    await caseTitle(other.page, formCase.reference).waitFor();
    await other.page.locator('.person-panel').getByText('Osoba nema drugih predmeta.').waitFor();

    const { page, problems, close } = await open(counselor);
    await page.goto(`${kontakt.url}/cases/${formCase.reference}`);
    await caseTitle(page, formCase.reference).waitFor();
    await page.locator('.person-panel').getByRole('link', { name: 'Stranica kontakta' }).click();
    await expect.poll(() => path(page)).toBe(`/contacts/${marko.id}`);
    const identities = page.locator('table.person-identities tbody tr');
    await expect.poll(() => identities.count()).toBe(2);
    const cases = page.locator('table.person-cases tbody tr');
    expect(await cases.getAttribute('data-reference')).toBe(formCase.reference);

    // The same number written another way is suggested; linking asks why.
    const suggestion = page.locator(`.person-suggestions li[data-contact-id="${caller.id}"]`);
    await suggestion.getByText('064 123 4567 je isto što i +381641234567').waitFor();
    await suggestion.getByRole('button', { name: 'Poveži kao jednu osobu' }).click();
    const dialog = page.locator('dialog.reason-dialog[open]');
    await expect.poll(() => dialog.getByRole('button', { name: 'Poveži' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Razlog').fill('Isti broj telefona na formi i u pozivu');
    await dialog.getByRole('button', { name: 'Poveži' }).click();
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);

    // The call's case is the person's now, with its channel, and its number among the identities.
    const call = page.locator(`table.person-cases tr[data-reference="${callCase.reference}"]`);
    await call.waitFor();
    expect(await call.locator('td').nth(2).textContent()).toBe('Telefon');
    await expect.poll(() => identities.count()).toBe(3);
    expect(await page.locator('.person-suggestions').count()).toBe(0);
    await other.page
      .locator('.person-panel .person-other-cases')
      .getByRole('link', { name: callCase.reference })
      .waitFor();

    // The call's case opens from the page.
    await call.getByRole('link', { name: callCase.reference }).click();
    await caseTitle(page, callCase.reference).waitFor();
    await page.goBack();
    await call.waitFor();

    // Split: the caller's number leaves the person again, and its case with it.
    await page.getByRole('checkbox', { name: 'Izaberi 064 123 4567' }).check();
    await page.getByRole('button', { name: 'Odvoji izabrano' }).click();
    const split = page.locator('dialog.reason-dialog[open]');
    await split.getByLabel('Razlog (nije obavezno)').fill('Pogrešno povezano');
    await split.getByRole('button', { name: 'Odvoji' }).click();
    await expect.poll(() => call.count()).toBe(0);
    await expect.poll(() => identities.count()).toBe(2);
    await other.page.locator('.person-panel').getByText('Osoba nema drugih predmeta.').waitFor();

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(other.problems.pageErrors).toEqual([]);
    await other.close();
    await close();
  });

  it('merges a case into another: the old reference opens the surviving case; moves a message, live for a colleague', async () => {
    const db = kontakt.k.store.db;
    const ana = await seedContact(db, 'Ana', [{ kind: 'email', value: 'ana.m@example.rs' }]);
    const first = await seedCase(db, { contactId: ana.id, channel: 'email', texts: ['Prva poruka o ucenju.'] });
    const second = await seedCase(db, {
      contactId: ana.id,
      channel: 'email',
      texts: ['Druga poruka, ista stvar.', 'Ovo ne spada ovde.'],
    });
    const third = await seedCase(db, { contactId: null, channel: 'web_form', texts: ['Treći predmet.'] });

    // A colleague watches the list and has the first case open.
    const other = await open(colleague);
    await other.page.locator(`button.case-row[data-reference="${first.reference}"]`).click();
    await caseTitle(other.page, first.reference).waitFor();

    const { page, problems, close } = await open(counselor);
    await page.goto(`${kontakt.url}/cases/${first.reference}`);
    await caseTitle(page, first.reference).waitFor();
    await page.getByRole('button', { name: 'Spoji sa drugim predmetom…' }).click();
    const dialog = page.locator('dialog.case-pick-dialog[open]');
    // The person's other case is offered; picking it shows it before anything is merged.
    await dialog.getByRole('button', { name: new RegExp(second.reference) }).click();
    await dialog.locator('.picked-case').getByText(second.reference).waitFor();
    await dialog.getByRole('button', { name: `Spoji u ${second.reference}` }).click();
    await caseTitle(page, second.reference).waitFor();
    expect(path(page)).toBe(`/cases/${second.reference}`);
    await page.locator('.case-view .message-text', { hasText: 'Prva poruka o ucenju.' }).waitFor();

    // The colleague is taken to the surviving case, told why, and the absorbed case leaves the list.
    await caseTitle(other.page, second.reference).waitFor();
    await other.page
      .getByRole('alert')
      .filter({ hasText: `${first.reference} je spojen u ${second.reference}.` })
      .waitFor();
    await expect.poll(() => other.page.locator(`button.case-row[data-reference="${first.reference}"]`).count()).toBe(0);

    // The old reference keeps resolving: a link to it opens the surviving case.
    await page.goto(`${kontakt.url}/cases/${first.reference}`);
    await caseTitle(page, second.reference).waitFor();

    // Move one message to the third case from the message's menu.
    const stray = page.locator('.thread > li', { hasText: 'Ovo ne spada ovde.' });
    await stray.locator('.message-menu > summary').click();
    await stray.getByRole('button', { name: 'Premesti u drugi predmet…' }).click();
    const move = page.locator('dialog.case-pick-dialog[open]');
    await move.getByLabel('Broj predmeta u koji prelazi').fill(third.reference.toLowerCase());
    await move.getByRole('button', { name: 'Pronađi' }).click();
    await move.getByRole('button', { name: `Premesti u ${third.reference}` }).click();
    await expect.poll(() => stray.count()).toBe(0);
    // The colleague, on the surviving case, sees it leave too.
    await expect.poll(() => other.page.locator('.thread > li', { hasText: 'Ovo ne spada ovde.' }).count()).toBe(0);
    await page.goto(`${kontakt.url}/cases/${third.reference}`);
    await page.locator('.case-view .message-text', { hasText: 'Ovo ne spada ovde.' }).waitFor();

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(other.problems.pageErrors).toEqual([]);
    await other.close();
    await close();
  });
});
