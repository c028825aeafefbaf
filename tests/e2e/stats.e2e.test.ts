import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, messages } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, ROOT, signIn, watchProblems } from './e2e-helpers.ts';

/** Cases of this year whose totals are known; each has one message from the reporter. */
const SEED = [
  { channel: 'web_form', category: 'integrity', role: 'child', firstMin: 20, closeMin: 300 },
  { channel: 'web_form', category: 'integrity', role: 'parent', firstMin: 40 },
  { channel: 'email', category: 'advice', role: 'parent', firstMin: 90, closeMin: 1200 },
  { channel: 'phone', category: 'health', role: null },
  { channel: 'facebook', category: null, role: 'teacher' },
] as const;

describe('statistics and the taxonomy in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  const dist = builtInbox();
  const supervisor = { email: 'supervizor@test.kontakt', password: 'a long enough password' };
  const counselor = { email: 'savetnik@test.kontakt', password: 'a long enough password' };

  beforeAll(async () => {
    kontakt = await startTestKontakt('postgres', { WEB_INBOX_DIR: dist });
    await addUser(kontakt, 'supervisor', supervisor.email);
    await addUser(kontakt, 'counselor', counselor.email);
    // Early this year, but never in the future: the default period is 1 January to now.
    const base = Date.UTC(new Date().getUTCFullYear(), 0, 2, 9);
    let n = 0;
    for (const s of SEED) {
      const at = new Date(base + n * 3_600_000);
      const plus = (min?: number) => (min === undefined ? null : new Date(at.getTime() + min * 60_000));
      const [c] = await kontakt.k.store.db
        .insert(cases)
        .values({
          reference: `KC-${at.getUTCFullYear()}-9${String(++n).padStart(5, '0')}`,
          kind: 'report',
          status: 'closeMin' in s ? 'closed' : 'open',
          priority: 'normal',
          category: s.category,
          channel: s.channel,
          anonymous: true,
          consent: false,
          reporterRole: s.role,
          preview: `seed ${n}`,
          createdAt: at,
          updatedAt: at,
          lastActivityAt: at,
          firstResponseDueAt: plus(1440),
          firstResponseAt: plus('firstMin' in s ? s.firstMin : undefined),
          closedAt: plus('closeMin' in s ? s.closeMin : undefined),
        })
        .returning({ id: cases.id });
      if (!c) throw new Error('seed failed');
      await kontakt.k.store.db.insert(messages).values({
        caseId: c.id,
        channel: s.channel,
        externalId: `e2e-stats-${n}`,
        text: 'seed',
        direction: 'inbound',
        createdAt: at,
        receivedAt: at,
      });
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  /** CSP reports as well as console errors: a blocked inline style must fail the test. */
  const openPage = async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    return { ctx, page, problems: watchProblems(page) };
  };
  const cspViolations = (page: Page) =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  it('a supervisor opens the statistics: figures and charts drawn under the strict CSP, CSV to download', async () => {
    const { ctx, page, problems } = await openPage();
    await signIn(page, kontakt.url, supervisor.email, supervisor.password);
    await page.getByRole('link', { name: 'Statistika' }).click();
    const dialog = page.locator('dialog.stats-view');
    await dialog.waitFor();

    await expect.poll(() => dialog.locator('[data-figure="total"] .value').textContent()).toBe('5');
    expect(await dialog.locator('[data-figure="inbound"] .value').textContent()).toBe('5');
    // Answered in time: 3 of 3 (within the 24 h stored on each case); median first answer 40 min.
    expect(await dialog.locator('[data-figure="within-target"] .value').textContent()).toBe('3 / 3');
    expect(await dialog.locator('[data-figure="median-first"] .value').textContent()).toBe('40 min');

    for (const chart of ['channel', 'category', 'reporter', 'month', 'times']) {
      const canvas = dialog.locator(`figure[data-chart="${chart}"] canvas`);
      await canvas.waitFor();
      // Chart.js sized the canvas to its box and drew on it.
      await expect
        .poll(() =>
          canvas.evaluate((el: HTMLCanvasElement) => ({
            w: el.width,
            h: el.height,
            inked: (() => {
              const ctx2d = el.getContext('2d');
              if (!ctx2d || el.width === 0 || el.height === 0) return false;
              const px = ctx2d.getImageData(0, 0, el.width, el.height).data;
              for (let i = 3; i < px.length; i += 4) if ((px[i] ?? 0) > 0) return true;
              return false;
            })(),
          })),
        )
        .toMatchObject({ inked: true });
      const box = await canvas.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(100);
    }
    // The category chart names categories in the user's language, from the taxonomy.
    expect(await dialog.locator('figure[data-chart="category"] canvas').getAttribute('aria-label')).toContain(
      'Ugrožavanje integriteta deteta 2',
    );
    expect(await dialog.locator('figure[data-chart="referrals"]').textContent()).toContain('Nema upućivanja');

    // The period picker: last year has nothing of this seed.
    await dialog.getByRole('button', { name: 'Prošla godina' }).click();
    await expect.poll(() => dialog.locator('[data-figure="total"] .value').textContent()).toBe('0');
    await dialog.getByRole('button', { name: 'Ova godina' }).click();
    await expect.poll(() => dialog.locator('[data-figure="total"] .value').textContent()).toBe('5');

    const href = await dialog.getByRole('link', { name: 'Preuzmi CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/stats\?from=\d{4}-01-01&to=\d{4}-\d\d-\d\d&format=csv$/);
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href as string);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('total,all,5,');

    await page.screenshot({ path: path.join(ROOT, 'test-artifacts', 'stats-view.png') });
    expect(await cspViolations(page)).toEqual([]);

    // The hotline's figures are one step away: the links' screen with its time to takedown.
    await dialog.getByRole('button', { name: 'Prijavljeni linkovi: vreme do uklanjanja' }).click();
    await page.waitForURL(/\/urls\/figures$/);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  });

  it('counselors get no statistics; an admin renames and retires a category and the pickers follow', async () => {
    const c = await openPage();
    await signIn(c.page, kontakt.url, counselor.email, counselor.password);
    await c.page.locator('.case-row').first().waitFor();
    expect(await c.page.locator('.open-stats').count()).toBe(0);
    expect(await c.page.locator('.open-taxonomy').count()).toBe(0);
    await c.ctx.close();

    const { ctx, page, problems } = await openPage();
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await page.getByRole('link', { name: 'Kategorije', exact: true }).click();
    const dialog = page.locator('dialog.taxonomy-admin');
    const health = dialog.locator('tr[data-code="health"]');
    await health.waitFor();
    await health.getByLabel('Naziv (latinica) — health').fill('Zdravlje deteta');
    await health.getByRole('button', { name: 'Sačuvaj nazive' }).click();
    await expect.poll(() => dialog.locator('.form-status').textContent()).toBe('Sačuvano.');
    await dialog.locator('tr[data-code="advice"]').getByRole('button', { name: 'Povuci' }).click();
    await dialog.locator('tr[data-code="advice"].retired').waitFor();

    await dialog.getByLabel('Šifra').fill('gaming');
    await dialog.getByLabel('Naziv (latinica)', { exact: true }).fill('Igrice <b>i</b> igranje');
    await dialog.getByLabel('Naziv (engleski)', { exact: true }).fill('Gaming');
    await dialog.getByRole('button', { name: 'Dodaj kategoriju' }).click();
    await dialog.locator('tr[data-code="gaming"]').waitFor();
    await dialog.getByRole('button', { name: 'Zatvori' }).click();

    // The health case's badge shows the new name; the picker of another case offers the new
    // category (its markup shown as text), and no longer the retired one.
    await page.locator('.case-row', { hasText: 'Zdravlje deteta' }).waitFor();
    await page.locator('.case-row', { hasText: 'seed 2' }).click();
    const picker = page.locator('.case-header select[data-field="category"]');
    await picker.waitFor();
    const options = await picker.locator('option').allTextContents();
    expect(options).toContain('Igrice <b>i</b> igranje');
    expect(options).toContain('Zdravlje deteta');
    expect(options).not.toContain('Savet roditeljima i nastavnicima');
    await picker.selectOption('gaming');
    await expect.poll(() => picker.inputValue()).toBe('gaming');
    expect(await page.locator('.case-header .error').count()).toBe(0);

    // The case view shows the recorded times.
    expect(await page.locator('.case-header [data-time="first-response"]').textContent()).toBe('40 min');
    expect(await page.locator('.case-header [data-time="close"]').textContent()).toBe('još nije');

    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  });
});
