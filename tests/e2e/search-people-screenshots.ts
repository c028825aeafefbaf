/**
 * Regenerates the search, contact page, person panel and merge screenshots in docs/screens/ from
 * made-up demo data: `npx tsx tests/e2e/search-people-screenshots.ts`. Not a test; needs Redis and
 * Chromium like the e2e suite (the other screens: docs-screenshots.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startTestKontakt } from '../helpers/kontakt.ts';
import { seedCase, seedContact } from '../helpers/people-seed.ts';
import { buildInbox, CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, signIn } from './e2e-helpers.ts';

const OUT = path.join(ROOT, 'docs/screens');
fs.mkdirSync(OUT, { recursive: true });
buildInbox();
const k = await startTestKontakt('pglite', { WEB_INBOX_DIR: DIST });
const db = k.k.store.db;
const day = (n: number) => new Date(Date.now() - n * 86_400_000);

// One child who wrote by the web form and called, another writing on Instagram in Cyrillic.
const jelena = await seedContact(db, 'Jelena S.', [
  { kind: 'email', value: 'jelena.s@example.rs' },
  { kind: 'phone', value: '+381641234567' },
]);
const caller = await seedContact(db, null, [{ kind: 'phone', value: '064 123 4567' }]);
const insta = await seedContact(db, 'мања_бг', [{ kind: 'instagram_igsid', value: '17841400000000077' }]);
const form = await seedCase(db, {
  contactId: jelena.id,
  channel: 'web_form',
  category: 'integrity',
  texts: ['Dečak iz odeljenja mi šalje pretnje i kaže da će objaviti moje slike. Trpim nasilje već mesec dana.'],
  at: day(9),
});
await seedCase(db, {
  contactId: caller.id,
  channel: 'phone',
  status: 'closed',
  texts: ['Poziv: devojčica se plaši da ide u školu, pominje nasilje na grupi odeljenja.'],
  at: day(30),
});
const later = await seedCase(db, {
  contactId: jelena.id,
  channel: 'web_form',
  texts: ['Opet mi piše, sada sa drugog profila.'],
  at: day(2),
});
await seedCase(db, {
  contactId: insta.id,
  channel: 'instagram',
  category: 'integrity',
  priority: 'high',
  texts: ['Трпим насиље у школи. Рекао је: „убићу те ако кажеш“.'],
  at: day(1),
});
await seedCase(db, {
  contactId: null,
  channel: 'email',
  category: 'advice',
  texts: ['Kao nastavnica pitam kako da razgovaram sa odeljenjem o vršnjačkom nasilju na internetu.'],
  at: day(5),
});

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const shot = async (page: Page, name: string) => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
};
const a = await (await browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'sr-Latn-RS' })).newPage();
await signIn(a, k.url, k.admin.email, k.admin.password);

// The search screen: a Latin query finds both scripts, one filter set; then the filters open.
await a.goto(`${k.url}/search?q=nasilje&status=open&status=new`);
await a.locator('a.search-result').nth(1).waitFor();
await shot(a, 'search');
await a.locator('.search-filters > summary').click();
await shot(a, 'search-filters');
await a.locator('.search-filters > summary').click();

// A result opened beside the results: the person panel in the case's details.
await a.locator(`a.search-result[data-reference="${form.reference}"]`).click();
await a.locator('.case-view h2', { hasText: form.reference }).waitFor();
await shot(a, 'search-case');

// The contact page, with the caller suggested by the same number.
await a.locator('.person-panel').getByRole('link', { name: 'Stranica kontakta' }).click();
await a.locator(`.person-suggestions li[data-contact-id="${caller.id}"]`).waitFor();
await a.getByLabel('Nova beleška').fill('Radije piše nego što zove; roditelji ne znaju.');
await a.getByRole('button', { name: 'Dodaj belešku' }).click();
await a.locator('.person-note').waitFor();
await a.locator(`.person-suggestions li[data-contact-id="${caller.id}"] button`).click();
await a.locator('dialog.reason-dialog[open]').getByLabel('Razlog').fill('Isti broj telefona na formi i u pozivu');
await shot(a, 'contact-link');
await a.locator('dialog.reason-dialog[open]').getByRole('button', { name: 'Poveži' }).click();
await a.locator('table.person-cases tbody tr').nth(2).waitFor();
await shot(a, 'contact');

// Merging the later case into the first: the case picked, shown before anything changes.
await a.goto(`${k.url}/cases/${later.reference}`);
await a.locator('.case-view h2', { hasText: later.reference }).waitFor();
await a.getByRole('button', { name: 'Spoji sa drugim predmetom…' }).click();
await a
  .locator('dialog.case-pick-dialog[open]')
  .getByRole('button', { name: new RegExp(form.reference) })
  .click();
await a.locator('dialog.case-pick-dialog .picked-case').waitFor();
await shot(a, 'merge');

await browser.close();
await k.cleanup();
process.exit(0);
