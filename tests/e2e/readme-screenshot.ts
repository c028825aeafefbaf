/**
 * Regenerates docs/inbox.png (the README's screenshot) from made-up demo data:
 * `npx tsx tests/e2e/readme-screenshot.ts`. Not a test; needs Redis and Chromium like the e2e suite.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { seedUser, startTestKontakt } from '../helpers/kontakt.ts';
import { buildInbox, CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, signIn } from './e2e-helpers.ts';

buildInbox();
const k = await startTestKontakt('pglite', { WEB_INBOX_DIR: DIST, REPORT_RATE_LIMIT: '100' });
await seedUser(k, 'demo@kontakt.local', 'counselor', 'demo lozinka 123456', 'Marija (demo)');
const reports = [
  {
    description: 'Na grupi odeljenja kruže uvredljive poruke o jednom učeniku. Kako da reagujemo kao škola?',
    kind: 'help',
    category: 'advice',
    reporterRole: 'teacher',
  },
  {
    description: 'Dete provodi noći igrajući igrice i ne želi u školu. Tražimo savet.',
    kind: 'help',
    category: 'addiction',
    reporterRole: 'parent',
  },
  {
    description: 'Nepoznata osoba traži od mog druga fotografije preko društvene mreže.',
    kind: 'report',
    category: 'integrity',
    reporterRole: 'child',
    ageGroup: '13_15',
  },
  {
    description: 'Lažni profil koristi ime i sliku naše učenice.',
    kind: 'report',
    category: 'rights',
    reporterRole: 'teacher',
  },
  {
    description: 'Pitanje o podešavanjima privatnosti za dete od 10 godina.',
    kind: 'help',
    category: 'advice',
    reporterRole: 'parent',
  },
];
const refs: string[] = [];
for (const r of reports) {
  const res = await k.api('/api/reports', { method: 'POST', json: r });
  refs.push(((await res.json()) as { reference: string }).reference);
}
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const b = await (await browser.newContext({ viewport: { width: 1200, height: 760 } })).newPage();
await signIn(b, k.url, 'demo@kontakt.local', 'demo lozinka 123456');
const a = await (await browser.newContext({ viewport: { width: 1200, height: 760 } })).newPage();
await signIn(a, k.url, k.admin.email, k.admin.password);
const focus = refs[2] ?? '';
const row = (p: typeof a, ref: string) => p.locator(`button.case-row[data-reference="${ref}"]`);
await row(a, focus).waitFor();
await row(a, focus).click();
const v = a.locator('.case-view');
await v.getByRole('button', { name: 'Preuzmi predmet' }).click();
await v.getByLabel('Prioritet').selectOption('urgent');
await v.getByLabel('Tekst poruke').fill('Razgovarati sa detetom i uputiti prijavu VTK tužilaštvu.');
await v.getByRole('button', { name: 'Pošalji' }).click();
await v.locator('.message-note').waitFor();
await v.getByLabel('Oznake').fill('hitno-proveriti');
await v.getByLabel('Oznake').press('Enter');
await row(b, focus).click();
await b.locator('.case-view .message-note').waitFor();
await b.locator('.case-view .presence', { hasText: 'Administrator' }).waitFor();
await b.locator('.case-view').getByLabel('Tekst poruke').fill('Poštovani, ');
await a.locator('.case-view .presence .typing', { hasText: 'Marija' }).waitFor();
await a.locator('.tab[data-view="mine"] .count', { hasText: '1' }).waitFor();
await a.evaluate(() => {
  (document.activeElement as HTMLElement | null)?.blur();
  window.scrollTo(0, 0);
});
await a.screenshot({ path: path.join(ROOT, 'docs/inbox.png') });
await browser.close();
await k.cleanup();
process.exit(0);
