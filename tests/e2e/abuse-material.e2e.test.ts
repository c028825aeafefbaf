import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/store/schema/index.ts';
import { deliverMail, mimeWithFiles, sha256 } from '../fixtures/email/mail-with-files.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { ARTIFACTS, builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const PNG = Buffer.concat([
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
  Buffer.from('e2e-known'),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90)]);

describe('abuse material and legal hold in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  const dist = builtInbox();
  const hashFile = path.join(dist, '..', `known-${path.basename(dist)}.txt`);
  const counselor = { email: 'savetnica@test.kontakt', password: 'a long enough password' };
  const supervisor = { email: 'supervizor@test.kontakt', password: 'a long enough password' };
  let caseId = '';

  beforeAll(async () => {
    fs.writeFileSync(hashFile, `${sha256(PNG)} test entry\n`);
    kontakt = await startTestKontakt('postgres', { WEB_INBOX_DIR: dist, KNOWN_HASHES_FILE: hashFile });
    await addUser(kontakt, 'counselor', counselor.email);
    await addUser(kontakt, 'supervisor', supervisor.email);
    await deliverMail(
      kontakt,
      mimeWithFiles({
        subject: 'Prilozi <b>bez</b> HTML-a',
        files: [
          { name: 'slika.png', type: 'image/png', bytes: PNG },
          { name: '<img src=x onerror=alert(1)>.jpg', type: 'image/jpeg', bytes: EXE },
        ],
      }),
    );
    caseId = await eventually(async () => {
      const [c] = await kontakt.k.store.db.select({ id: cases.id }).from(cases).where(eq(cases.priority, 'urgent'));
      return c?.id;
    }, 60_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
    fs.rmSync(hashFile, { force: true });
  });

  it('counselors see a placeholder for known material and a warning for a disguised file', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, counselor.email, counselor.password);
    await page.locator('.my-reveals', { hasText: 'Otvoreno danas: 0' }).waitFor();
    await page.locator(`button.case-row[data-case-id="${caseId}"]`).click();
    const known = page.locator('.attachment.known-material');
    await known.waitFor();
    expect(await known.textContent()).toContain('vidljivo samo supervizorima');
    expect(await known.locator('button').count()).toBe(0);
    expect(await page.locator('.attachment-list').textContent()).not.toContain('slika.png');
    const disguised = page.locator('.attachment', { hasText: 'onerror' });
    await disguised.locator('.type-mismatch', { hasText: 'application/x-msdownload' }).waitFor();
    // The hostile file name is text, not markup.
    expect(await page.locator('.attachment-list img').count()).toBe(0);
    await page.locator('.legal-hold', { hasText: 'nije pod zakonskim zadržavanjem' }).waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'abuse-material-counselor.png'), fullPage: true });
    expect(await page.locator('.legal-hold button').count()).toBe(0);
    // The tag the match set is shown, with no button a counselor could only be refused by.
    const tag = page.locator('.case-extras li.tag', { hasText: 'abuse material' });
    await tag.waitFor();
    expect(await tag.locator('button').count()).toBe(0);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  }, 60_000);

  it('supervisors place a legal hold and see the counselors’ exposure', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, supervisor.email, supervisor.password);
    await page.locator(`button.case-row[data-case-id="${caseId}"]`).click();
    await page.locator('.attachment', { hasText: 'slika.png' }).locator('.known-material-note').waitFor();
    await page.getByRole('button', { name: 'Stavi pod zadržavanje' }).click();
    await page.getByLabel('Razlog').fill('Upućeno policiji <script>');
    await page.getByRole('button', { name: 'Sačuvaj' }).click();
    await page.locator('.hold-active', { hasText: 'Upućeno policiji <script>' }).waitFor();
    await page.getByRole('button', { name: 'Ukini zadržavanje' }).waitFor();
    // A supervisor may take the tag off: the chip has its remove button.
    await page
      .locator('.case-extras li.tag', { hasText: 'abuse material' })
      .getByRole('button', { name: /abuse material/ })
      .waitFor();

    await page.getByRole('link', { name: 'Izloženost savetnika' }).click();
    const row = page.locator('.reveal-counts-table tbody tr', { hasText: 'savetnica@test.kontakt' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['0', '0', '0']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'abuse-material-supervisor.png'), fullPage: true });
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  }, 60_000);
});
