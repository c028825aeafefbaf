import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

describe('case work in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  const dist = builtInbox();
  const counselor = { email: 'savetnik@test.kontakt', password: 'a long enough password' };

  beforeAll(async () => {
    kontakt = await startTestKontakt('postgres', { WEB_INBOX_DIR: dist, REPORT_RATE_LIMIT: '100' });
    await addUser(kontakt, 'counselor', counselor.email);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  const report = async (description: string) => {
    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: { description, kind: 'help', language: 'sr-Cyrl' },
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reference: string }).reference;
  };
  const rowOf = (page: Page, reference: string) => page.locator(`button.case-row[data-reference="${reference}"]`);

  it('alerts supervisors of an urgent report live and shows the first-response clock and overdue marker', async () => {
    // A case that arrived two days ago and was never answered: overdue by its 24 h target.
    const old = new Date(Date.now() - 48 * 3_600_000);
    await kontakt.k.store.db.insert(cases).values({
      reference: 'KC-2026-900001',
      kind: 'report',
      status: 'new',
      priority: 'normal',
      channel: 'email',
      anonymous: true,
      consent: false,
      preview: 'stara prijava',
      createdAt: old,
      updatedAt: old,
      lastActivityAt: old,
    });

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' });
    const sup = await ctx.newPage();
    const problems = watchProblems(sup);
    await signIn(sup, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' });
    const couns = await ctx2.newPage();
    await signIn(couns, kontakt.url, counselor.email, counselor.password);

    await rowOf(sup, 'KC-2026-900001').locator('.badge.sla-overdue', { hasText: 'Kasni' }).waitFor();

    const reference = await report('Један човек ми пише, хоће да се нађемо, не говори родитељима.');
    const alert = sup.locator(`.urgent-alert[data-reference="${reference}"]`);
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toContain('susret sa odraslom osobom sa interneta');
    await rowOf(sup, reference).locator('.badge.priority-urgent').waitFor();
    await rowOf(sup, reference).locator('.badge.sla-due', { hasText: 'Odgovor za 1' }).waitFor();

    // Counselors see the case in the list, not the supervisors' alert. A later report's row proves
    // the counselor's socket has already handled the urgent event (events arrive in order).
    const later = await report('Обично питање о подешавањима приватности.');
    await rowOf(couns, later).waitFor({ timeout: 20_000 });
    await rowOf(couns, reference).locator('.badge.priority-urgent').waitFor();
    expect(await couns.locator('.urgent-alert').count()).toBe(0);

    // Opening the case from the alert shows the clock in its header, and the alert goes away.
    await alert.getByRole('button', { name: 'Otvori predmet' }).click();
    await sup.locator('.case-header .badge.sla-due').waitFor();
    await expect.poll(() => sup.locator(`.urgent-alert[data-reference="${reference}"]`).count()).toBe(0);

    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
    await ctx2.close();
  });
});
