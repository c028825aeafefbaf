/**
 * Regenerates the inbox's screenshots in docs/screens/ from made-up demo data:
 * `npx tsx tests/e2e/docs-screenshots.ts`. Not a test; needs Redis and Chromium like the e2e suite.
 * (docs/inbox.png, the README's picture, comes from readme-screenshot.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { eventually, startTestKontakt } from '../helpers/kontakt.ts';
import { buildInbox, CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, signIn } from './e2e-helpers.ts';

// SCREENS_OUT: somewhere else, to look before replacing the pictures in docs/screens/.
const OUT = process.env.SCREENS_OUT ?? path.join(ROOT, 'docs/screens');
fs.mkdirSync(OUT, { recursive: true });
buildInbox();
const k = await startTestKontakt('pglite', { WEB_INBOX_DIR: DIST, REPORT_RATE_LIMIT: '100' });
const reports = [
  {
    description: 'Nepoznata osoba traži od mog druga fotografije preko društvene mreže.',
    kind: 'report',
    reporterRole: 'child',
    ageGroup: '13_15',
  },
  {
    description: 'Na grupi odeljenja kruže uvredljive poruke o jednom učeniku. Kako da reagujemo kao škola?',
    kind: 'help',
    reporterRole: 'teacher',
  },
  {
    description: 'Dete provodi noći igrajući igrice i ne želi u školu. Tražimo savet.',
    kind: 'help',
    reporterRole: 'parent',
  },
  {
    description: 'Lažni profil koristi ime i sliku naše učenice, slike su i na hxxps://galerija-primer[.]net/album/42',
    kind: 'report',
    reporterRole: 'teacher',
    urls: ['https://www.instagram.com/lazni.profil.demo/?igshid=abc', 'https://www.tiktok.com/@lazni.profil.demo'],
  },
];
const refs: string[] = [];
for (const r of reports) {
  const res = await k.api('/api/reports', { method: 'POST', json: r });
  refs.push(((await res.json()) as { reference: string }).reference);
}
const focus = refs[0] ?? '';
// The reported links: one assessed and reported to its platform, one hosted abroad.
const cookie = await k.login();
const urlItems = await eventually(async () => {
  const page = (await (await k.api('/api/urls', { cookie })).json()) as { items: { id: string; host: string }[] };
  return page.items.length === 3 ? page.items : null;
}, 20_000);
const insta = urlItems.find((u) => u.host.includes('instagram'));
const gallery = urlItems.find((u) => u.host.includes('galerija'));
if (insta) {
  await k.api(`/api/urls/${insta.id}`, { method: 'PATCH', cookie, json: { assessment: 'harmful_not_illegal' } });
  const note = 'Prijavljeno preko obrasca za lažno predstavljanje.';
  await k.api(`/api/urls/${insta.id}/actions`, {
    method: 'POST',
    cookie,
    json: { kind: 'reported_to_platform', note },
  });
}
if (gallery) await k.api(`/api/urls/${gallery.id}`, { method: 'PATCH', cookie, json: { hostingCountry: 'NL' } });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const shot = async (page: Page, name: string) => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
};

const a = await (await browser.newContext({ viewport: { width: 1360, height: 820 } })).newPage();
await signIn(a, k.url, k.admin.email, k.admin.password);
await a.locator(`button.case-row[data-reference="${refs[3]}"]`).waitFor();
await a.goto(`${k.url}/cases/${focus}`);
const v = a.locator('.case-view');
await v.locator('h2', { hasText: focus }).waitFor();
await v.getByRole('button', { name: 'Preuzmi predmet' }).click();
await v.getByLabel('Kategorija', { exact: true }).selectOption('integrity');
await v.getByLabel('Tekst poruke').fill('Razgovarati sa detetom i uputiti prijavu VTK tužilaštvu.');
await v.getByRole('button', { name: 'Pošalji' }).click();
await v.locator('.message-note').waitFor();
await v.getByLabel('Oznake').fill('hitno-proveriti');
await v.getByLabel('Oznake').press('Enter');
await v.locator('.case-extras li.tag').first().waitFor();
await shot(a, 'inbox-case');

// The case record in the side panel: admins require four fields before closing; all but the gender are set.
await k.api('/api/record/settings', {
  method: 'PUT',
  cookie,
  json: { requiredForClose: ['reporterRole', 'gender', 'place', 'interventions'] },
});
await a.reload();
const record = a.locator('.record-panel');
await record.getByRole('combobox', { name: 'Ko prijavljuje' }).selectOption('child');
await record.getByRole('combobox', { name: 'Okrug' }).selectOption('nisavski');
await record.getByRole('combobox', { name: 'Opština ili grad' }).selectOption('nis');
await record.getByRole('combobox', { name: 'Potkategorija' }).selectOption('grooming');
await record.getByLabel('Savet').check();
await record.locator('.record-missing-list', { hasText: 'Pol' }).waitFor();
await a.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
await record.screenshot({ path: path.join(OUT, 'record-panel.png') });

await a.getByRole('link', { name: 'Statistika' }).click();
await a.locator('dialog.stats-view figure[data-chart] canvas').first().waitFor();
await a.waitForTimeout(800); // chart.js animates its first draw
await shot(a, 'stats');
await a.goBack();
await a.getByRole('link', { name: 'Korisnici' }).click();
await a.locator('dialog.users-admin tr[data-user]').first().waitFor();
await shot(a, 'users-admin');
await a.goto(`${k.url}/urls`);
await a.locator('.url-table tbody tr').nth(2).waitFor();
await shot(a, 'urls-list');
if (insta) {
  await a.goto(`${k.url}/urls/${insta.id}`);
  await a.locator('.url-detail .url-actions li').waitFor();
  await shot(a, 'url-item');
}
await a.goto(`${k.url}/urls/figures`);
await a.locator('.url-figures [data-figure-table="platform"]').waitFor();
await shot(a, 'url-figures');

const m = await (await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true })).newPage();
await signIn(m, k.url, k.admin.email, k.admin.password);
await m.locator(`button.case-row[data-reference="${focus}"]`).waitFor();
await shot(m, 'mobile-list');
await m.locator(`button.case-row[data-reference="${focus}"]`).click();
await m.locator('.case-view .message-note').waitFor();
await shot(m, 'mobile-case');
await m.locator('.pane-details').click();
await shot(m, 'mobile-details');

await browser.close();
await k.cleanup();
process.exit(0);
